package io.berth.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One network's address pool, kept by CNI's {@code host-local} plugin: a file per leased address
 * under {@code <dataDir>/<network>/}, named by the address and holding the owner's container ID.
 * The files are the whole state, so a restarted daemon reads the leases back from disk.
 */
final class HostLocalIpam {
  /** The interface name host-local records with each lease; releases match on it too. */
  static final String IF_NAME = "eth0";

  /** An address on loan to a container. */
  record Lease(String address, String containerId) {}

  private final CniPlugin cni;
  private final String network;
  private final Path dataDir;
  private final Cidr subnet;
  private final String gateway;

  HostLocalIpam(CniPlugin cni, String network, Path dataDir, Cidr subnet, String gateway) {
    this.cni = cni;
    this.network = network;
    this.dataDir = dataDir;
    this.subnet = subnet.network();
    this.gateway = gateway;
  }

  /**
   * Leases the next free address (never the gateway) to {@code containerId}. The plugin insists
   * on being told the namespace although it never enters it.
   */
  Cidr allocate(String containerId, String netns) {
    JsonNode result = cni.invoke("host-local", "ADD", containerId, netns, IF_NAME, conf());
    JsonNode ips = result.path("ips");
    if (!ips.isArray() || ips.isEmpty()) {
      throw new NetworkException("host-local returned no address for " + containerId + ": " + result);
    }
    return Cidr.parse(ips.get(0).path("address").asText());
  }

  /** Returns every address leased to {@code containerId}; nothing leased is fine. */
  void release(String containerId) {
    cni.invoke("host-local", "DEL", containerId, null, IF_NAME, conf());
  }

  /** The leases on disk: what a restarted daemon checks against the containers still alive. */
  List<Lease> leases() {
    Path dir = dataDir.resolve(network);
    List<Lease> leases = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (!isAddress(name)) {
          continue; // "lock", "last_reserved_ip.0"
        }
        try {
          String owner = Files.readString(f, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
          leases.add(new Lease(name, owner));
        } catch (NoSuchFileException raced) {
          // released while we listed
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return leases;
  }

  /** Where the plugin keeps this network's leases. */
  Path directory() {
    return dataDir.resolve(network);
  }

  private static boolean isAddress(String name) {
    try {
      Cidr.parseAddress(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Map<String, Object> conf() {
    return Map.of(
        "name", network,
        "ipam", Map.of(
            "type", "host-local",
            "ranges", List.of(List.of(Map.of("subnet", subnet.toString(), "gateway", gateway))),
            "dataDir", dataDir.toString()));
  }
}
