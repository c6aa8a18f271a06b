package io.berth.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.BerthException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final Router router = new Router()
      .get("/images/json", r -> Response.text(200, "list"))
      .get("/images/{name:.*}/json", r -> Response.text(200, "inspect " + r.param("name")))
      .delete("/images/{name:.*}", r -> Response.text(200, "delete " + r.param("name")))
      .post("/containers/{id}/start", r -> Response.text(200, "start " + r.param("id") + " at " + r.apiVersion()))
      .get("/exec/{id}/json", r -> Response.json(r.params()));

  private String call(String method, String target) throws Exception {
    Response response = router.dispatch(Request.of(method, target));
    return new String(((Response.Bytes) response.body()).data());
  }

  @Test
  void namesWithSlashesMatchDotStar() throws Exception {
    assertEquals("list", call("GET", "/images/json"));
    assertEquals("inspect localhost:5000/a/b:tag", call("GET", "/images/localhost:5000/a/b:tag/json"));
    assertEquals("inspect localhost:5000/a/b", call("GET", "/v1.50/images/localhost%3A5000%2Fa%2Fb/json"));
    assertEquals("delete busybox/x", call("DELETE", "/images/busybox/x"));
  }

  @Test
  void singleSegmentParameterDoesNotCrossSlashes() {
    var e = assertThrows(BerthException.NotFound.class, () -> call("POST", "/containers/a/b/start"));
    assertEquals("page not found", e.getMessage());
  }

  @Test
  void versionPrefixIsStrippedAndExposed() throws Exception {
    assertEquals("start abc at 1.50", call("POST", "/containers/abc/start"));
    assertEquals("start abc at 1.24", call("POST", "/v1.24/containers/abc/start"));
    assertEquals("start abc at 1.41", call("POST", "/v1.41/containers/abc/start"));
    Request request = Request.of("POST", "/v1.43/containers/x/start");
    router.dispatch(request);
    assertEquals("/containers/x/start", request.path());
    assertEquals(new ApiVersion(1, 43), request.apiVersion());
  }

  @Test
  void versionsOutOfRangeUseDockersWords() {
    var tooNew = assertThrows(BerthException.InvalidParameter.class, () -> call("POST", "/v1.51/containers/a/start"));
    assertEquals("client version 1.51 is too new. Maximum supported API version is 1.50", tooNew.getMessage());
    var tooOld = assertThrows(BerthException.InvalidParameter.class, () -> call("POST", "/v1.23/containers/a/start"));
    assertEquals("client version 1.23 is too old. Minimum supported API version is 1.24, "
        + "please upgrade your client to a newer version", tooOld.getMessage());
  }

  @Test
  void unknownRoutesAndWrongMethodsArePageNotFound() {
    assertThrows(BerthException.NotFound.class, () -> call("GET", "/nope"));
    assertThrows(BerthException.NotFound.class, () -> call("GET", "/v1.99/nope")); // 404 before the version check
    assertThrows(BerthException.NotFound.class, () -> call("PUT", "/images/json"));
  }

  @Test
  void firstRegisteredRouteWins() throws Exception {
    Router ordered = new Router()
        .get("/a/{x:.*}", r -> Response.text(200, "wide"))
        .get("/a/b", r -> Response.text(200, "narrow"));
    Response response = ordered.dispatch(Request.of("GET", "/a/b"));
    assertEquals("wide", new String(((Response.Bytes) response.body()).data()));
  }

  @Test
  void paramsKeepTheirNames() throws Exception {
    Response response = router.dispatch(Request.of("GET", "/exec/e1/json"));
    assertEquals(Map.of("id", "e1"), ((Response.JsonValue) response.body()).value());
  }

  @Test
  void versionsCompareNumerically() {
    assertEquals(-1, Integer.signum(ApiVersion.parse("1.9").compareTo(ApiVersion.parse("1.10"))));
    assertEquals(true, ApiVersion.parse("1.44").isAtLeast("1.44"));
    assertEquals(true, ApiVersion.parse("1.43").isBefore("1.44"));
    assertEquals("1.50", ApiVersion.MAX.toString());
  }
}
