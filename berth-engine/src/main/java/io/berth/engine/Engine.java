package io.berth.engine;

import io.berth.common.BerthException;
import io.berth.engine.container.ContainerService;
import io.berth.engine.container.Lifecycle;
import io.berth.engine.container.Snapshots;
import io.berth.network.BridgeConfig;
import io.berth.network.BridgeNetwork;
import io.berth.oci.OciSpecBuilder;
import io.berth.runtime.Conmon;
import io.berth.runtime.ExecLauncher;
import io.berth.runtime.OciRuntime;
import io.berth.runtime.OciRuntimeClient;
import io.berth.runtime.RuntimeProbe;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.events.EventBus;
import io.berth.engine.fs.AtomicFiles;
import io.berth.engine.image.ImageArchive;
import io.berth.engine.image.ImageImporter;
import io.berth.engine.image.ImageRemover;
import io.berth.engine.image.ImageService;
import io.berth.engine.image.ImageStore;
import io.berth.engine.image.Images;
import io.berth.engine.image.ReferenceStore;
import io.berth.engine.layer.LayerStore;
import io.berth.engine.storage.GraphDriver;
import io.berth.engine.system.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine: every store and service, opened from the data root with Docker's layout
 * ({@code image/<driver>/imagedb}, {@code image/<driver>/layerdb},
 * {@code image/<driver>/repositories.json}, {@code <driver>/}, {@code tmp/}). Opening it repairs
 * whatever a crash left behind. It knows nothing of HTTP.
 */
public final class Engine implements AutoCloseable {
  private final EngineConfig config;
  private final EventBus events = new EventBus();
  private final GraphDriver driver;
  private final Images images;
  private final ImageService imageService;
  private final ImageRemover imageRemover;
  private final ImageImporter imageImporter;
  private final ImageArchive imageArchive;
  private final Host host;
  private final ContainerService containers;
  private final Lifecycle lifecycle;
  private final io.berth.engine.container.ExecService exec;
  private final Snapshots snapshots;
  private final Lazy<OciRuntime> runtime;
  private final io.berth.engine.container.ArchiveService archives;
  private final io.berth.engine.distribution.Distribution distribution;

  /**
   * Where the engine keeps its state, which storage driver, bridge ({@code none} for no bridge
   * network) and subnet it was asked for, and the OCI runtimes (name to path; the default one
   * by name, empty to pick by probing what works on this host).
   */
  public record EngineConfig(Path dataRoot, Path execRoot, String storageDriver, String bridge, String bip,
      Map<String, String> runtimes, String defaultRuntime) {

    /** An engine for image work only: no bridge network. */
    public static EngineConfig imagesOnly(Path dataRoot, Path execRoot, String storageDriver) {
      return new EngineConfig(dataRoot, execRoot, storageDriver, "none", "", Map.of(), "");
    }
  }

