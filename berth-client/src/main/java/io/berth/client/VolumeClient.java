package io.berth.client;

import io.berth.client.BerthClient.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The Engine API's {@code /volumes} endpoints, with the query parameters spelled as the Docker CLI sends them. */
public final class VolumeClient {
  private final BerthClient client;

  public VolumeClient(BerthClient client) {
    this.client = client;
  }

  /** {@code GET /volumes}: the Volumes of the answer. */
  @SuppressWarnings("unchecked")
  public List<Object> list(Filters filters) {
    Object volumes = client.object("GET", "/volumes", new Query().filters(filters)).get("Volumes");
    return volumes instanceof List<?> l ? (List<Object>) l : List.of();
  }

  /** {@code POST /volumes/create}: Name, Driver, DriverOpts, Labels. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> create(Map<String, Object> body) {
    return (Map<String, Object>) client.json("POST", "/volumes/create", null, RequestBody.json(body));
  }

  /** {@code GET /volumes/{name}} exactly as the daemon wrote it. */
  public String inspectRaw(String name) {
    try (HttpResponse response = client.call("GET", "/volumes/" + BerthClient.pathEscape(name), null,
        RequestBody.NONE)) {
      return new String(response.readBody(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void remove(String name, boolean force) {
    client.json("DELETE", "/volumes/" + BerthClient.pathEscape(name), force ? new Query().add("force", "1") : null,
        RequestBody.NONE);
  }

  public Map<String, Object> prune(Filters filters) {
    return client.object("POST", "/volumes/prune", new Query().filters(filters));
  }
}
