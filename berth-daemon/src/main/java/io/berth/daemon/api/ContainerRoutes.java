package io.berth.daemon.api;

import io.berth.common.Filters;
import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import io.berth.engine.Engine;
import io.berth.engine.container.Container;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code /containers} endpoints: decode, call the engine, encode. */
public final class ContainerRoutes {
  private final Engine engine;

  public ContainerRoutes(Engine engine) {
    this.engine = engine;
  }

  public void install(Router router) {
    router.post("/containers/create", this::create);
    router.get("/containers/json", this::list);
    router.get("/containers/{id}/json", this::inspect);
    router.post("/containers/{id}/rename", this::rename);
    router.delete("/containers/{id}", this::remove);
  }

  private Response create(Request request) throws Exception {
    Map<String, Object> body = request.jsonObject();
    if (body == null) {
      throw new io.berth.common.BerthException.InvalidParameter("config cannot be empty in order to create a container");
    }
    Container c = engine.containers().create(request.query("name"), body);
    return Response.json(201, Json.map("Id", c.id(), "Warnings", List.of()));
  }

  private Response list(Request request) {
    Filters filters = Filters.parse(request.query("filters"));
    boolean all = request.query().bool("all", false);
    int limit = request.query().intValue("limit", -1);
    Instant now = Instant.now();
    List<Object> out = new ArrayList<>();
    for (Container c : engine.containers().list(filters, all, limit)) {
      out.add(ContainerJson.summary(c, now));
    }
    return Response.json(out);
  }

  private Response inspect(Request request) throws Exception {
    Container c = engine.containers().find(request.param("id"));
    var driver = engine.driver();
    return Response.json(ContainerJson.inspect(c, engine.containers().containerDir(c.id()),
        engine.containers().containerDir(c.id()).resolve("container.log"), driver.name(),
        driver.describe(c.rwLayer())));
  }

  private Response rename(Request request) throws Exception {
    engine.containers().rename(request.param("id"), request.query("name"));
    return Response.noContent();
  }

  private Response remove(Request request) throws Exception {
    Container c = engine.containers().find(request.param("id"));
    boolean force = request.query().bool("force", false);
    engine.containers().checkRemovable(c, force);
    engine.containers().remove(c);
    return Response.noContent();
  }
}