  private Engine(EngineConfig config) throws IOException {
    this.config = config;
    Path root = config.dataRoot();
    Files.createDirectories(root);
    Path tmp = root.resolve("tmp");
    AtomicFiles.deleteTree(tmp); // staging areas of interrupted loads and imports
    Files.createDirectories(tmp);
    Files.createDirectories(config.execRoot());
    this.driver = GraphDriver.open(config.storageDriver(), root);
    Path imageRoot = root.resolve("image").resolve(driver.name());
    LayerStore layers = new LayerStore(imageRoot.resolve("layerdb"), driver);
    ImageStore store = new ImageStore(imageRoot.resolve("imagedb"));
    ReferenceStore refs = new ReferenceStore(imageRoot.resolve("repositories.json"));
    this.images = new Images(store, refs, layers, events, tmp);
    this.host = new Host(root);
    this.containers = new ContainerService(new ContainerStore(root.resolve("containers")), images, events,
        host.cpus());
    images.repair(); // after the containers are known: their layers must survive the sweep
    this.runtime = new Lazy<>(() -> pickRuntime(config));
    Path runtimeState = config.execRoot().resolve("runtime");
    Conmon conmon = Conmon.installed().orElse(null);
    Lazy<BridgeNetwork> network = new Lazy<>(() -> "none".equals(config.bridge()) ? null
        : BridgeNetwork.open(BridgeConfig.defaultNetwork(blankToNull(config.bridge()), blankToNull(config.bip())),
            root.resolve("network")));
    Map<String, OciRuntimeClient> clients = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.function.Function<String, OciRuntimeClient> clientFor = name -> {
      String effective = name == null || name.isEmpty() ? runtime.get().name() : name;
      return clients.computeIfAbsent(effective, n -> {
        String path = config.runtimes().get(n);
        if (path == null) {
          throw new BerthException.InvalidParameter("unknown or invalid runtime name: " + n);
        }
        return new OciRuntimeClient(new OciRuntime(n, Path.of(path)), runtimeState.resolve(n));
      });
    };
    OciSpecBuilder specs = new OciSpecBuilder(OciSpecBuilder.Settings.defaults(), io.berth.oci.Host.current());
    this.lifecycle = new Lifecycle(containers, images, events,
        new Lifecycle.RuntimeContext(conmon, clientFor, config.execRoot()), network, specs);
    containers.setDefaultRuntime(() -> runtime.get().name(), config.runtimes().keySet());
    lifecycle.restore();
    this.exec = new io.berth.engine.container.ExecService(containers, images, specs,
        new ExecLauncher(ExecLauncher.defaultBinary()), lifecycle::bundle, config.execRoot());
    this.snapshots = new Snapshots(containers, lifecycle, images);
    this.imageService = new ImageService(images);
    this.imageRemover = new ImageRemover(images);
    this.imageImporter = new ImageImporter(images);
    this.imageArchive = new ImageArchive(images);
    this.distribution = new io.berth.engine.distribution.Distribution(images, imageRoot.resolve("distribution"),
        root.resolve("downloads"));
    this.archives = new io.berth.engine.container.ArchiveService(containers, driver);
    archives.restore();
  }

  /** The configured default runtime, else the first of crun and runc that runs a container here. */
  private static OciRuntime pickRuntime(EngineConfig config) throws IOException {
    List<OciRuntime> candidates = new ArrayList<>();
    config.runtimes().forEach((name, path) -> candidates.add(new OciRuntime(name, Path.of(path))));
    if (!config.defaultRuntime().isEmpty()) {
      return candidates.stream().filter(r -> r.name().equals(config.defaultRuntime())).findFirst()
          .orElseThrow(() -> new IOException("default runtime " + config.defaultRuntime() + " is not configured"));
    }
    return RuntimeProbe.pick(candidates, config.execRoot().resolve("probe")).runtime();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  public Lifecycle lifecycle() {
    return lifecycle;
  }

  public io.berth.engine.container.ExecService exec() {
    return exec;
  }

  /** diff, commit, export. */
  public Snapshots snapshots() {
    return snapshots;
  }

  /** The OCI runtime containers run with (probed on first use). */
  public OciRuntime runtime() {
    return runtime.get();
  }

  /** Stops running containers and the exit watcher at a clean daemon shutdown. */
  @Override
  public void close() {
    exec.close();
    lifecycle.close();
  }

  public static Engine open(EngineConfig config) throws IOException {
    return new Engine(config);
  }

  public EngineConfig config() {
    return config;
  }

  public EventBus events() {
    return events;
  }

  public GraphDriver driver() {
    return driver;
  }

  public Images images() {
    return images;
  }

  public ImageService imageService() {
    return imageService;
  }

  public ImageRemover imageRemover() {
    return imageRemover;
  }

  public ImageImporter imageImporter() {
    return imageImporter;
  }

  public ImageArchive imageArchive() {
    return imageArchive;
  }

  public ContainerService containers() {
    return containers;
  }

  /** docker cp: stat, archive and extract container paths. */
  public io.berth.engine.container.ArchiveService archives() {
    return archives;
  }

  /** pull, push, login: the registry client over the image stores. */
  public io.berth.engine.distribution.Distribution distribution() {
    return distribution;
  }

  public Host host() {
    return host;
  }
}
