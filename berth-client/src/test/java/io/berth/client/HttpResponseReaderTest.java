package io.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {
  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String body(HttpResponse r) throws IOException {
    return new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void contentLengthBodyStopsAtLength() throws IOException {
    InputStream in = stream("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\nhelloEXTRA");
    HttpResponse r = HttpResponseReader.read(in, false, null);
    assertEquals(200, r.status());
    assertEquals("OK", r.reason());
    assertEquals("application/json", r.header("content-type"));
    assertEquals("hello", body(r));
  }

  @Test
  void chunkedBodyIsDecodedWithExtensionsAndTrailers() throws IOException {
    InputStream in = stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "4\r\nWiki\r\n6;ext=1\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-Trailer: y\r\n\r\nNEXT");
    HttpResponse r = HttpResponseReader.read(in, false, null);
    assertEquals("Wikipedia in \r\n\r\nchunks.", body(r));
    assertEquals('N', in.read());
  }

  @Test
  void truncatedChunkFails() throws IOException {
    HttpResponse r = HttpResponseReader.read(stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc"), false, null);
    assertThrows(IOException.class, () -> r.body().readAllBytes());
  }

  @Test
  void truncatedContentLengthFails() throws IOException {
    HttpResponse r = HttpResponseReader.read(stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), false, null);
    assertThrows(IOException.class, () -> r.body().readAllBytes());
  }

  @Test
  void switchingProtocolsKeepsRawStreamIncludingBufferedBytes() throws IOException {
    InputStream in = stream("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0002hi");
    HttpResponse r = HttpResponseReader.read(in, false, null);
    assertEquals(101, r.status());
    StreamFrameReader.Frame frame = new StreamFrameReader(r.body()).next();
    assertEquals(1, frame.stream());
    assertEquals("hi", new String(frame.payload(), StandardCharsets.UTF_8));
  }

  @Test
  void headAndNoContentHaveEmptyBodies() throws IOException {
    HttpResponse head = HttpResponseReader.read(stream("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nApi-Version: 1.41\r\n\r\n"), true, null);
    assertEquals("", body(head));
    assertEquals("1.41", head.header("API-VERSION"));
    HttpResponse noContent = HttpResponseReader.read(stream("HTTP/1.1 204 No Content\r\n\r\n"), false, null);
    assertEquals(204, noContent.status());
    assertEquals("", body(noContent));
  }

  @Test
  void bodyWithoutLengthRunsToEof() throws IOException {
    HttpResponse r = HttpResponseReader.read(stream("HTTP/1.0 200 OK\n\nall of it"), false, null);
    assertEquals("all of it", body(r));
  }

  @Test
  void malformedStatusLineIsRejected() {
    assertThrows(IOException.class, () -> HttpResponseReader.read(stream("garbage\r\n\r\n"), false, null));
    assertThrows(IOException.class, () -> HttpResponseReader.read(stream(""), false, null));
    assertThrows(IOException.class, () -> HttpResponseReader.read(stream("HTTP/1.1 200 OK\r\nBad header\r\n\r\n"), false, null));
  }
}
