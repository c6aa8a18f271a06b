package io.berth.daemon.api;

import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import io.berth.engine.volume.Volume;
import io.berth.engine.volume.VolumeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code /volumes} endpoints: decode, call the volume service, encode. */
public record VolumeRoutes(VolumeService volumes) {
  public void install(Router router) {
    router.get("/volumes", this::list);
    router.post("/volumes/create", this::create);
    router.post("/volumes/prune", this::prune);
    router.get("/volumes/{name}", this::inspect);
    router.delete("/volumes/{name}", this::remove);
    router.put("/volumes/{name}", request -> { // only cluster volumes are updated, and berthd is in no swarm
      throw new BerthException.Unavailable("volume update only valid for cluster volumes, but swarm is unavailable");
    });
  }

  private Response list(Request request) {
    List<Object> out = new ArrayList<>();
    for (Volume v : volumes.list(Filters.parse(request.query("filters")))) {
      out.add(VolumeJson.volume(v));
    }
    return Response.json(Json.map("Volumes", out, "Warnings", null));
  }

  private Response create(Request request) throws Exception {
    Map<String, Object> body = request.jsonOrNull(Map.class);
    if (body == null) {
      body = Map.of();
    }
    if (body.get("ClusterVolumeSpec") != null) {
      throw new BerthException.Unavailable("This node is not a swarm manager. Use \"docker swarm init\" or "
          + "\"docker swarm join\" to connect this node to swarm and try again.");
    }
    Volume v = volumes.create(string(body, "Name"), string(body, "Driver"), strings(body, "DriverOpts"),
        strings(body, "Labels"));
    return Response.json(201, VolumeJson.volume(v));
  }

  private Response inspect(Request request) {
    return Response.json(VolumeJson.volume(volumes.get(request.param("name"))));
  }

  private Response remove(Request request) throws Exception {
    volumes.remove(request.param("name"), request.query().bool("force", false));
    return Response.noContent();
  }

  /** Before API 1.42 prune took every unused volume; since, the anonymous ones unless {@code all=true}. */
  private Response prune(Request request) throws Exception {
    Filters filters = Filters.parse(request.query("filters"));
    if (request.apiVersion().isBefore("1.42")) {
      Map<String, List<String>> values = new java.util.LinkedHashMap<>(filters.values());
      values.put("all", List.of("true"));
      filters = new Filters(values);
    }
    VolumeService.PruneReport report = volumes.prune(filters);
    return Response.json(Json.map("VolumesDeleted", report.deleted(), "SpaceReclaimed", report.spaceReclaimed()));
  }

  private static String string(Map<String, Object> body, String key) {
    Object v = body.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new BerthException.InvalidParameter("json: cannot unmarshal " + jsonKind(v)
        + " into Go struct field CreateOptions." + key + " of type string");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> strings(Map<String, Object> body, String key) {
    Object v = body.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Map<?, ?> m && m.values().stream().allMatch(x -> x == null || x instanceof String)) {
      return (Map<String, String>) m;
    }
    throw new BerthException.InvalidParameter("json: cannot unmarshal " + jsonKind(v)
        + " into Go struct field CreateOptions." + key + " of type map[string]string");
  }

  private static String jsonKind(Object v) {
    return switch (v) {
      case Map<?, ?> m -> "object";
      case List<?> l -> "array";
      case Boolean b -> "bool";
      case Number n -> "number";
      default -> "string";
    };
  }
}
