package io.berth.daemon.api;

import io.berth.common.Filters;
import io.berth.common.GoTime;
import io.berth.common.Json;
import io.berth.common.TimeFilter;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import io.berth.engine.Engine;
import io.berth.engine.Version;
import io.berth.engine.distribution.RegistryConfig;
import io.berth.engine.events.Event;
import io.berth.engine.events.EventBus;
import io.berth.engine.events.EventFilter;
import io.berth.engine.image.ImageService;
import io.berth.engine.system.Host;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code /info}, {@code /events} and {@code /system/df}. */
public final class SystemRoutes {
  private final Engine engine;
  private final InfoSettings settings;
  private final io.berth.builder.Builder builder;
  private final AtomicInteger eventListeners = new AtomicInteger();

  public SystemRoutes(Engine engine, InfoSettings settings, io.berth.builder.Builder builder) {
    this.engine = engine;
    this.settings = settings;
    this.builder = builder;
  }

  public void install(Router router) {
    router.get("/info", this::info);
    router.get("/events", this::events);
    router.get("/system/df", this::diskUsage);
  }

  private Response info(Request request) {
    Host host = engine.host();
    List<String> warnings = new ArrayList<>();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", host.engineId());
    var containers = engine.containers().store().all();
    long running = containers.stream().filter(c -> c.state().status().equals("running")).count();
    long paused = containers.stream().filter(c -> c.state().paused()).count();
    m.put("Containers", containers.size());
    m.put("ContainersRunning", running);
    m.put("ContainersPaused", paused);
    m.put("ContainersStopped", containers.size() - running - paused);
    m.put("Images", engine.images().store().all().size());
    m.put("Driver", engine.driver().name());
    m.put("DriverStatus", engine.driver().status());
    m.put("Plugins", Json.map("Volume", List.of("local"), "Network", List.of("bridge", "host", "null"),
        "Authorization", null, "Log", List.of("json-file", "local")));
    boolean v2 = host.cgroupVersion().equals("2");
    m.put("MemoryLimit", true);
    m.put("SwapLimit", true);
    m.put("CpuCfsPeriod", true);
    m.put("CpuCfsQuota", true);
    m.put("CPUShares", true);
    m.put("CPUSet", true);
    m.put("PidsLimit", true);
    m.put("IPv4Forwarding", readFlag("/proc/sys/net/ipv4/ip_forward"));
    m.put("Debug", settings.debug());
    m.put("NFd", openFds());
    m.put("OomKillDisable", !v2);
    m.put("NGoroutines", Thread.activeCount());
    m.put("SystemTime", GoTime.rfc3339Nano(Instant.now()));
    m.put("LoggingDriver", settings.loggingDriver());
    m.put("CgroupDriver", settings.cgroupDriver());
    m.put("CgroupVersion", host.cgroupVersion());
    m.put("NEventsListener", eventListeners.get());
    m.put("KernelVersion", host.kernelVersion());
    m.put("OperatingSystem", host.operatingSystem());
    m.put("OSVersion", host.osVersion());
    m.put("OSType", "linux");
    m.put("Architecture", System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"));
    m.put("IndexServerAddress", "https://index.docker.io/v1/");
    m.put("RegistryConfig", registryConfig());
    m.put("NCPU", host.cpus());
    m.put("MemTotal", host.memoryBytes());
    m.put("GenericResources", null);
    m.put("DockerRootDir", engine.config().dataRoot().toString());
    m.put("HttpProxy", System.getenv().getOrDefault("HTTP_PROXY", ""));
    m.put("HttpsProxy", System.getenv().getOrDefault("HTTPS_PROXY", ""));
    m.put("NoProxy", System.getenv().getOrDefault("NO_PROXY", ""));
    m.put("Name", host.hostname());
    m.put("Labels", settings.labels());
    m.put("ExperimentalBuild", false);
    m.put("ServerVersion", Version.VERSION);
    Map<String, Object> runtimes = new LinkedHashMap<>();
    settings.runtimes().forEach((name, path) -> runtimes.put(name, Json.map("path", path)));
    m.put("Runtimes", runtimes);
    String defaultRuntime;
    try {
      defaultRuntime = settings.defaultRuntime().get();
    } catch (RuntimeException e) {
      defaultRuntime = ""; // no runtime works here: say so in Warnings
      warnings.add("WARNING: no OCI runtime works on this host: " + e.getMessage());
    }
    m.put("DefaultRuntime", defaultRuntime);
    m.put("Swarm", Json.map("NodeID", "", "NodeAddr", "", "LocalNodeState", "inactive", "ControlAvailable", false,
        "Error", "", "RemoteManagers", null));
    m.put("LiveRestoreEnabled", settings.liveRestore());
    m.put("Isolation", "");
    m.put("InitBinary", "docker-init");
    m.put("ContainerdCommit", Json.map("ID", ""));
    m.put("RuncCommit", Json.map("ID", ""));
    m.put("InitCommit", Json.map("ID", ""));
    m.put("SecurityOptions", List.of("name=seccomp,profile=builtin"));
    m.put("CDISpecDirs", List.of());
    m.put("Warnings", warnings);
    return Response.json(m);
  }

  /** dockerd's ServiceConfig, from the configuration the engine pulls and pushes with. */
  private Map<String, Object> registryConfig() {
    RegistryConfig config = engine.distribution().config();
    Map<String, Object> indexConfigs = new java.util.TreeMap<>(); // Go marshals map keys sorted
    config.indexConfigs().forEach((name, index) -> indexConfigs.put(name, Json.map("Name", index.name(),
        "Mirrors", index.mirrors(), "Secure", index.secure(), "Official", index.official())));
    return Json.map("AllowNondistributableArtifactsCIDRs", null, "AllowNondistributableArtifactsHostnames", null,
        "InsecureRegistryCIDRs", config.insecureCidrs().stream().map(Object::toString).toList(),
        "IndexConfigs", indexConfigs, "Mirrors", config.mirrors());
  }

  private static boolean readFlag(String path) {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of(path)).trim().equals("1");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static int openFds() {
    String[] fds = new java.io.File("/proc/self/fd").list();
    return fds == null ? 0 : fds.length;
  }

  private Response events(Request request) {
    Instant now = Instant.now();
    String sinceText = request.query("since");
    String untilText = request.query("until");
    Instant since = sinceText == null || sinceText.isEmpty() ? null : TimeFilter.parse(sinceText, now);
    Instant until = untilText == null || untilText.isEmpty() ? null : TimeFilter.parse(untilText, now);
    EventFilter filter = new EventFilter(Filters.parse(request.query("filters")));
    EventBus.Subscription sub = engine.events().subscribe();
    return Response.stream(Response.JSON, out -> {
      eventListeners.incrementAndGet();
      try (sub) {
        if (since != null) {
          for (Event e : sub.past()) {
            if (!e.time().isBefore(since) && (until == null || !e.time().isAfter(until)) && filter.matches(e)) {
              ImageRoutes.writeLine(out, eventJson(e));
            }
          }
        }
        out.flush();
        while (!request.clientClosed()) {
          if (until != null && !Instant.now().isBefore(until)) {
            return;
          }
          Event e = sub.live().poll(200, TimeUnit.MILLISECONDS);
          if (e != null && (until == null || !e.time().isAfter(until)) && filter.matches(e)) {
            ImageRoutes.writeLine(out, eventJson(e));
          }
        }
      } finally {
        eventListeners.decrementAndGet();
      }
    });
  }

  static Map<String, Object> eventJson(Event e) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (e.type().equals("container") || e.type().equals("image")) {
      m.put("status", e.action());
      m.put("id", e.actorId());
      if (e.attributes().containsKey("image") && e.type().equals("container")) {
        m.put("from", e.attributes().get("image"));
      }
    }
    m.put("Type", e.type());
    m.put("Action", e.action());
    m.put("Actor", Json.map("ID", e.actorId(), "Attributes", e.attributes()));
    m.put("scope", "local");
    m.put("time", e.time().getEpochSecond());
    m.put("timeNano", e.timeNano());
    return m;
  }

