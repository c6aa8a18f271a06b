package io.berth.daemon.api;

import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import io.berth.engine.Engine;
import io.berth.engine.container.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /containers/{id}/changes}, {@code /commit} and {@code /containers/{id}/export}. */
public record SnapshotRoutes(Engine engine) {
  public void install(Router router) {
    router.get("/containers/{id}/changes", this::changes);
    router.get("/containers/{id}/export", this::export);
    router.post("/commit", this::commit);
  }

  private Response changes(Request request) throws Exception {
    List<Object> out = new ArrayList<>();
    for (Snapshots.Change c : engine.snapshots().diff(request.param("id"))) {
      out.add(Json.map("Path", c.path(), "Kind", c.kind()));
    }
    return Response.json(out);
  }

  private Response export(Request request) {
    String id = engine.containers().find(request.param("id")).id();
    return Response.stream("application/x-tar", out -> engine.snapshots().export(id, out));
  }

  private Response commit(Request request) throws Exception {
    Map<String, Object> config = request.hasBody() ? request.jsonObject() : null;
    var image = engine.snapshots().commit(new Snapshots.CommitRequest(request.query("container"),
        request.query("repo"), request.query("tag"), request.query("comment"), request.query("author"),
        request.query().bool("pause", true), request.query().all("changes"), config));
    return Response.json(201, Json.map("Id", image.id().toString()));
  }
}
