package io.berth.daemon.api;

import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.common.GoTime;
import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import io.berth.engine.Engine;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.EndpointSettings;
import io.berth.engine.network.NetworkCreateRequest;
import io.berth.engine.network.NetworkInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /networks}: list, inspect, create, remove, prune, connect and disconnect, in the API's shapes. */
public record NetworkRoutes(Engine engine) {
  /** {@code POST /networks/{id}/connect}'s body. */
  record ConnectRequest(String container, EndpointSettings endpointConfig) {}

  /** {@code POST /networks/{id}/disconnect}'s body. */
  record DisconnectRequest(String container, boolean force) {}

  public void install(Router router) {
    router.get("/networks", this::list);
    router.get("/networks/{id}", this::inspect);
    router.post("/networks/create", this::create);
    router.delete("/networks/{id}", this::remove);
    router.post("/networks/prune", this::prune);
    router.post("/networks/{id}/connect", this::connect);
    router.post("/networks/{id}/disconnect", this::disconnect);
  }

  private Response list(Request request) {
    List<Object> out = new ArrayList<>();
    for (NetworkInfo n : engine.networks().list(Filters.parse(request.query("filters")))) {
      out.add(json(n, false));
    }
    return Response.json(out);
  }

  private Response inspect(Request request) {
    String verbose = request.query("verbose");
    String notBool = verbose == null || verbose.isEmpty() ? null : GoDecoding.parseBool(verbose);
    if (notBool != null) {
      // its only effect in dockerd is a swarm's services, none here; a value Go's ParseBool refuses is a 400 still
      throw new BerthException.InvalidParameter("invalid value for verbose: " + verbose + ": " + notBool);
    }
    String scope = request.query("scope");
    if (scope != null && !scope.isEmpty() && !scope.equals("local")) {
      throw new BerthException.NotFound("network " + request.param("id") + " not found");
    }
    return Response.json(json(engine.networks().inspect(request.param("id")), true));
  }

  private Response create(Request request) throws Exception {
    byte[] body = request.hasBody() ? request.bodyBytes() : new byte[0];
    NetworkCreateRequest req = ConfigCodec.decode(body.length == 0 ? "{}".getBytes() : body,
        NetworkCreateRequest.class);
    NetworkInfo n = engine.networks().create(req);
    return Response.json(201, Json.map("Id", n.id(), "Warning", ""));
  }

  private Response remove(Request request) {
    engine.networks().remove(request.param("id"));
    return Response.noContent();
  }

  private Response prune(Request request) {
    List<String> deleted = engine.networks().prune(Filters.parse(request.query("filters")));
    return Response.json(Json.map("NetworksDeleted", deleted));
  }

  private Response connect(Request request) throws Exception {
    ConnectRequest body = ConfigCodec.decode(request.bodyBytes(), ConnectRequest.class);
    if (body.container() == null || body.container().isEmpty()) {
      throw new BerthException.InvalidParameter("container is required");
    }
    engine.lifecycle().connect(body.container(), request.param("id"), body.endpointConfig());
    return Response.empty(200);
  }

  private Response disconnect(Request request) throws Exception {
    DisconnectRequest body = ConfigCodec.decode(request.bodyBytes(), DisconnectRequest.class);
    engine.lifecycle().disconnect(body.container(), request.param("id"), body.force());
    return Response.empty(200);
  }

  /** The API's Network; its Containers only in inspect, as dockerd's list leaves them empty. */
  static Map<String, Object> json(NetworkInfo n, boolean withContainers) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", n.name());
    m.put("Id", n.id());
    m.put("Created", GoTime.rfc3339Nano(n.created()));
    m.put("Scope", n.scope());
    m.put("Driver", n.driver());
    m.put("EnableIPv4", true);
    m.put("EnableIPv6", n.enableIpv6());
    List<Object> pools = new ArrayList<>();
    for (NetworkInfo.Pool p : n.pools()) {
      Map<String, Object> pool = new LinkedHashMap<>();
      pool.put("Subnet", p.subnet());
      if (!p.ipRange().isEmpty()) {
        pool.put("IPRange", p.ipRange());
      }
      pool.put("Gateway", p.gateway());
      pools.add(pool);
    }
    m.put("IPAM", Json.map("Driver", n.ipamDriver(), "Options", n.ipamOptions().isEmpty() ? null : n.ipamOptions(),
        "Config", pools));
    m.put("Internal", n.internal());
    m.put("Attachable", n.attachable());
    m.put("Ingress", false);
    m.put("ConfigFrom", Json.map("Network", ""));
    m.put("ConfigOnly", false);
    Map<String, Object> containers = new LinkedHashMap<>();
    if (withContainers) {
      n.containers().forEach((id, a) -> containers.put(id, Json.map("Name", a.name(), "EndpointID", a.endpointId(),
          "MacAddress", a.macAddress(), "IPv4Address", a.ipv4Address(), "IPv6Address", a.ipv6Address())));
    }
    m.put("Containers", containers);
    m.put("Options", n.options());
    m.put("Labels", n.labels());
    return m;
  }
}
