package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.GoTime;
import io.berth.common.Json;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.container.config.EndpointSettings;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.NetworkingConfig;
import io.berth.engine.mount.MountPoint;
import io.berth.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Containers by ID, one directory each ({@code containers/<id>/}) holding {@code config.v2.json},
 * rewritten atomically on every change, beside the container's own files (hosts, hostname,
 * resolv.conf). Names are unique; lookups accept an ID, a unique ID prefix or a name.
 */
public final class ContainerStore {
  private static final String CONFIG = "config.v2.json";
  private final Path root;
  private final Map<String, Container> containers = new ConcurrentHashMap<>();

  public ContainerStore(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        Path file = dir.resolve(CONFIG);
        if (!Files.exists(file)) {
          AtomicFiles.deleteTree(dir); // a create that never finished
          continue;
        }
        Container c = fromJson(Json.object(Files.readAllBytes(file)));
        containers.put(c.id(), c);
      }
    }
  }

  public Path dir(String id) {
    return root.resolve(id);
  }

  public Collection<Container> all() {
    return List.copyOf(containers.values());
  }

  public Optional<Container> get(String id) {
    return Optional.ofNullable(containers.get(id));
  }

  /** Docker's lookup order: full ID, then exact name, then a unique ID prefix. */
  public Container find(String idOrName) {
    if (idOrName == null || idOrName.isEmpty()) {
      throw new BerthException.NotFound("No such container: " + idOrName);
    }
    Container c = containers.get(idOrName);
    if (c != null) {
      return c;
    }
    String name = idOrName.startsWith("/") ? idOrName.substring(1) : idOrName;
    for (Container candidate : containers.values()) {
      if (candidate.name().equals(name)) {
        return candidate;
      }
    }
    List<Container> matches = new ArrayList<>();
    for (Container candidate : containers.values()) {
      if (candidate.id().startsWith(idOrName)) {
        matches.add(candidate);
      }
    }
    if (matches.size() > 1) {
      throw new BerthException.InvalidParameter("Multiple IDs found with provided prefix: " + idOrName);
    }
    if (matches.isEmpty()) {
      throw new BerthException.NotFound("No such container: " + idOrName);
    }
    return matches.getFirst();
  }

  /** Adds a new container, refusing a name in use with Docker's message. */
  public synchronized void add(Container c) throws IOException {
    checkName(c.name(), c.id());
    Files.createDirectories(dir(c.id()));
    write(c);
    containers.put(c.id(), c);
  }

  public synchronized void checkName(String name, String forId) {
    for (Container other : containers.values()) {
      if (other.name().equals(name) && !other.id().equals(forId)) {
        throw new BerthException.Conflict("Conflict. The container name \"/" + name
            + "\" is already in use by container \"" + other.id()
            + "\". You have to remove (or rename) that container to be able to reuse that name.");
      }
    }
  }

  /** Applies a change to a stored container and persists it; returns the new value. */
  public synchronized Container update(String id, UnaryOperator<Container> change) throws IOException {
    Container current = containers.get(id);
    if (current == null) {
      throw new BerthException.NotFound("No such container: " + id);
    }
    Container next = change.apply(current);
    write(next);
    containers.put(id, next);
    return next;
  }

  /**
   * Applies a change in memory only: the next persisted change writes it too. For the health check's results,
   * which dockerd too keeps in memory between the container's state changes (best effort across restarts).
   */
  public synchronized Container updateInMemory(String id, UnaryOperator<Container> change) {
    Container current = containers.get(id);
    if (current == null) {
      throw new BerthException.NotFound("No such container: " + id);
    }
    Container next = change.apply(current);
    containers.put(id, next);
    return next;
  }

  /** Forgets a container and removes its directory. */
  public synchronized void remove(String id) throws IOException {
    containers.remove(id);
    Path dir = dir(id);
    Files.deleteIfExists(dir.resolve(CONFIG)); // gone for the next start even if the rest fails
    AtomicFiles.deleteTree(dir);
  }

  private void write(Container c) throws IOException {
    AtomicFiles.write(dir(c.id()).resolve(CONFIG), Json.bytes(toJson(c)));
  }

  static Map<String, Object> toJson(Container c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", c.id());
    m.put("Name", c.name());
    m.put("Created", GoTime.rfc3339Nano(c.created()));
    m.put("Path", c.path());
    m.put("Args", c.args());
    m.put("Config", ConfigCodec.toMap(c.config()));
    m.put("HostConfig", ConfigCodec.toMap(c.hostConfig()));
    m.put("NetworkingConfig", ConfigCodec.toMap(c.networkingConfig()));
    m.put("Image", c.image().toString());
    m.put("ImageName", c.imageName());
    m.put("RWLayer", c.rwLayer());
    m.put("InitLayer", c.initLayer());
    ContainerState s = c.state();
    m.put("State", Json.map("Status", s.status(), "Pid", s.pid(), "MonitorPid", s.monitorPid(),
        "ExitCode", s.exitCode(), "Error", s.error(), "OOMKilled", s.oomKilled(),
        "StartedAt", GoTime.rfc3339Nano(s.startedAt()), "FinishedAt", GoTime.rfc3339Nano(s.finishedAt()),
        "ManuallyStopped", s.manuallyStopped(), "Health", s.health() == null ? null : HealthJson.toJson(s.health())));
    m.put("RestartCount", c.restartCount());
    m.put("NetworkSettings", ConfigCodec.toMap(c.network()));
    m.put("Runtime", c.runtime());
    m.put("MountPoints", c.mountPoints().stream().map(ConfigCodec::toMap).toList());
    return m;
  }

  @SuppressWarnings("unchecked")
  static Container fromJson(Map<String, Object> m) {
    Map<String, Object> s = (Map<String, Object>) m.get("State");
    ContainerState state = new ContainerState((String) s.get("Status"), num(s.get("Pid")), num(s.get("MonitorPid")),
        (int) num(s.get("ExitCode")), (String) s.get("Error"), Boolean.TRUE.equals(s.get("OOMKilled")),
        time(s.get("StartedAt")), time(s.get("FinishedAt")), Boolean.TRUE.equals(s.get("ManuallyStopped")),
        s.get("Health") instanceof Map<?, ?> h ? HealthJson.fromJson((Map<String, Object>) h) : null);
    NetworkState network = ConfigCodec.fromMap((Map<String, Object>) m.get("NetworkSettings"), NetworkState.class);
    if (network == null && m.get("Endpoint") instanceof Map<?, ?> e && e.get("IPAddress") instanceof String ip
        && !ip.isEmpty()) { // an older berthd's single bridge endpoint
      network = NetworkState.none().with("bridge", new EndpointSettings(null, null, (String) e.get("MacAddress"), null,
          null, 0, "", (String) e.get("EndpointID"), (String) e.get("Gateway"), ip, (int) num(e.get("IPPrefixLen")),
          "", "", 0, null));
    }
    return new Container((String) m.get("ID"), (String) m.get("Name"), time(m.get("Created")), (String) m.get("Path"),
        (List<String>) m.get("Args"), ConfigCodec.fromMap((Map<String, Object>) m.get("Config"), ContainerConfig.class),
        ConfigCodec.fromMap((Map<String, Object>) m.get("HostConfig"), HostConfig.class),
        ConfigCodec.fromMap((Map<String, Object>) m.get("NetworkingConfig"), NetworkingConfig.class),
        Digest.parse((String) m.get("Image")), (String) m.get("ImageName"), (String) m.get("RWLayer"),
        (String) m.get("InitLayer"), state, (int) num(m.get("RestartCount")), network, (String) m.get("Runtime"),
        mountPoints(m.get("MountPoints")));
  }

  @SuppressWarnings("unchecked")
  private static List<MountPoint> mountPoints(Object json) {
    List<MountPoint> out = new ArrayList<>();
    if (json instanceof List<?> list) {
      list.forEach(o -> out.add(ConfigCodec.fromMap((Map<String, Object>) o, MountPoint.class)));
    }
    return out;
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  private static Instant time(Object o) {
    return o instanceof String t ? GoTime.parse(t) : ContainerState.ZERO;
  }
}
