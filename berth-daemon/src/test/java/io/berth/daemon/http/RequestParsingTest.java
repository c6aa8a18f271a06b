package io.berth.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestParsingTest extends ServerTestBase {
  @Override
  Router routes() {
    return new Router()
        .post("/echo", r -> Response.bytes(200, "application/octet-stream", r.bodyBytes()))
        .post("/ignore", r -> Response.noContent())
        .post("/json", r -> Response.json(r.jsonObject()))
        .get("/headers", r -> Response.json(Json.map(
            "agent", r.header("user-agent"), "all", r.headers().all("X-Multi"), "query", r.query().all("t"))))
        .get("/path/{name:.*}/end", r -> Response.text(200, r.param("name")));
  }

  @Test
  void contentLengthBodyAndKeepAlive() throws Exception {
    try (TestClient client = fixture.client()) {
      var first = client.request("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
      assertEquals(200, first.status());
      assertEquals("hello", first.text());
      assertFalse(first.headers().has("Connection"));
      var second = client.request("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
      assertEquals("abc", second.text());
    }
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailers() throws Exception {
    try (TestClient client = fixture.client()) {
      var answer = client.request("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: y\r\n\r\n");
      assertEquals("hello, world", answer.text());
      // the connection is still in step: a second request works
      assertEquals("ok", client.request("POST /echo HTTP/1.1\r\nContent-Length: 2\r\n\r\nok").text());
    }
  }

  @Test
  void chunkedBodyWrittenInManySmallPiecesArrivesWhole() throws Exception {
    // as the Docker CLI sends a build context: one chunk per write of a few hundred bytes, the reader
    // waiting between socket reads (ConnectionInput.gathering) must still see every byte in order
    StringBuilder expected = new StringBuilder();
    try (TestClient client = fixture.client()) {
      client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int i = 0; i < 300; i++) {
        String piece = ("piece " + i + " ").repeat(1 + i % 40);
        expected.append(piece);
        client.send(Integer.toHexString(piece.length()) + "\r\n" + piece + "\r\n");
        if (i % 50 == 0) {
          Thread.sleep(5); // some pieces find the socket empty, some find it holding several
        }
      }
      client.send("0\r\n\r\n");
      var answer = client.read(false);
      assertEquals(expected.toString(), answer.text());
      assertEquals("ok", client.request("POST /echo HTTP/1.1\r\nContent-Length: 2\r\n\r\nok").text());
    }
  }

  @Test
  void unreadBodyIsDrainedBeforeTheNextRequest() throws Exception {
    try (TestClient client = fixture.client()) {
      assertEquals(204, client.request("POST /ignore HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789").status());
      assertEquals(204, client.request("POST /ignore HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n").status());
      assertEquals("next", client.request("POST /echo HTTP/1.1\r\nContent-Length: 4\r\n\r\nnext").text());
    }
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    try (TestClient client = fixture.client()) {
      var answer = client.request("POST /echo HTTP/1.1\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx");
      assertEquals("close", answer.headers().get("Connection"));
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void http10ClosesUnlessKeepAlive() throws Exception {
    try (TestClient client = fixture.client()) {
      assertEquals(200, client.request("GET /headers HTTP/1.0\r\n\r\n").status());
      assertTrue(client.closedByServer());
    }
    try (TestClient client = fixture.client()) {
      var answer = client.request("GET /headers HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      assertEquals("keep-alive", answer.headers().get("Connection"));
      assertEquals(200, client.request("GET /headers HTTP/1.0\r\n\r\n").status());
    }
  }

  @Test
  void expectContinueIsAnsweredWhenTheBodyIsRead() throws Exception {
    try (TestClient client = fixture.client()) {
      client.send("POST /echo HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
      var interim = client.head();
      assertEquals(100, interim.status());
      client.send("body");
      var answer = client.read(false);
      assertEquals(200, answer.status());
      assertEquals("body", answer.text());
    }
  }

  @Test
  void expectContinueWithUnreadBodyClosesTheConnection() throws Exception {
    try (TestClient client = fixture.client()) {
      client.send("POST /ignore HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
      var answer = client.read(false);
      assertEquals(204, answer.status()); // no 100 Continue came first
      assertEquals("close", answer.headers().get("Connection"));
    }
  }

  @Test
  void headersAreCaseInsensitiveAndMultiValued() throws Exception {
    var answer = fixture.request("GET /headers?t=a&t=b%2Fc&t=d+e HTTP/1.1\r\nUSER-AGENT: Docker-Client/28\r\n"
        + "x-multi: 1\r\nX-MULTI: 2\r\n\r\n");
    Map<String, Object> json = Json.object(answer.body());
    assertEquals("Docker-Client/28", json.get("agent"));
    assertEquals(java.util.List.of("1", "2"), json.get("all"));
    assertEquals(java.util.List.of("a", "b/c", "d e"), json.get("query"));
  }

  @Test
  void pathIsPercentDecodedBeforeRouting() throws Exception {
    var answer = fixture.request("GET /v1.41/path/localhost%3A5000%2Fa%2Fb/end HTTP/1.1\r\n\r\n");
    assertEquals(200, answer.status());
    assertEquals("localhost:5000/a/b", answer.text());
  }

  @Test
  void malformedRequestLineIs400AndCloses() throws Exception {
    assertBadRequestAndClosed("GARBAGE\r\n\r\n");
  }

  /** A request the server cannot frame: a 400, then the connection closes as it is out of step. */
  private void assertBadRequestAndClosed(String text) throws Exception {
    try (TestClient client = fixture.client()) {
      assertEquals(400, client.request(text).status());
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void malformedHeaderIs400() throws Exception {
    assertEquals(400, fixture.request("GET /headers HTTP/1.1\r\nNo colon here\r\n\r\n").status());
    assertEquals(400, fixture.request("GET /headers HTTP/1.1\r\nA: b\r\n folded\r\n\r\n").status());
  }

  @Test
  void badContentLengthAndBadChunksAre400() throws Exception {
    assertEquals(400, fixture.request("POST /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n").status());
    assertEquals(400,
        fixture.request("POST /echo HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx").status());
    assertBadRequestAndClosed("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
  }

  @Test
  void oversizedHeadersAre431() throws Exception {
    try (TestClient client = fixture.client()) {
      String big = "x".repeat(HttpConnection.MAX_HEADER_BYTES + 10);
      client.send("GET /headers HTTP/1.1\r\nX-Big: ");
      client.send(big.getBytes(StandardCharsets.US_ASCII));
      client.send("\r\n\r\n");
      assertEquals(431, client.read(false).status());
    }
  }

  @Test
  void unsupportedProtocolVersionIsRefused() throws Exception {
    assertEquals(505, fixture.request("GET /headers HTTP/2.0\r\n\r\n").status());
  }

  @Test
  void malformedJsonBodyIs400WithGoWording() throws Exception {
    try (TestClient client = fixture.client()) {
      var answer = client.request("POST /json HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{x");
      assertEquals(400, answer.status());
      assertEquals("invalid JSON: invalid character 'x' looking for beginning of object key string",
          Json.object(answer.body()).get("message"));
      var empty = client.request("POST /json HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
      assertEquals("invalid JSON: got EOF while reading request body", Json.object(empty.body()).get("message"));
      var wrongType = client.request("POST /json HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}");
      assertEquals("unsupported Content-Type header (text/plain): must be 'application/json'",
          Json.object(wrongType.body()).get("message"));
    }
  }

  @Test
  void absoluteFormTargetIsAccepted() throws Exception {
    assertEquals(200, fixture.request("GET http://docker/headers?t=z HTTP/1.1\r\n\r\n").status());
  }
}
