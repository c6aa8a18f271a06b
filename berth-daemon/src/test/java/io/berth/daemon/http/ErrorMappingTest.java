package io.berth.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.BerthException;
import io.berth.common.Json;
import org.junit.jupiter.api.Test;

class ErrorMappingTest extends ServerTestBase {
  @Override
  Router routes() {
    return new Router()
        .get("/missing", r -> { throw new BerthException.NotFound("No such container: x"); })
        .get("/conflict", r -> { throw new BerthException.Conflict("name in use"); })
        .get("/unmodified", r -> { throw new BerthException.NotModified("already started"); })
        .get("/boom", r -> { throw new IllegalStateException("disk on fire"); })
        .get("/jackson", r -> Response.json(Json.MAPPER.readValue("[1,", Object.class)))
        .get("/null", r -> null)
        .get("/ok", r -> Response.json(Json.map("a", "<b>&")));
  }

  private TestClient.Answer get(String path) throws Exception {
    return fixture.request("GET " + path + " HTTP/1.1\r\n\r\n");
  }

  @Test
  void berthExceptionsGiveTheirStatusAndMessage() throws Exception {
    var answer = get("/missing");
    assertEquals(404, answer.status());
    assertEquals("application/json", answer.headers().get("Content-Type"));
    assertEquals("{\"message\":\"No such container: x\"}\n", answer.text());
    assertEquals(409, get("/conflict").status());
  }

  @Test
  void notModifiedHasNoBody() throws Exception {
    try (TestClient client = fixture.client()) {
      var answer = client.request("GET /unmodified HTTP/1.1\r\n\r\n");
      assertEquals(304, answer.status());
      assertFalse(answer.headers().has("Content-Length"));
      // the connection is in step: no stray body bytes before the next answer
      assertEquals(200, client.request("GET /ok HTTP/1.1\r\n\r\n").status());
    }
  }

  @Test
  void otherExceptionsAre500WithTheirMessage() throws Exception {
    var answer = get("/boom");
    assertEquals(500, answer.status());
    assertEquals("disk on fire", Json.object(answer.body()).get("message"));
    assertEquals(500, get("/null").status());
  }

  @Test
  void jacksonErrorsFromHandlersAre400() throws Exception {
    var answer = get("/jackson");
    assertEquals(400, answer.status());
    assertTrue(((String) Json.object(answer.body()).get("message")).startsWith("invalid JSON: "));
  }

  @Test
  void everyResponseCarriesDockersHeaders() throws Exception {
    for (String path : new String[] {"/ok", "/missing", "/nope"}) {
      var answer = get(path);
      assertEquals("1.50", answer.headers().get("Api-Version"));
      assertEquals("false", answer.headers().get("Docker-Experimental"));
      assertEquals("linux", answer.headers().get("Ostype"));
      assertEquals("Berth/9.9.9 (linux)", answer.headers().get("Server"));
      assertTrue(answer.headers().get("Date").endsWith(" GMT"));
    }
    assertEquals("{\"message\":\"page not found\"}\n", get("/nope").text());
    assertEquals("{\"a\":\"<b>&\"}\n", get("/ok").text()); // no HTML escaping, newline like Go's encoder
  }

  @Test
  void headRequestsGetNoBody() throws Exception {
    try (TestClient client = fixture.client()) {
      client.send("HEAD /missing HTTP/1.1\r\n\r\n");
      var answer = client.read(true);
      assertEquals(404, answer.status());
    }
  }
}
