package io.berth.client;

import io.berth.common.tls.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Docker CLI's TLS settings (docker/cli {@code cli/flags/options.go}): {@code --tls} (default:
 * $DOCKER_TLS set), {@code --tlsverify} (default: $DOCKER_TLS_VERIFY set, and given at all it
 * turns TLS on), and the CA, certificate and key, by default {@code ca.pem}, {@code cert.pem} and
 * {@code key.pem} in $DOCKER_CERT_PATH, else $DOCKER_CONFIG, else ~/.docker. A default
 * certificate or key that does not exist is left out; the CA file is always read.
 *
 * @param verify false for {@code --tls} alone: the daemon's certificate is not checked
 */
public record TlsOptions(boolean verify, String caFile, String certFile, String keyFile) {

  /**
   * The options from the global flags (null for a flag not given) and the environment; null when
   * TLS is off.
   */
  public static TlsOptions resolve(Boolean tls, Boolean tlsVerify, String caFile, String certFile, String keyFile,
      Map<String, String> env) {
    boolean verify = tlsVerify != null ? tlsVerify : !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty();
    boolean on = tls != null ? tls : !env.getOrDefault("DOCKER_TLS", "").isEmpty();
    if (tlsVerify != null || verify) {
      on = true;
    }
    if (!on) {
      return null;
    }
    String dir = TlsFiles.dockerCertPath(env);
    String cert = certFile != null ? certFile : existing(dir + "/cert.pem");
    String key = keyFile != null ? keyFile : existing(dir + "/key.pem");
    return new TlsOptions(verify, caFile != null ? caFile : dir + "/ca.pem", cert, key);
  }

  private static String existing(String path) {
    return Files.exists(Path.of(path)) ? path : "";
  }
}