  private static final List<String> DISK_USAGE_TYPES = List.of("container", "image", "volume", "build-cache");

  /**
   * dockerd's getDiskUsage: the sections asked for with {@code type} (API 1.42; all when none is), the others null;
   * containers as {@code GET /containers/json?all=1&size=1} lists them.
   */
  private Response diskUsage(Request request) throws java.io.IOException {
    List<String> types = request.apiVersion().isBefore("1.42") || !request.query().has("type")
        ? DISK_USAGE_TYPES : request.query().all("type");
    for (String type : types) {
      if (!DISK_USAGE_TYPES.contains(type)) {
        throw new io.berth.common.BerthException.InvalidParameter("unknown object type: " + type);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> images = null;
    long layersSize = 0;
    if (types.contains("image")) {
      ImageService.DiskUsage usage = engine.imageService().diskUsage();
      layersSize = usage.layersSize();
      images = new ArrayList<>();
      for (ImageService.Summary s : usage.images()) {
        images.add(ImageJson.summary(s, request.apiVersion().isBefore("1.44")));
      }
    }
    m.put("LayersSize", layersSize);
    m.put("Images", images);
    m.put("Containers", types.contains("container")
        ? ContainerRoutes.summaries(engine, Filters.EMPTY, true, -1, true) : null);
    List<Object> volumes = null;
    if (types.contains("volume")) {
      volumes = new ArrayList<>();
      for (var u : engine.volumes().usage()) {
        volumes.add(VolumeJson.volume(u.volume(), u.size(), u.refCount()));
      }
    }
    m.put("Volumes", volumes);
    if (!types.contains("build-cache")) {
      m.put("BuildCache", null);
      return Response.json(m);
    }
    List<Object> cache = new ArrayList<>();
    for (var u : builder.diskUsage()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("ID", u.id());
      e.put("Parent", u.parent());
      e.put("Parents", u.parent().isEmpty() ? null : List.of(u.parent()));
      e.put("Type", u.type());
      e.put("Description", u.description());
      e.put("InUse", u.inUse());
      e.put("Shared", u.shared());
      e.put("Size", u.size());
      e.put("CreatedAt", GoTime.rfc3339Nano(u.createdAt()));
      e.put("LastUsedAt", GoTime.rfc3339Nano(u.lastUsedAt()));
      e.put("UsageCount", u.usageCount());
      cache.add(e);
    }
    m.put("BuildCache", cache);
    return Response.json(m);
  }

}
