package io.berth.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.common.Json;
import io.berth.daemon.http.ErrorMapper;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The swarm routes answer as the reference dockerd (Debian's docker.io 20.10.24, in no swarm) answered the same
 * requests with curl: each row is its status and message, byte for byte. Init and join are berth's refusal.
 */
class SwarmRoutesTest {
  private static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or"
      + " \"docker swarm join\" to connect this node to swarm and try again.";
  private static final String EOF = "got EOF while reading request body";

  private final Router router = new Router();

  {
    new SwarmRoutes().install(router);
  }

  private record Row(String method, String target, String body, int status, String message) {}

  private static Row row(String method, String target, String body, int status, String message) {
    return new Row(method, target, body, status, message);
  }

  private String answer(Row row) {
    Request request = Request.of(row.method(), row.target(), null,
        row.body() == null ? null : row.body().getBytes(StandardCharsets.UTF_8));
    Response response;
    try {
      response = router.dispatch(request);
    } catch (Exception e) {
      response = ErrorMapper.toResponse(request, e);
    }
    Object message = ((java.util.Map<?, ?>) ((Response.JsonValue) response.body()).value()).get("message");
    return response.status() + " " + message;
  }

  @Test
  void asTheReferenceDockerdInNoSwarm() {
    List<Row> rows = List.of(
        row("GET", "/v1.41/swarm", null, 503, NOT_A_MANAGER),
        row("POST", "/v1.41/swarm/init", null, 400, EOF),
        row("POST", "/v1.41/swarm/init", "{bad", 400, "invalid character 'b' looking for beginning of object key string"),
        row("POST", "/v1.41/swarm/join", null, 400, EOF),
        row("POST", "/v1.41/swarm/leave", null, 503, "This node is not part of a swarm"),
        row("POST", "/v1.41/swarm/leave?force=1", null, 503, "This node is not part of a swarm"),
        row("POST", "/v1.41/swarm/update?version=1", "{}", 503, NOT_A_MANAGER),
        row("POST", "/v1.41/swarm/update", "{}", 400,
            "invalid swarm version '': strconv.ParseUint: parsing \"\": invalid syntax"),
        row("POST", "/v1.41/swarm/update?version=x", "{}", 400,
            "invalid swarm version 'x': strconv.ParseUint: parsing \"x\": invalid syntax"),
        row("POST", "/v1.41/swarm/update?version=1&rotateWorkerToken=zz", "{}", 400,
            "invalid value for rotateWorkerToken: zz"),
        row("GET", "/v1.41/swarm/unlockkey", null, 503, NOT_A_MANAGER),
        row("POST", "/v1.41/swarm/unlock", "{\"UnlockKey\":\"x\"}", 503, NOT_A_MANAGER),
        row("POST", "/v1.41/swarm/unlock", null, 400, EOF),
        row("GET", "/v1.41/services", null, 503, NOT_A_MANAGER),
        row("GET", "/v1.41/services?filters=bad", null, 400, "invalid character 'b' looking for beginning of value"),
        row("GET", "/v1.41/services?status=maybe", null, 400,
            "invalid value for status: maybe: strconv.ParseBool: parsing \"maybe\": invalid syntax"),
        row("GET", "/v1.41/services/abc", null, 503, NOT_A_MANAGER),
        row("GET", "/v1.41/services/abc?insertDefaults=zz", null, 400,
            "invalid value for insertDefaults: zz: strconv.ParseBool: parsing \"zz\": invalid syntax"),
        row("POST", "/v1.41/services/create", "{}", 503, NOT_A_MANAGER),
        row("POST", "/v1.41/services/create", null, 400, EOF),
        row("POST", "/v1.41/services/abc/update?version=1", "{}", 503, NOT_A_MANAGER),
        row("POST", "/v1.41/services/abc/update", "{}", 400,
            "invalid service version '': strconv.ParseUint: parsing \"\": invalid syntax"),
        row("DELETE", "/v1.41/services/abc", null, 503, NOT_A_MANAGER),
        row("GET", "/v1.41/services/abc/logs", null, 500, "Bad parameters: you must choose at least one stream"),
        row("GET", "/v1.41/services/abc/logs?stdout=1", null, 503, NOT_A_MANAGER),
        row("GET", "/v1.41/nodes", null, 503, NOT_A_MANAGER),
        row("GET", "/v1.41/nodes?filters=bad", null, 500, "invalid character 'b' looking for beginning of value"),
        row("GET", "/v1.41/nodes/abc", null, 503, NOT_A_MANAGER),
        row("DELETE", "/v1.41/nodes/abc", null, 503, NOT_A_MANAGER),
        row("POST", "/v1.41/nodes/abc/update?version=1", "{}", 503, NOT_A_MANAGER),
        row("POST", "/v1.41/nodes/abc/update", "{}", 400,
            "invalid node version '': strconv.ParseUint: parsing \"\": invalid syntax"),
        row("GET", "/v1.41/tasks", null, 503, NOT_A_MANAGER),
        row("GET", "/v1.41/tasks?filters=bad", null, 500, "invalid character 'b' looking for beginning of value"),
        row("GET", "/v1.41/tasks/abc", null, 503, NOT_A_MANAGER),
        row("GET", "/v1.41/tasks/abc/logs", null, 500, "Bad parameters: you must choose at least one stream"),
        row("GET", "/v1.41/tasks/abc/logs?stderr=1", null, 503, NOT_A_MANAGER),
        row("GET", "/v1.41/secrets", null, 503, NOT_A_MANAGER),
        row("GET", "/v1.41/secrets?filters=bad", null, 500, "invalid character 'b' looking for beginning of value"),
        row("POST", "/v1.41/secrets/create", "{}", 503, NOT_A_MANAGER),
        row("GET", "/v1.41/secrets/abc", null, 503, NOT_A_MANAGER),
        row("DELETE", "/v1.41/secrets/abc", null, 503, NOT_A_MANAGER),
        row("POST", "/v1.41/secrets/abc/update?version=1", "{}", 503, NOT_A_MANAGER),
        row("POST", "/v1.41/secrets/abc/update", "{}", 400, "invalid secret version"),
        row("GET", "/v1.41/configs", null, 503, NOT_A_MANAGER),
        row("GET", "/v1.41/configs?filters=bad", null, 500, "invalid character 'b' looking for beginning of value"),
        row("POST", "/v1.41/configs/create", "{}", 503, NOT_A_MANAGER),
        row("GET", "/v1.41/configs/abc", null, 503, NOT_A_MANAGER),
        row("DELETE", "/v1.41/configs/abc", null, 503, NOT_A_MANAGER),
        row("POST", "/v1.41/configs/abc/update?version=1", "{}", 503, NOT_A_MANAGER),
        row("POST", "/v1.41/configs/abc/update", "{}", 400, "invalid config version"),
        row("GET", "/v1.41/services/create", null, 503, NOT_A_MANAGER));
    for (Row row : rows) {
      assertEquals(row.status() + " " + row.message(), answer(row), row.method() + " " + row.target());
    }
  }

  @Test
  void goDecodingDetails() {
    assertEquals("400 json: cannot unmarshal array into Go value of type swarm.Spec",
        answer(row("POST", "/swarm/update?version=1", "[]", 0, null)));
    assertEquals("400 unexpected EOF", answer(row("POST", "/services/create", "{\"Name\":", 0, null)));
    assertEquals("503 " + NOT_A_MANAGER, answer(row("POST", "/services/create", "null", 0, null)));
    assertEquals("400 invalid swarm version '-1': strconv.ParseUint: parsing \"-1\": invalid syntax",
        answer(row("POST", "/swarm/update?version=-1", "{}", 0, null)));
    assertEquals("400 invalid swarm version '18446744073709551616': strconv.ParseUint: parsing "
        + "\"18446744073709551616\": value out of range",
        answer(row("POST", "/swarm/update?version=18446744073709551616", "{}", 0, null)));
    assertEquals("503 " + NOT_A_MANAGER, answer(row("GET", "/nodes?filters=" + encode("{\"role\":[\"manager\"]}"), null,
        0, null)), "the legacy filter form");
    assertEquals("500 json: cannot unmarshal number into Go value of type map[string]bool",
        answer(row("GET", "/nodes?filters=" + encode("{\"role\":1}"), null, 0, null)));
    assertEquals("503 " + NOT_A_MANAGER, answer(row("GET", "/v1.40/services?status=maybe", null, 0, null)),
        "status is read from API 1.41");
    assertEquals("400 secret templating is not supported on the specified API version: 1.36",
        answer(row("POST", "/v1.36/secrets/create", "{\"Templating\":{\"Name\":\"golang\"}}", 0, null)));
  }

  @Test
  void initAndJoinAreRefused() {
    String body = Json.string(Json.map("ListenAddr", "0.0.0.0:2377", "AdvertiseAddr", "127.0.0.1"));
    assertEquals("501 " + SwarmRoutes.NO_SWARM_MODE, answer(row("POST", "/swarm/init", body, 0, null)));
    assertEquals("501 " + SwarmRoutes.NO_SWARM_MODE, answer(row("POST", "/swarm/join", "{}", 0, null)));
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
