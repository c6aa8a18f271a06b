package io.berth.common.tls;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Go's {@code CertPool.AppendCertsFromPEM}: the certificates of a CA file; other blocks and bad ones are skipped. */
public final class CertPool {
  private CertPool() {}

  /** The certificates found; empty when there is none (Go's AppendCertsFromPEM returns false). */
  public static List<X509Certificate> parse(byte[] pem) {
    List<X509Certificate> certs = new ArrayList<>();
    for (Pem.Block block : Pem.decode(pem)) {
      if (!block.type().equals("CERTIFICATE") || !block.headers().isEmpty()) {
        continue;
      }
      try {
        certs.add(CertifiedKey.certificate(block.bytes()));
      } catch (TlsException e) {
        // skipped, as Go skips it
      }
    }
    return List.copyOf(certs);
  }
}
