package io.berth.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The {@code /networks} calls of the CLI's {@code network} commands. */
public final class NetworkClient {
  private final BerthClient client;

  public NetworkClient(BerthClient client) {
    this.client = client;
  }

  public List<Object> list(Filters filters) {
    return client.array("GET", "/networks", new BerthClient.Query().filters(filters));
  }

  /** The network's JSON exactly as the daemon wrote it (for {@code network inspect}'s indented output). */
  public String inspectRaw(String name, boolean verbose) {
    BerthClient.Query query = verbose ? new BerthClient.Query().add("verbose", "true") : null;
    try (HttpResponse response = client.call("GET", "/networks/" + BerthClient.pathEscape(name), query,
        RequestBody.NONE)) {
      return new String(response.readBody(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> create(Map<String, Object> request) {
    Object answer = client.json("POST", "/networks/create", null, RequestBody.json(request));
    return answer instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  public void remove(String name) {
    client.json("DELETE", "/networks/" + BerthClient.pathEscape(name), null, RequestBody.NONE);
  }

  public Map<String, Object> prune(Filters filters) {
    return client.object("POST", "/networks/prune", new BerthClient.Query().filters(filters));
  }

  public void connect(String network, Map<String, Object> body) {
    client.json("POST", "/networks/" + BerthClient.pathEscape(network) + "/connect", null, RequestBody.json(body));
  }

  public void disconnect(String network, Map<String, Object> body) {
    client.json("POST", "/networks/" + BerthClient.pathEscape(network) + "/disconnect", null, RequestBody.json(body));
  }
}
