package io.berth.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.daemon.http.ErrorMapper;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import org.junit.jupiter.api.Test;

/** What dockerd refuses before it looks at anything: answered the same without an engine behind the routes. */
class NoSwarmRefusalsTest {
  private final Router router = new Router();

  {
    new VolumeRoutes(null).install(router);
    new NetworkRoutes(null).install(router);
  }

  private String answer(String method, String target) {
    Request request = Request.of(method, target, null, null);
    Response response;
    try {
      response = router.dispatch(request);
    } catch (Exception e) {
      response = ErrorMapper.toResponse(request, e);
    }
    return response.status() + " " + ((java.util.Map<?, ?>) ((Response.JsonValue) response.body()).value()).get("message");
  }

  @Test
  void aVolumeUpdateNeedsASwarm() {
    assertEquals("503 volume update only valid for cluster volumes, but swarm is unavailable",
        answer("PUT", "/v1.50/volumes/data?version=1"));
  }

  @Test
  void networkInspectsVerboseIsAGoBoolean() {
    assertEquals("400 invalid value for verbose: yes: strconv.ParseBool: parsing \"yes\": invalid syntax",
        answer("GET", "/v1.50/networks/bridge?verbose=yes"));
  }
}
