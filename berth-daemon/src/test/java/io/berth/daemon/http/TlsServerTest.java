package io.berth.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.tls.CertPool;
import io.berth.common.tls.CertifiedKey;
import io.berth.common.tls.TlsContexts;
import io.berth.common.tls.TlsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server over TLS. Fixtures in src/test/resources/tls were made with openssl as Docker's
 * "protect the daemon socket" guide makes them: a CA, a server certificate for 127.0.0.1 and
 * localhost (EC key), a client certificate (PKCS#1 RSA key), and a client certificate of another CA.
 */
class TlsServerTest {
  private static final Path TLS = Path.of("src/test/resources/tls");
  HttpServer server;
  int port;

  @BeforeEach
  void start() throws Exception {
    Router router = new Router()
        .get("/_ping", r -> Response.text(200, "OK"))
        .post("/containers/{id}/attach", r -> Response.hijack(Response.MULTIPLEXED_STREAM, (in, out) -> {
          byte[] all = in.readAllBytes(); // until the client's close_notify
          out.write(new String(all, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
          out.close(); // close_notify back: the client sees the end of the stream
        }));
    server = new HttpServer(router, new ServerInfo("Berth", "9.9.9", ApiVersion.MAX));
    ServerTls tls = ServerTls.load(file("ca.pem"), file("server-cert.pem"), file("server-key.pem"), true);
    port = server.listen(new ListenAddress.Tcp("127.0.0.1", 0), tls, "").port();
  }

  @AfterEach
  void stop() {
    server.shutdown(Duration.ofSeconds(1));
  }

  private static String file(String name) {
    return TLS.resolve(name).toString();
  }

  private SSLSocket connect(String cert, String key, String ca) throws Exception {
    CertifiedKey identity = cert == null ? null
        : CertifiedKey.parse(java.nio.file.Files.readAllBytes(TLS.resolve(cert)), java.nio.file.Files.readAllBytes(TLS.resolve(key)));
    SSLContext context = TlsContexts.create(identity, CertPool.parse(java.nio.file.Files.readAllBytes(TLS.resolve(ca))), false);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSSLParameters(TlsContexts.parameters(context));
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static String exchange(Socket socket, String request) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void clientWithTheCasCertificateIsServed() throws Exception {
    try (SSLSocket socket = connect("cert.pem", "key.pem", "ca.pem")) {
      String answer = exchange(socket, "GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
      assertTrue(answer.endsWith("\r\n\r\nOK"), answer);
    }
  }

  @Test
  void clientsWithoutACertificateOrWithAnotherCasAreRefused() throws Exception {
    for (String cert : new String[] {null, "other-cert.pem"}) {
      try (SSLSocket socket = connect(cert, "key.pem", "ca.pem")) {
        assertThrows(IOException.class, () -> exchange(socket, "GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n"), String.valueOf(cert));
      }
    }
  }

  @Test
  void plainHttpToTheTlsPortIsToldSo() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertEquals("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n",
          exchange(socket, "GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n"));
    }
  }

  @Test
  void hijackedStreamsHalfCloseOverTls() throws Exception {
    try (SSLSocket socket = connect("cert.pem", "key.pem", "ca.pem")) {
      OutputStream out = socket.getOutputStream();
      out.write("POST /containers/c1/attach HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.write("hello tls".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      assertTrue(head.startsWith("HTTP/1.1 101 UPGRADED"), head);
      socket.shutdownOutput(); // close_notify: stdin ended, the output must go on
      assertEquals("HELLO TLS", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  @Test
  void badFilesFailWithGoConnectionsWords() {
    assertEquals("could not read CA certificate \"/nonexistent/ca.pem\": open /nonexistent/ca.pem: no such file or directory",
        assertThrows(TlsException.class, () -> ServerTls.load("/nonexistent/ca.pem", file("server-cert.pem"),
            file("server-key.pem"), true)).getMessage());
    assertEquals("could not load X509 key pair (cert: \"\", key: \"\"): open : no such file or directory",
        assertThrows(TlsException.class, () -> ServerTls.load("/nonexistent/ca.pem", "", "", true)).getMessage());
    assertEquals("error reading X509 key pair - make sure the key is not encrypted (cert: \"" + file("server-cert.pem")
            + "\", key: \"" + file("key.pem") + "\"): tls: private key type does not match public key type",
        assertThrows(TlsException.class, () -> ServerTls.load("", file("server-cert.pem"), file("key.pem"), true)).getMessage());
    assertEquals("failed to append certificates from PEM file: \"" + file("key.pem") + "\"",
        assertThrows(TlsException.class, () -> ServerTls.load(file("key.pem"), file("server-cert.pem"),
            file("server-key.pem"), true)).getMessage());
  }
}
