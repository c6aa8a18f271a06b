package io.berth.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * SSL contexts for {@link Endpoint.Tls}: the system's CAs plus a certs.d directory's {@code *.crt},
 * a client key pair from {@code client.cert}/{@code client.key} (PEM), or, for an insecure
 * registry, no verification at all (as Go's InsecureSkipVerify).
 */
final class TlsContexts {
  private TlsContexts() {}

  static SSLContext create(Endpoint.Tls tls) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(tls.clientCert() == null ? null : keyManagers(tls.clientCert(), tls.clientKey()).getKeyManagers(),
          tls.verify() ? trustManagers(tls.caFiles()) : new TrustManager[] {new TrustAll()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS configuration: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(List<Path> caFiles) throws GeneralSecurityException, IOException {
    TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    system.init((KeyStore) null);
    if (caFiles.isEmpty()) {
      return goWorded(system.getTrustManagers());
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (TrustManager tm : system.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        for (X509Certificate c : x.getAcceptedIssuers()) {
          store.setCertificateEntry("system-" + i++, c);
        }
      }
    }
    for (Path file : caFiles) {
      for (Certificate c : certificates(file)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
    }
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    return goWorded(f.getTrustManagers());
  }

  /** The JDK's trust managers, their refusals in Go's words ({@link GoX509}). */
  private static TrustManager[] goWorded(TrustManager[] managers) {
    TrustManager[] out = managers.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof X509ExtendedTrustManager x) {
        out[i] = new GoX509.Trust(x);
      }
    }
    return out;
  }

  private static KeyManagerFactory keyManagers(Path cert, Path key) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] none = new char[0];
    store.setKeyEntry("client", privateKey(Files.readString(key)), none,
        certificates(cert).toArray(Certificate[]::new));
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(store, none);
    return f;
  }

  private static List<Certificate> certificates(Path file) throws GeneralSecurityException, IOException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    try (InputStream in = Files.newInputStream(file)) {
      return new ArrayList<>(cf.generateCertificates(in));
    }
  }

  /** A PEM private key: PKCS#8, or PKCS#1 RSA / SEC1 EC as openssl writes them (wrapped into PKCS#8). */
  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    String type = pem.substring(pem.indexOf("-----BEGIN ") + 11, pem.indexOf("-----", pem.indexOf("-----BEGIN ") + 11));
    String body = pem.substring(pem.indexOf('\n', pem.indexOf("-----BEGIN ")) + 1, pem.indexOf("-----END"));
    byte[] der = Base64.getMimeDecoder().decode(body);
    return switch (type) {
      case "PRIVATE KEY" -> {
        try {
          yield KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
          yield KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
      }
      case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
          pkcs8(new byte[] {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01,
              0x05, 0x00}, der)));
      default -> throw new GeneralSecurityException("unsupported private key type " + type);
    };
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING key }. */
  private static byte[] pkcs8(byte[] algorithmOidAndParams, byte[] key) {
    byte[] algorithm = der(0x30, algorithmOidAndParams);
    byte[] octets = der(0x04, key);
    byte[] version = {0x02, 0x01, 0x00};
    byte[] content = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, content, 0, version.length);
    System.arraycopy(algorithm, 0, content, version.length, algorithm.length);
    System.arraycopy(octets, 0, content, version.length + algorithm.length, octets.length);
    return der(0x30, content);
  }

  private static byte[] der(int tag, byte[] content) {
    int len = content.length;
    byte[] header;
    if (len < 0x80) {
      header = new byte[] {(byte) tag, (byte) len};
    } else if (len < 0x100) {
      header = new byte[] {(byte) tag, (byte) 0x81, (byte) len};
    } else if (len < 0x10000) {
      header = new byte[] {(byte) tag, (byte) 0x82, (byte) (len >> 8), (byte) len};
    } else {
      header = new byte[] {(byte) tag, (byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
    }
    byte[] out = new byte[header.length + len];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(content, 0, out, header.length, len);
    return out;
  }

  /** Accepts any certificate and any host name: an insecure registry's TLS (never the default). */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

}
