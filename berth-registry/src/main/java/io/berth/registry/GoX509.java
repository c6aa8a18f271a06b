package io.berth.registry;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A server certificate refused in crypto/x509's words (Go 1.19, dockerd 20.10's), checked in its
 * order: validity, then the host name, then the chain. The JDK decides whether to refuse; this
 * only says why as Go would.
 */
final class GoX509 {
  private GoX509() {}

  /** Go's reason for refusing {@code leaf} when connecting to {@code host}. */
  static String reason(X509Certificate leaf, String host, Instant now) {
    if (now.isAfter(leaf.getNotAfter().toInstant())) {
      return "x509: certificate has expired or is not yet valid: current time " + rfc3339(now) + " is after "
          + rfc3339(leaf.getNotAfter().toInstant());
    }
    if (now.isBefore(leaf.getNotBefore().toInstant())) {
      return "x509: certificate has expired or is not yet valid: current time " + rfc3339(now) + " is before "
          + rfc3339(leaf.getNotBefore().toInstant());
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    List<String> ips = sans(leaf, 7);
    List<String> names = sans(leaf, 2);
    if (h.matches("[0-9.]+|.*:.*")) {
      if (ips.isEmpty()) {
        return "x509: cannot validate certificate for " + h + " because it doesn't contain any IP SANs";
      }
      for (String ip : ips) {
        if (sameAddress(ip, h)) {
          return "x509: certificate signed by unknown authority";
        }
      }
      return "x509: certificate is valid for " + String.join(", ", ips) + ", not " + h;
    }
    if (names.isEmpty()) {
      return "x509: certificate relies on legacy Common Name field, use SANs instead";
    }
    for (String name : names) {
      if (matches(name, h)) {
        return "x509: certificate signed by unknown authority";
      }
    }
    return "x509: certificate is valid for " + String.join(", ", names) + ", not " + h;
  }

  private static String rfc3339(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static List<String> sans(X509Certificate cert, int type) {
    List<String> out = new ArrayList<>();
    try {
      if (cert.getSubjectAlternativeNames() != null) {
        for (List<?> san : cert.getSubjectAlternativeNames()) {
          if (san.get(0) instanceof Integer t && t == type) {
            out.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // no readable names
    }
    return out;
  }

  private static boolean sameAddress(String a, String b) {
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b)); // literals: never looked up
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Go's matchHostnames: case-insensitive, a {@code *} only as the whole leftmost label. */
  private static boolean matches(String pattern, String host) {
    String[] p = pattern.toLowerCase(Locale.ROOT).split("\\.");
    String[] h = host.toLowerCase(Locale.ROOT).split("\\.");
    if (p.length != h.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (!(i == 0 && p[i].equals("*")) && !p[i].equals(h[i])) {
        return false;
      }
    }
    return true;
  }

  /** The JDK's verification, its refusals reworded as Go's (the JDK's reason stays the cause). */
  static final class Trust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager jdk;

    Trust(X509ExtendedTrustManager jdk) {
      this.jdk = jdk;
    }

    private static CertificateException reworded(X509Certificate[] chain, String host, CertificateException e) {
      if (chain == null || chain.length == 0 || host == null) {
        return e;
      }
      return new CertificateException(reason(chain[0], host, Instant.now()), e);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      try {
        jdk.checkServerTrusted(chain, authType, engine);
      } catch (CertificateException e) {
        throw reworded(chain, engine == null ? null : engine.getPeerHost(), e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      try {
        jdk.checkServerTrusted(chain, authType, socket);
      } catch (CertificateException e) {
        throw reworded(chain, socket == null ? null : socket.getInetAddress().getHostAddress(), e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      jdk.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      jdk.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      jdk.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      jdk.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return jdk.getAcceptedIssuers();
    }
  }
}
