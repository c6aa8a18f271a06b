package io.berth.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The API's TLS settings after dockerd's rules ({@code cmd/dockerd/options.go} setDefaultOptions and
 * {@code daemon.go} loadDaemonCliConfig): {@code --tlsverify} (even {@code =false}) turns TLS on;
 * {@code --tls} alone verifies clients unless {@code --tlsverify=false}; the certificate files
 * default to ~/.docker (or $DOCKER_CERT_PATH) only when TLS was asked for by flag, the default
 * cert and key only if they exist; daemon.json's values override those defaults, and a
 * {@code tlsverify} key in the file turns TLS on whatever its value.
 *
 * @param tls null when neither flag nor file said (dockerd's nil *bool)
 * @param verify null when unset: clients are then verified if TLS is on
 */
public record DaemonTls(Boolean tls, Boolean verify, String caFile, String certFile, String keyFile) {

  static DaemonTls resolve(DaemonFlags flags, DaemonConfigFile file, Map<String, String> env) {
    boolean verifyChanged = flags.isSet("tlsverify");
    boolean flagVerify = verifyChanged ? flags.bool("tlsverify") : !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty();
    boolean flagTls = flags.bool("tls") || verifyChanged || flagVerify;
    if (flagTls && !verifyChanged) {
      flagVerify = true;
    }
    String ca = "";
    String cert = "";
    String key = "";
    if (flagTls) {
      ca = flags.string("tlscacert");
      cert = flags.isSet("tlscert") || Files.exists(Path.of(flags.string("tlscert"))) ? flags.string("tlscert") : "";
      key = flags.isSet("tlskey") || Files.exists(Path.of(flags.string("tlskey"))) ? flags.string("tlskey") : "";
    }
    Boolean tls = flags.isSet("tls") ? flagTls : null;
    Boolean verify = null;
    if (verifyChanged) {
      verify = flagVerify;
      tls = true;
    }
    // The file fills what the flags left unset (flag and file never both set one: DaemonOptions refuses that).
    if (file.get("tls") instanceof Boolean b) {
      tls = b;
    }
    if (file.get("tlsverify") instanceof Boolean b) {
      verify = b;
    }
    ca = fromFile(file, "tlscacert", ca);
    cert = fromFile(file, "tlscert", cert);
    key = fromFile(file, "tlskey", key);
    if (file.has("tlsverify")) {
      tls = true;
    }
    if (verify == null && tls != null) {
      verify = tls;
    }
    return new DaemonTls(tls, verify, ca, cert, key);
  }

  private static String fromFile(DaemonConfigFile file, String key, String flagValue) {
    return file.get(key) instanceof String value && !value.isEmpty() ? value : flagValue;
  }

  /** Whether the API is served over TLS on TCP and fd:// listeners. */
  public boolean enabled() {
    return tls != null && tls;
  }

  /** Whether clients must present a certificate signed by the CA (--tlsverify). */
  public boolean verifyClients() {
    return enabled() && (verify == null || verify);
  }

  /**
   * dockerd's checkTLSAuthOK: TLS explicitly off, or on with verification explicitly chosen;
   * otherwise binding a non-loopback address without --tlsverify slows start-up down.
   */
  boolean explicit() {
    return tls != null && (!tls || verify != null);
  }
}
