package io.berth.common.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * JDK TLS contexts configured as Docker's {@code go-connections/tlsconfig} configures Go's: TLS 1.2
 * at least, and for 1.2 only the ECDHE suites with AES-GCM or ChaCha20 that Docker allows.
 */
public final class TlsContexts {
  public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  public static final String[] CIPHER_SUITES = {
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};

  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /**
   * A context that presents {@code identity} (may be null for a client without a certificate)
   * and trusts {@code roots}: only those when given, the JDK's default roots when null, anyone
   * when {@code trustAll} (the client's {@code --tls} without {@code --tlsverify}).
   */
  public static SSLContext create(CertifiedKey identity, List<X509Certificate> roots, boolean trustAll) throws TlsException {
    try {
      KeyManager[] keyManagers = null;
      if (identity != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("identity", identity.key(), NO_PASSWORD, identity.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, NO_PASSWORD);
        keyManagers = factory.getKeyManagers();
      }
      TrustManager[] trustManagers;
      if (trustAll) {
        trustManagers = new TrustManager[] {new TrustAll()};
      } else {
        KeyStore trusted = null;
        if (roots != null) {
          trusted = KeyStore.getInstance("PKCS12");
          trusted.load(null, null);
          int n = 0;
          for (X509Certificate root : roots) {
            trusted.setCertificateEntry("ca-" + n++, root);
          }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        trustManagers = factory.getTrustManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, trustManagers, null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new TlsException("tls: " + e.getMessage(), e);
    }
  }

  /** Docker's protocol versions and suites, restricted to what this JDK offers. */
  public static SSLParameters parameters(SSLContext context) {
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(PROTOCOLS);
    List<String> supported = List.of(context.getSupportedSSLParameters().getCipherSuites());
    parameters.setCipherSuites(java.util.Arrays.stream(CIPHER_SUITES).filter(supported::contains).toArray(String[]::new));
    return parameters;
  }

  /** Go's InsecureSkipVerify: any server certificate is accepted. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
