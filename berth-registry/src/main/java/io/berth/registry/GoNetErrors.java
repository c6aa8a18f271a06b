package io.berth.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The JDK's network and TLS failures in the words of Go's net/http, which is what dockerd (and
 * so every script that reads its errors) reports: {@code dial tcp 127.0.0.1:5999: connect:
 * connection refused}, {@code x509: certificate signed by unknown authority}, {@code http: server
 * gave HTTP response to HTTPS client}.
 */
final class GoNetErrors {
  private GoNetErrors() {}

  static String describe(IOException e, URI uri) {
    if (e instanceof ConnectException) {
      return "dial tcp " + address(uri) + ": connect: connection refused";
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "dial tcp " + address(uri) + ": i/o timeout";
    }
    if (e instanceof HttpTimeoutException) {
      return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
    }
    if (e instanceof UnknownHostException) {
      return "dial tcp: lookup " + uri.getHost() + ": no such host";
    }
    if (e instanceof SSLHandshakeException h && certificateProblem(h)) {
      return x509(h);
    }
    if (e instanceof SSLException) {
      return "http: server gave HTTP response to HTTPS client";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static boolean certificateProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("PKIX") || m.contains("certificate") || m.contains("subject alternative")
          || t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  /** crypto/x509's reason ({@link GoX509} words the trust managers' refusals), else an unknown authority. */
  private static String x509(SSLHandshakeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith("x509: ")) {
        return t.getMessage();
      }
    }
    return "x509: certificate signed by unknown authority";
  }

  /** The address Go dialled: the host's first address and the port, {@code [v6]:port} for IPv6. */
  private static String address(URI uri) {
    int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    String host = uri.getHost();
    try {
      host = host.equals("localhost") ? "127.0.0.1" : InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      // keep the name
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
