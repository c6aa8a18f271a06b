package io.berth.daemon.api;

import io.berth.common.Filters;
import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import io.berth.engine.Engine;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerService;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.CreateRequest;
import io.berth.engine.container.config.UpdateRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code /containers} endpoints: decode, call the engine, encode. */
public record ContainerRoutes(Engine engine) {
  public void install(Router router) {
    ContainerIo io = new ContainerIo(engine);
    router.post("/containers/create", this::create);
    router.get("/containers/json", this::list);
    router.get("/containers/{id}/json", this::inspect);
    router.post("/containers/prune", this::prune);
    router.post("/containers/{id}/rename", this::rename);
    router.post("/containers/{id}/start", this::start);
    router.post("/containers/{id}/stop", this::stop);
    router.post("/containers/{id}/kill", this::kill);
    router.post("/containers/{id}/restart", this::restart);
    router.post("/containers/{id}/pause", this::pause);
    router.post("/containers/{id}/unpause", this::unpause);
    router.post("/containers/{id}/wait", this::waitFor);
    router.post("/containers/{id}/resize", this::resize);
    router.post("/containers/{id}/attach", io::attach);
    router.get("/containers/{id}/attach/ws", io::attachWebSocket);
    router.get("/containers/{id}/logs", io::logs);
    router.get("/containers/{id}/top", r -> ContainerStats.top(engine, r));
    router.get("/containers/{id}/stats", r -> ContainerStats.stats(engine, r));
    router.post("/containers/{id}/update", this::update);
    router.delete("/containers/{id:.*}", this::remove); // "/PARENT/ALIAS" for a link
  }

  private Response start(Request request) throws Exception {
    engine.lifecycle().start(request.param("id"));
    return Response.noContent();
  }

  private static Integer timeout(Request request) {
    String t = request.query("t");
    if (t == null || t.isEmpty()) {
      t = request.query("timeout");
    }
    if (t == null || t.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new io.berth.common.BerthException.InvalidParameter("invalid value for t: " + t);
    }
  }

  private Response stop(Request request) throws Exception {
    engine.lifecycle().stop(request.param("id"), timeout(request), request.query("signal"));
    return Response.noContent();
  }

  private Response kill(Request request) throws Exception {
    engine.lifecycle().kill(request.param("id"), request.query("signal"));
    return Response.noContent();
  }

  private Response restart(Request request) throws Exception {
    engine.lifecycle().restart(request.param("id"), timeout(request), request.query("signal"));
    return Response.noContent();
  }

  private Response pause(Request request) throws Exception {
    engine.lifecycle().pause(request.param("id"));
    return Response.noContent();
  }

  private Response unpause(Request request) throws Exception {
    engine.lifecycle().unpause(request.param("id"));
    return Response.noContent();
  }

  /** The answer's headers go out at once; the body when the condition is met (the CLI waits on it). */
  private Response waitFor(Request request) {
    var exit = engine.lifecycle().waitFor(request.param("id"), request.query("condition"));
    return Response.stream(Response.JSON, out -> {
      out.flush();
      int code = exit.get();
      ImageRoutes.writeLine(out, Json.map("StatusCode", code, "Error", null));
    });
  }

  private Response resize(Request request) throws Exception {
    int h = request.query().intValue("h", 0);
    int w = request.query().intValue("w", 0);
    engine.lifecycle().resize(request.param("id"), h, w);
    return Response.empty(200);
  }

  private Response update(Request request) throws Exception {
    UpdateRequest body = request.hasBody() ? ConfigCodec.decode(request.bodyBytes(), UpdateRequest.class)
        : new UpdateRequest(null, null);
    engine.lifecycle().update(request.param("id"), body);
    return Response.json(Json.map("Warnings", List.of()));
  }

  private Response prune(Request request) throws Exception {
    var report = engine.lifecycle().prune(Filters.parse(request.query("filters")));
    return Response.json(Json.map("ContainersDeleted", report.deleted().isEmpty() ? null : report.deleted(),
        "SpaceReclaimed", report.spaceReclaimed()));
  }

  private Response create(Request request) throws Exception {
    byte[] body = request.hasBody() ? request.bodyBytes() : new byte[0];
    if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw new io.berth.common.BerthException.InvalidParameter("config cannot be empty in order to create a container");
    }
    // dockerd reads the platform from API 1.41, as containerd's os/arch[/variant] text
    io.berth.registry.Platform platform = request.apiVersion().isAtLeast("1.41")
        ? PlatformQuery.parse(request.query("platform")) : null;
    Container c = engine.containers().create(request.query("name"), ConfigCodec.decode(body, CreateRequest.class),
        platform);
    return Response.json(201, Json.map("Id", c.id(), "Warnings", engine.containers().createWarnings(c, platform)));
  }

  private Response list(Request request) {
    Filters filters = Filters.parse(request.query("filters"));
    boolean all = request.query().bool("all", false);
    int limit = request.query().intValue("limit", -1);
    boolean size = request.query().bool("size", false);
    return Response.json(summaries(engine, filters, all, limit, size));
  }

  /** The containers as {@code GET /containers/json} lists them; {@code size}: with SizeRw and SizeRootFs. */
  static List<Object> summaries(Engine engine, Filters filters, boolean all, int limit, boolean size) {
    Instant now = Instant.now();
    List<Object> out = new ArrayList<>();
    for (Container c : engine.containers().list(filters, all, limit)) {
      Map<String, Object> summary = ContainerJson.summary(c, engine.containers().networks(c), now);
      if (size) {
        putSizes(engine, summary, c);
      }
      out.add(summary);
    }
    return out;
  }

  /** SizeRw: what the container wrote; SizeRootFs: that plus its image. */
  private static void putSizes(Engine engine, Map<String, Object> json, Container c) {
    var sizes = engine.containers().sizes(c);
    json.put("SizeRw", sizes[0]);
    json.put("SizeRootFs", sizes[1]);
  }

  private Response inspect(Request request) throws Exception {
    Container c = engine.containers().find(request.param("id"));
    var driver = engine.driver();
    Map<String, Object> json = ContainerJson.inspect(c, engine.containers().networks(c),
        engine.containers().containerDir(c.id()),
        engine.lifecycle().logPath(c.id()), driver.name(), driver.describe(c.rwLayer()));
    List<String> execs = engine.exec().running(c.id());
    json.put("ExecIDs", execs.isEmpty() ? null : execs); // as dockerd: null when none runs
    if (request.query().bool("size", false)) {
      putSizes(engine, json, c);
    }
    return Response.json(json);
  }

  private Response rename(Request request) throws Exception {
    engine.containers().rename(request.param("id"), request.query("name"));
    return Response.noContent();
  }

  private Response remove(Request request) throws Exception {
    if (request.query().bool("link")) {
      engine.containers().removeLink(request.param("id"));
      return Response.noContent();
    }
    Container c = engine.containers().find(request.param("id"));
    boolean force = request.query().bool("force", false);
    engine.lifecycle().remove(c.id(), force, request.query().bool("v", false));
    return Response.noContent();
  }
}
