package io.berth.daemon.api;

import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.common.ImageReference;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The {@code /plugins} endpoints. berthd has no plugin system, so no plugin is ever installed: the list is empty
 * and every plugin named is not found, each request first checked as dockerd's plugin router checks it (the
 * reference dockerd with no plugin answered these same requests the same way); installing one (pull, create, and
 * the privileges a pull would ask for) is refused in plain words rather than answered as if it were possible.
 */
final class PluginRoutes {
  private static final Set<String> FILTERS = Set.of("enabled", "capability");

  void install(Router router) {
    router.get("/plugins", this::list);
    router.get("/plugins/privileges", request -> refuse(remote(request)));
    router.post("/plugins/pull", request -> {
      String remote = remote(request);
      privileges(request);
      return refuse(remote);
    });
    router.post("/plugins/create", request -> {
      String name = request.query().get("name", "");
      try {
        ImageReference.parse(name);
      } catch (BerthException.InvalidParameter e) {
        throw new IOException("failed to parse reference " + name + ": " + e.getMessage());
      }
      return refuse(name);
    });
    router.get("/plugins/{name:.*}/json", request -> notFound(request.param("name")));
    router.delete("/plugins/{name:.*}", request -> notFound(request.param("name")));
    router.post("/plugins/{name:.*}/enable", request -> {
      String timeout = request.query().get("timeout", "");
      if (!timeout.matches("[+-]?[0-9]{1,18}")) { // strconv.Atoi, a plain error: a 500 in dockerd
        throw new IOException("strconv.Atoi: parsing " + io.berth.common.GoQuote.quote(timeout) + ": invalid syntax");
      }
      return notFound(request.param("name"));
    });
    router.post("/plugins/{name:.*}/disable", request -> notFound(request.param("name")));
    router.post("/plugins/{name:.*}/push", request -> notFound(request.param("name")));
    router.post("/plugins/{name:.*}/set", request -> {
      request.jsonOrNull(List.class); // the settings, a JSON list (or nothing): read before the plugin is looked up
      return notFound(request.param("name"));
    });
    router.post("/plugins/{name:.*}/upgrade", request -> {
      remote(request);
      privileges(request);
      return notFound(ImageReference.parse(request.param("name")).withDefaultTag().familiarString());
    });
  }

  /** dockerd's list with no plugin: its filters checked ("enabled" must include true or false), then nothing. */
  private Response list(Request request) {
    Filters filters = Filters.parse(request.query("filters"));
    for (String key : filters.values().keySet()) {
      if (!FILTERS.contains(key)) {
        throw new BerthException.InvalidParameter("Invalid filter '" + key + "'");
      }
    }
    List<String> enabled = filters.get("enabled");
    if (!enabled.isEmpty() && !enabled.contains("true") && !enabled.contains("false")) {
      throw new BerthException.InvalidParameter("Invalid filter 'enabled=[" + String.join(" ", enabled) + "]'");
    }
    return Response.json(List.of());
  }

  /** The {@code remote} a pull or its privileges name, checked as a reference (a plain 500 in dockerd). */
  private static String remote(Request request) throws IOException {
    String remote = request.query().get("remote", "");
    try {
      return ImageReference.parse(remote).familiarString();
    } catch (BerthException.InvalidParameter e) {
      throw new IOException(e.getMessage());
    }
  }

  /** The privileges the client accepted, a JSON list, parsed first as dockerd does (its errors are 500s). */
  private static void privileges(Request request) throws IOException {
    String error = GoDecoding.decodeValue(request.bodyBytes());
    if (error != null) {
      throw new IOException("failed to parse privileges: " + error);
    }
  }

  private static Response notFound(String name) {
    throw new BerthException.NotFound("plugin " + io.berth.common.GoQuote.quote(name) + " not found");
  }

  private static Response refuse(String name) {
    throw new BerthException.NotImplemented("berth does not support plugins: " + name + " cannot be installed");
  }
}
