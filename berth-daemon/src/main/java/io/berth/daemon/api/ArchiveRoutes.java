package io.berth.daemon.api;

import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import io.berth.engine.Engine;
import io.berth.engine.container.PathStat;
import java.io.OutputStream;
import java.util.Base64;

/** {@code docker cp}: {@code HEAD/GET/PUT /containers/{id}/archive}. */
public record ArchiveRoutes(Engine engine) {
  static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

  public void install(Router router) {
    router.head("/containers/{id}/archive", this::stat);
    router.get("/containers/{id}/archive", this::archive);
    router.put("/containers/{id}/archive", this::extract);
  }

  private Response stat(Request request) throws Exception {
    PathStat stat = engine.archives().stat(request.param("id"), request.query("path"));
    return Response.empty(200).header(STAT_HEADER, encode(stat));
  }

  /** The stat is taken first so that a missing path is a 404 before the tar starts streaming. */
  private Response archive(Request request) throws Exception {
    String id = request.param("id");
    String path = request.query("path");
    PathStat stat = engine.archives().stat(id, path);
    return Response.stream("application/x-tar", (OutputStream out) -> engine.archives().archive(id, path, out))
        .header(STAT_HEADER, encode(stat));
  }

  private Response extract(Request request) throws Exception {
    engine.archives().extract(request.param("id"), request.query("path"),
        request.query().bool("noOverwriteDirNonDir", false), request.query().bool("copyUIDGID", false),
        request.body());
    request.body().transferTo(OutputStream.nullOutputStream()); // the client's tar may end with extra zero blocks
    return Response.empty(200);
  }

  static String encode(PathStat stat) {
    return Base64.getEncoder().encodeToString(Json.bytes(stat.toJson()));
  }
}
