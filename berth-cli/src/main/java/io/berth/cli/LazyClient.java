package io.berth.cli;

import io.berth.client.BerthClient;
import io.berth.client.HostAddress;
import io.berth.client.TlsConnector;
import io.berth.client.TlsOptions;
import java.util.Map;

/** The Engine API client of the global flags and environment, made on first use (commands that need no daemon never pay for it). */
final class LazyClient {
  private final GlobalOptions globals;
  private final Map<String, String> env;
  private BerthClient client;

  LazyClient(GlobalOptions globals, Map<String, String> env) {
    this.globals = globals;
    this.env = env;
  }

  BerthClient get() {
    if (client == null) {
      TlsOptions tls = TlsOptions.resolve(globals.tls(), globals.tlsVerify(), globals.tlsCaCert(), globals.tlsCert(),
          globals.tlsKey(), env);
      HostAddress host;
      try {
        host = HostAddress.resolve(globals.host(), env, tls != null);
      } catch (IllegalArgumentException e) {
        throw new CliError(e.getMessage(), 1);
      }
      client = new BerthClient(host, env.get("DOCKER_API_VERSION"), tls == null ? null : ClientTls.load(tls));
    }
    return client;
  }

  /** Kept apart so that the TLS classes load only when TLS is on (start-up time). */
  private static final class ClientTls {
    static TlsConnector load(TlsOptions options) {
      try {
        return TlsConnector.load(options);
      } catch (TlsConnector.SetupException e) {
        throw new CliError("Failed to initialize: " + e.getMessage(), 1);
      }
    }
  }
}
