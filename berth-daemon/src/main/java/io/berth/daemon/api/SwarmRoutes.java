package io.berth.daemon.api;

import io.berth.common.BerthException;
import io.berth.common.Json;
import io.berth.daemon.http.ApiVersion;
import io.berth.daemon.http.Handler;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import java.io.IOException;

/**
 * Swarm mode's API ({@code /swarm}, {@code /services}, {@code /nodes}, {@code /tasks}, {@code /secrets},
 * {@code /configs}) answered as dockerd answers it on a node in no swarm, which a berth node always is: berth
 * does not implement swarm mode. Each route first checks its request as moby's swarm router does (the body must
 * decode, versions and flags must parse: 400, or 500 where dockerd leaves the error unclassified), then fails as
 * moby's daemon/cluster does for an inactive node: 503 "This node is not a swarm manager. ..." or, for leave,
 * 503 "This node is not part of a swarm". Init and join, which would make the node part of a swarm, are refused
 * with 501 (moby's errdefs.NotImplemented). {@code /info}'s Swarm section says "inactive" to match.
 */
public final class SwarmRoutes {
  static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or"
      + " \"docker swarm join\" to connect this node to swarm and try again.";
  static final String NOT_IN_A_SWARM = "This node is not part of a swarm";
  static final String NO_SWARM_MODE = "This node cannot create or join a swarm: berth does not implement swarm mode";

  /** A handler's check of its request, before the node's state decides the answer. */
  private interface Check {
    void check(Request request) throws IOException;
  }

  public void install(Router router) {
    router.post("/swarm/init", refused(body("swarm.InitRequest")));
    router.post("/swarm/join", refused(body("swarm.JoinRequest")));
    router.post("/swarm/leave", request -> {
      throw new BerthException.Unavailable(NOT_IN_A_SWARM);
    });
    router.get("/swarm", notAManager(none()));
    router.get("/swarm/unlockkey", notAManager(none()));
    router.post("/swarm/update", notAManager(all(body("swarm.Spec"), version("invalid swarm version '%s': %s"),
        flag("rotateWorkerToken"), flag("rotateManagerToken"), flag("rotateManagerUnlockKey"))));
    router.post("/swarm/unlock", notAManager(body("swarm.UnlockRequest")));

    router.get("/services", notAManager(all(filters(true), SwarmRoutes::serviceStatus)));
    router.get("/services/{id}", notAManager(wrappedBool("insertDefaults")));
    router.post("/services/create", notAManager(body("swarm.ServiceSpec")));
    router.post("/services/{id}/update", notAManager(all(body("swarm.ServiceSpec"),
        version("invalid service version '%s': %s"))));
    router.delete("/services/{id}", notAManager(none()));
    router.get("/services/{id}/logs", notAManager(SwarmRoutes::logStreams));

    router.get("/nodes", notAManager(filters(false)));
    router.get("/nodes/{id}", notAManager(none()));
    router.delete("/nodes/{id}", notAManager(none()));
    router.post("/nodes/{id}/update", notAManager(all(body("swarm.NodeSpec"), version("invalid node version '%s': %s"))));

    router.get("/tasks", notAManager(filters(false)));
    router.get("/tasks/{id}", notAManager(none()));
    router.get("/tasks/{id}/logs", notAManager(SwarmRoutes::logStreams));

    for (String kind : new String[] {"secret", "config"}) {
      String plural = "/" + kind + "s";
      String spec = "swarm." + Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + "Spec";
      router.get(plural, notAManager(filters(false)));
      router.post(plural + "/create", notAManager(templatedBody(spec, kind)));
      router.delete(plural + "/{id}", notAManager(none()));
      router.get(plural + "/{id}", notAManager(none()));
      router.post(plural + "/{id}/update", notAManager(all(body(spec), version("invalid " + kind + " version"))));
    }
  }

  private static Handler notAManager(Check check) {
    return request -> {
      check.check(request);
      throw new BerthException.Unavailable(NOT_A_MANAGER);
    };
  }

  private static Handler refused(Check check) {
    return request -> {
      check.check(request);
      throw new BerthException.NotImplemented(NO_SWARM_MODE);
    };
  }

  private static Check none() {
    return request -> { };
  }

  private static Check all(Check... checks) {
    return request -> {
      for (Check c : checks) {
        c.check(request);
      }
    };
  }

  /** The body decoded into the Go struct the router declares: "got EOF while reading request body" and the like. */
  private static Check body(String goType) {
    return request -> decoded(request.bodyBytes(), goType);
  }

  private static void decoded(byte[] body, String goType) {
    String error = GoDecoding.decodeStruct(body, goType);
    if (error != null) {
      throw new BerthException.InvalidParameter(error);
    }
  }

  /** The {@code version} parameter, a uint64; {@code format} takes the raw text and strconv's error. */
  private static Check version(String format) {
    return request -> {
      String raw = request.query().get("version", "");
      String error = GoDecoding.parseUint(raw);
      if (error != null) {
        throw new BerthException.InvalidParameter(format.contains("%s") ? format.formatted(raw, error) : format);
      }
    };
  }

  /** A boolean flag of /swarm/update: when given, strconv.ParseBool must accept it. */
  private static Check flag(String name) {
    return request -> {
      String value = request.query().get(name, "");
      if (!value.isEmpty() && GoDecoding.parseBool(value) != null) {
        throw new BerthException.InvalidParameter("invalid value for " + name + ": " + value);
      }
    };
  }

  /** A boolean parameter whose error wraps strconv's: "invalid value for insertDefaults: x: strconv...". */
  private static Check wrappedBool(String name) {
    return request -> {
      String value = request.query().get(name, "");
      String error = value.isEmpty() ? null : GoDecoding.parseBool(value);
      if (error != null) {
        throw new BerthException.InvalidParameter("invalid value for " + name + ": " + value + ": " + error);
      }
    };
  }

  /** {@code status} is read from API 1.41 on (older clients' is ignored, as dockerd does). */
  private static void serviceStatus(Request request) throws IOException {
    if (request.apiVersion().compareTo(ApiVersion.parse("1.41")) >= 0) {
      wrappedBool("status").check(request);
    }
  }

  /** filters.FromJSON: a 400 where the router wraps it as a bad parameter (services), else dockerd's 500. */
  private static Check filters(boolean invalidParameter) {
    return request -> {
      String error = GoDecoding.filters(request.query("filters"));
      if (error != null) {
        throw invalidParameter ? new BerthException.InvalidParameter(error) : new Unclassified(error);
      }
    };
  }

  /** A secret's or config's body; templates in them came with API 1.37. */
  private static Check templatedBody(String goType, String kind) {
    return request -> {
      byte[] body = request.bodyBytes();
      decoded(body, goType);
      ApiVersion version = request.apiVersion();
      if (version.compareTo(ApiVersion.parse("1.37")) < 0 && Json.MAPPER.readTree(body).hasNonNull("Templating")) {
        throw new BerthException.InvalidParameter(
            kind + " templating is not supported on the specified API version: " + version);
      }
    };
  }

  /** swarmLogs: at least one stream, or dockerd's unclassified error (a 500). */
  private static void logStreams(Request request) {
    if (!request.query().bool("stdout") && !request.query().bool("stderr")) {
      throw new Unclassified("Bad parameters: you must choose at least one stream");
    }
  }

  /** An error dockerd does not classify: a 500 with its message. */
  private static final class Unclassified extends RuntimeException {
    Unclassified(String message) {
      super(message);
    }
  }
}
