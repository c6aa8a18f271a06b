package io.berth.client;

import io.berth.common.tls.CertPool;
import io.berth.common.tls.CertifiedKey;
import io.berth.common.tls.Pem;
import io.berth.common.tls.TlsContexts;
import io.berth.common.tls.TlsException;
import io.berth.common.tls.TlsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS to a TCP daemon, set up as the Docker CLI sets it up (docker/cli {@code context/docker/load.go}
 * tlsConfig): the CA (only it) is trusted, the client certificate is presented when both it and
 * its key are there, and {@code --tls} without {@code --tlsverify} checks nothing. Loaded only when
 * TLS is on, so that the CLI's plain start-up never loads the JDK's TLS classes.
 */
public final class TlsConnector {
  /** Failed setup, worded as the Docker CLI's "Failed to initialize: ..." reason. */
  public static final class SetupException extends Exception {
    SetupException(String message) {
      super(message);
    }
  }

  private final boolean verify;
  private final SSLContext context; // null: no TLS data and verification on, which the CLI takes as plain HTTP

  private TlsConnector(boolean verify, SSLContext context) {
    this.verify = verify;
    this.context = context;
  }

  /** Reads the files (as TLSDataFromFiles) and builds the context (as tlsConfig). */
  public static TlsConnector load(TlsOptions options) throws SetupException {
    byte[] ca = read(options.caFile());
    byte[] cert = read(options.certFile());
    byte[] key = read(options.keyFile());
    boolean skipVerify = !options.verify();
    if (ca == null && cert == null && key == null && !skipVerify) {
      return new TlsConnector(true, null);
    }
    List<X509Certificate> roots = null;
    if (ca != null) {
      roots = CertPool.parse(ca);
      if (roots.isEmpty()) {
        throw new SetupException("failed to retrieve context tls info: ca.pem seems invalid");
      }
    }
    CertifiedKey identity = null;
    if (cert != null && key != null) {
      List<Pem.Block> blocks = Pem.decode(key);
      if (blocks.isEmpty()) {
        throw new SetupException("no valid private key found");
      }
      if (blocks.getFirst().legacyEncrypted()) {
        throw new SetupException("private key is encrypted - support for encrypted private keys has been removed,"
            + " see https://docs.docker.com/go/deprecated/");
      }
      try {
        identity = CertifiedKey.parse(cert, key);
      } catch (TlsException e) {
        throw new SetupException("failed to retrieve context tls info: " + e.getMessage());
      }
    }
    try {
      return new TlsConnector(!skipVerify, TlsContexts.create(identity, roots, skipVerify));
    } catch (TlsException e) {
      throw new SetupException(e.getMessage());
    }
  }

  private static byte[] read(String path) throws SetupException {
    if (path == null || path.isEmpty()) {
      return null;
    }
    try {
      return TlsFiles.read(path);
    } catch (TlsFiles.ReadException e) {
      throw new SetupException("unable to resolve docker endpoint: " + e.getMessage());
    }
  }

  /** Whether requests go over TLS (https). */
  boolean active() {
    return context != null;
  }

  /** Connects to host:port and wraps the socket in TLS; the handshake happens with the first request. */
  Connection.Link connect(HostAddress host) throws IOException {
    Socket raw = new Socket();
    try {
      raw.connect(new InetSocketAddress(host.host(), host.port()));
      raw.setTcpNoDelay(true);
      SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(raw, host.host(), host.port(), true);
      SSLParameters parameters = TlsContexts.parameters(context);
      if (verify) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // Go checks the name the URL gives
      }
      socket.setSSLParameters(parameters);
      return new TlsLink(socket);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Go's wording of a failed handshake, as the Docker CLI prints it after the request's URL. */
  static String describe(IOException e, HostAddress host) {
    String message = String.valueOf(e.getMessage());
    if (!(e instanceof SSLException)) {
      return message;
    }
    int alert = message.indexOf("Received fatal alert: ");
    if (alert >= 0) {
      String name = message.substring(alert + "Received fatal alert: ".length()).strip();
      return "remote error: tls: " + switch (name) {
        case "bad_certificate" -> "bad certificate";
        case "certificate_required" -> "certificate required";
        case "unknown_ca" -> "unknown certificate authority";
        case "handshake_failure" -> "handshake failure";
        case "protocol_version" -> "protocol version not supported";
        default -> name.replace('_', ' ');
      };
    }
    if (message.contains("PKIX") || message.contains("certification path")) {
      return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
    }
    if (message.contains("No subject alternative") || message.contains("No name matching")) {
      return "tls: failed to verify certificate: x509: certificate is not valid for " + host.host();
    }
    if (message.contains("Unsupported or unrecognized SSL message")) {
      return "http: server gave HTTP response to HTTPS client";
    }
    return message;
  }

  /** An SSLSocket as a connection's link: the JDK lets one thread read while another writes. */
  private record TlsLink(SSLSocket socket) implements Connection.Link {
    @Override
    public InputStream in() throws IOException {
      return socket.getInputStream();
    }

    @Override
    public OutputStream out() throws IOException {
      return socket.getOutputStream();
    }

    @Override
    public void shutdownOutput() throws IOException {
      socket.shutdownOutput(); // close_notify: the daemon sees the end of stdin; its output goes on
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
