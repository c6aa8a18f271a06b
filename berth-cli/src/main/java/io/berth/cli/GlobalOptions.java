package io.berth.cli;

/**
 * The flags given before the command name, as Docker accepts them. The TLS flags are null when
 * not given (their defaults come from the environment: see {@link io.berth.client.TlsOptions}).
 */
public record GlobalOptions(String host, boolean debug, String logLevel, String config, String context,
    Boolean tls, Boolean tlsVerify, String tlsCaCert, String tlsCert, String tlsKey) {
  public static final GlobalOptions NONE = new GlobalOptions(null, false, "info", null, null, null, null, null, null, null);
}
