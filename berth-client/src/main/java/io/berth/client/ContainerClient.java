package io.berth.client;

import io.berth.client.BerthClient.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The Engine API's {@code /containers} endpoints, with the query parameters spelled as the Docker
 * CLI sends them. Errors surface as
 * {@link BerthClient#call} reports them.
 */
public final class ContainerClient {
  private final BerthClient client;

  public ContainerClient(BerthClient client) {
    this.client = client;
  }

  private static String path(String id, String action) {
    return "/containers/" + BerthClient.pathEscape(id) + action;
  }

  /** {@code POST /containers/create}: the body is Config with HostConfig and NetworkingConfig. */
  public Map<String, Object> create(Map<String, Object> body, String name, String platform) {
    Query query = new Query().addNonEmpty("name", name).addNonEmpty("platform", platform);
    return asObject(client.json("POST", "/containers/create", query, RequestBody.json(body)));
  }

  /** {@code GET /containers/{id}/json}. */
  public Map<String, Object> inspect(String id, boolean size) {
    return client.object("GET", path(id, "/json"), size ? new Query().add("size", "1") : null);
  }

  /** The inspect JSON exactly as the daemon wrote it. */
  public String inspectRaw(String id, boolean size) {
    try (HttpResponse response = client.call("GET", path(id, "/json"), size ? new Query().add("size", "1") : null,
        RequestBody.NONE)) {
      return new String(response.readBody(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code GET /containers/json}; limit ≤ 0 means no limit. */
  public List<Object> list(boolean all, int limit, boolean size, Filters filters) {
    Query query = new Query().flag("all", all).filters(filters);
    if (limit > 0) {
      query.add("limit", Integer.toString(limit));
    }
    query.flag("size", size);
    return client.array("GET", "/containers/json", query);
  }

  public void start(String id) {
    client.json("POST", path(id, "/start"), null, RequestBody.NONE);
  }

  /** {@code POST /containers/{id}/stop}; signal may be empty, timeout null for the container's own. */
  public void stop(String id, String signal, Integer timeout) {
    client.json("POST", path(id, "/stop"), stopQuery(signal, timeout), RequestBody.NONE);
  }

  public void restart(String id, String signal, Integer timeout) {
    client.json("POST", path(id, "/restart"), stopQuery(signal, timeout), RequestBody.NONE);
  }

  private Query stopQuery(String signal, Integer timeout) {
    Query query = new Query();
    // The signal parameter exists since API 1.42; older daemons would reject it.
    if (signal != null && !signal.isEmpty() && ApiVersion.compare(client.apiVersion(), "1.42") >= 0) {
      query.add("signal", signal);
    }
    if (timeout != null) {
      query.add("t", timeout.toString());
    }
    return query;
  }

  public void kill(String id, String signal) {
    client.json("POST", path(id, "/kill"), new Query().addNonEmpty("signal", signal), RequestBody.NONE);
  }

  public void remove(String id, boolean force, boolean volumes, boolean link) {
    Query query = new Query().flag("force", force).flag("link", link).flag("v", volumes);
    client.json("DELETE", path(id, ""), query, RequestBody.NONE);
  }

  /**
   * {@code POST /containers/{id}/wait}: returns once the daemon has registered the wait (its
   * response head is sent at once), so a start issued afterwards cannot be missed. Read the
   * outcome with {@link WaitResult#read}.
   */
  public HttpResponse waitFor(String id, String condition) {
    return client.call("POST", path(id, "/wait"), new Query().addNonEmpty("condition", condition), RequestBody.NONE);
  }

  /** Hijacked {@code POST /containers/{id}/attach}. */
  public HijackedStream attach(String id, boolean stdin, boolean stdout, boolean stderr, String detachKeys,
      boolean logs) {
    Query query = new Query().addNonEmpty("detachKeys", detachKeys).flag("logs", logs).flag("stderr", stderr)
        .flag("stdin", stdin).flag("stdout", stdout).add("stream", "1");
    return client.hijack(path(id, "/attach"), query, RequestBody.NONE);
  }

  public void resize(String id, int height, int width) {
    client.json("POST", path(id, "/resize"),
        new Query().add("h", Integer.toString(height)).add("w", Integer.toString(width)), RequestBody.NONE);
  }

  /** {@code GET /containers/{id}/logs}; the query is built by the caller (flags map 1:1). */
  public HttpResponse logs(String id, Query query) {
    return client.call("GET", path(id, "/logs"), query, RequestBody.NONE);
  }

  /** {@code GET /containers/{id}/top}: {@code {"Titles": [...], "Processes": [[...]]}}. */
  public Map<String, Object> top(String id, String psArgs) {
    return client.object("GET", path(id, "/top"), new Query().addNonEmpty("ps_args", psArgs));
  }

  /** {@code GET /containers/{id}/stats}: one JSON object, or a stream of them. */
  public HttpResponse stats(String id, boolean stream) {
    Query query = new Query().add("stream", stream ? "1" : "0");
    return client.call("GET", path(id, "/stats"), query, RequestBody.NONE);
  }

  public void rename(String id, String newName) {
    client.json("POST", path(id, "/rename"), new Query().add("name", newName), RequestBody.NONE);
  }

  /** {@code POST /containers/{id}/update}: answers {@code {"Warnings": [...]}}. */
  public Map<String, Object> update(String id, Map<String, Object> body) {
    return asObject(client.json("POST", path(id, "/update"), null, RequestBody.json(body)));
  }

  public void pause(String id) {
    client.json("POST", path(id, "/pause"), null, RequestBody.NONE);
  }

  public void unpause(String id) {
    client.json("POST", path(id, "/unpause"), null, RequestBody.NONE);
  }

  /** {@code POST /containers/prune}: {@code {"ContainersDeleted": [...], "SpaceReclaimed": n}}. */
  public Map<String, Object> prune(Filters filters) {
    return client.object("POST", "/containers/prune", new Query().filters(filters));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new java.util.LinkedHashMap<>();
  }

  /** What {@code /wait} answers: the exit status, and an error text when waiting failed. */
  public record WaitResult(long statusCode, String error) {
    /** Reads and closes a wait response. */
    public static WaitResult read(HttpResponse response) throws IOException {
      try (response) {
        Map<String, Object> body = JsonParser.parseObject(response.readBody());
        long status = body.get("StatusCode") instanceof Number n ? n.longValue() : 0;
        String error = body.get("Error") instanceof Map<?, ?> e && e.get("Message") instanceof String m
            && !m.isEmpty() ? m : null;
        return new WaitResult(status, error);
      }
    }
  }
}
