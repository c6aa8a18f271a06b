package io.berth.cli;

import io.berth.client.BerthClient;
import io.berth.client.HostAddress;
import io.berth.client.TlsConnector;
import io.berth.client.TlsOptions;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** What a command runs with: its streams, the environment, global flags and a lazy client. */
public final class CliContext {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final GlobalOptions globals;
  private BerthClient client;

  public CliContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
      GlobalOptions globals) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
    this.globals = globals;
  }

  public InputStream in() {
    return in;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public Map<String, String> env() {
    return env;
  }

  public GlobalOptions globals() {
    return globals;
  }

  /** The Engine API client, created on first use (commands that need no daemon never pay for it). */
  public BerthClient client() {
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

  /** The volume endpoints of {@link #client()}. */
  public io.berth.client.VolumeClient volumes() {
    return new io.berth.client.VolumeClient(client());
  }

  /** The container endpoints of {@link #client()}. */
  public io.berth.client.ContainerClient containers() {
    return new io.berth.client.ContainerClient(client());
  }

  /** Whether standard stream {@code fd} (0, 1, 2) is a terminal. */
  public boolean isTerminal(int fd) {
    return Terminal.isTerminal(fd);
  }

  /** Docker's context name: always "default" (berth has no contexts). */
  public String contextName() {
    return globals.context() == null ? "default" : globals.context();
  }
}
