package io.berth.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.daemon.http.ErrorMapper;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin routes with no plugin installed answer as the reference dockerd (Debian's docker.io 20.10.24) with no
 * plugin answered the same requests with curl; installing one is berth's refusal. A set with a malformed body gets
 * moby master's "invalid JSON: " prefix, and a bad reference distribution/reference v0.6's words (the name in them),
 * as elsewhere in berth.
 */
class PluginRoutesTest {
  private final Router router = new Router();

  {
    new PluginRoutes().install(router);
  }

  private String answer(String method, String target, String body) {
    Request request = Request.of(method, target, null, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    Response response;
    try {
      response = router.dispatch(request);
    } catch (Exception e) {
      response = ErrorMapper.toResponse(request, e);
    }
    Object value = ((Response.JsonValue) response.body()).value();
    return response.status() + " " + (value instanceof Map<?, ?> m ? m.get("message") : value);
  }

  @Test
  void asTheReferenceDockerdWithNoPlugin() {
    String notFound = "404 plugin \"foo\" not found";
    List<String[]> rows = List.of(
        new String[] {"GET", "/v1.41/plugins", null, "200 []"},
        new String[] {"GET", "/v1.41/plugins?filters=%7B%22capability%22%3A%5B%22volumedriver%22%5D%7D", null, "200 []"},
        new String[] {"GET", "/v1.41/plugins?filters=%7B%22enabled%22%3A%5B%22true%22%2C%22false%22%5D%7D", null,
            "200 []"},
        new String[] {"GET", "/v1.41/plugins?filters=%7B%22bogus%22%3A%5B%22x%22%5D%7D", null,
            "400 Invalid filter 'bogus'"},
        new String[] {"GET", "/v1.41/plugins?filters=%7B%22enabled%22%3A%5B%22x%22%5D%7D", null,
            "400 Invalid filter 'enabled=[x]'"},
        new String[] {"GET", "/v1.41/plugins/foo/json", null, notFound},
        new String[] {"GET", "/v1.41/plugins/foo:1/json", null, "404 plugin \"foo:1\" not found"},
        new String[] {"DELETE", "/v1.41/plugins/foo?force=1", null, notFound},
        new String[] {"POST", "/v1.41/plugins/foo/enable", null, "500 strconv.Atoi: parsing \"\": invalid syntax"},
        new String[] {"POST", "/v1.41/plugins/foo/enable?timeout=x", null, "500 strconv.Atoi: parsing \"x\": invalid syntax"},
        new String[] {"POST", "/v1.41/plugins/foo/enable?timeout=30", null, notFound},
        new String[] {"POST", "/v1.41/plugins/foo/enable?timeout=-5", null, notFound},
        new String[] {"POST", "/v1.41/plugins/foo/disable", null, notFound},
        new String[] {"POST", "/v1.41/plugins/foo/push", null, notFound},
        new String[] {"POST", "/v1.41/plugins/foo/set", "[\"a=b\"]", notFound},
        new String[] {"POST", "/v1.41/plugins/foo/set", "x", "400 invalid JSON: invalid character 'x' looking for beginning of value"},
        new String[] {"POST", "/v1.41/plugins/foo/upgrade", "[]", "500 invalid reference format"},
        new String[] {"POST", "/v1.41/plugins/foo/upgrade?remote=bar", null, "500 failed to parse privileges: EOF"},
        new String[] {"POST", "/v1.41/plugins/foo/upgrade?remote=bar", "[]", "404 plugin \"foo:latest\" not found"},
        new String[] {"POST", "/v1.41/plugins/pull", "[]", "500 invalid reference format"},
        new String[] {"POST", "/v1.41/plugins/pull?remote=foo", null, "500 failed to parse privileges: EOF"},
        new String[] {"POST", "/v1.41/plugins/pull?remote=foo", "x",
            "500 failed to parse privileges: invalid character 'x' looking for beginning of value"},
        new String[] {"GET", "/v1.41/plugins/privileges", null, "500 invalid reference format"},
        new String[] {"GET", "/v1.41/plugins/privileges?remote=UPPER", null,
            "500 invalid reference format: repository name (library/UPPER) must be lowercase"}, // reference v0.6's
        new String[] {"POST", "/v1.41/plugins/create", null, "500 failed to parse reference : invalid reference format"},
        // berth's own answer: it cannot install a plugin
        new String[] {"POST", "/v1.41/plugins/pull?remote=foo", "[]", "501 berth does not support plugins: foo cannot be installed"},
        new String[] {"GET", "/v1.41/plugins/privileges?remote=foo", null,
            "501 berth does not support plugins: foo cannot be installed"});
    for (String[] row : rows) {
      assertEquals(row[3], answer(row[0], row[1], row[2]), row[0] + " " + row[1]);
    }
  }
}
