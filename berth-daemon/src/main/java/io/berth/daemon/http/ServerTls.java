package io.berth.daemon.http;

import io.berth.common.tls.CertPool;
import io.berth.common.tls.CertifiedKey;
import io.berth.common.tls.TlsContexts;
import io.berth.common.tls.TlsException;
import io.berth.common.tls.TlsFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The API's TLS as dockerd sets it up (go-connections {@code tlsconfig.Server}): the server's
 * certificate and key, and with {@code --tlsverify} client certificates required and checked
 * against the CA file only (the JDK's roots when no CA file is named).
 */
public record ServerTls(SSLContext context, boolean requireClientCert) {

  /** Loads the files; the message of a failure is go-connections' (dockerd prefixes "invalid TLS configuration: "). */
  public static ServerTls load(String caFile, String certFile, String keyFile, boolean verify) throws TlsException {
    CertifiedKey identity;
    try {
      identity = CertifiedKey.parse(TlsFiles.read(certFile), TlsFiles.read(keyFile));
    } catch (TlsFiles.ReadException e) {
      throw new TlsException((e.notExist() ? "could not load X509 key pair" : keyPairError())
          + " (cert: " + TlsFiles.quote(certFile) + ", key: " + TlsFiles.quote(keyFile) + "): " + e.getMessage());
    } catch (TlsException e) {
      throw new TlsException(keyPairError() + " (cert: " + TlsFiles.quote(certFile) + ", key: "
          + TlsFiles.quote(keyFile) + "): " + e.getMessage(), e);
    }
    List<X509Certificate> clientCas = null;
    if (verify && !caFile.isEmpty()) {
      byte[] pem;
      try {
        pem = TlsFiles.read(caFile);
      } catch (TlsFiles.ReadException e) {
        throw new TlsException("could not read CA certificate " + TlsFiles.quote(caFile) + ": " + e.getMessage());
      }
      clientCas = CertPool.parse(pem);
      if (clientCas.isEmpty()) {
        throw new TlsException("failed to append certificates from PEM file: " + TlsFiles.quote(caFile));
      }
    }
    return new ServerTls(TlsContexts.create(identity, clientCas, false), verify);
  }

  private static String keyPairError() {
    return "error reading X509 key pair - make sure the key is not encrypted";
  }

  /**
   * Server-side TLS over an accepted socket; {@code consumed} are bytes already read from it. The
   * TLS layer never closes the socket itself (the transport does), so that a refused handshake
   * can be followed by reading away the client's request: closing with it unread would reset
   * the connection and could destroy the alert before the client reads why it was refused.
   */
  SSLSocket wrap(Socket socket, byte[] consumed) throws IOException {
    SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, new ByteArrayInputStream(consumed), false);
    SSLParameters parameters = TlsContexts.parameters(context);
    parameters.setNeedClientAuth(requireClientCert);
    ssl.setSSLParameters(parameters);
    ssl.setUseClientMode(false);
    return ssl;
  }
}
