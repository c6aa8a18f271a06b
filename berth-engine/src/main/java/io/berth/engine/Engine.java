package io.berth.engine;

import io.berth.engine.container.ContainerCgroups;
import io.berth.engine.container.ContainerService;
import io.berth.engine.container.Lifecycle;
import io.berth.engine.container.Snapshots;
import io.berth.network.BridgeConfig;
import io.berth.oci.OciSpecBuilder;
import io.berth.network.NetworkDriver;
import io.berth.runtime.CgroupHome;
import io.berth.runtime.CgroupLayout;
import io.berth.runtime.Cgroups;
import io.berth.runtime.ConmonRuntimes;
import io.berth.runtime.ContainerRuntimes;
import io.berth.runtime.ExecLauncher;
import java.util.function.Supplier;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.events.EventBus;
import io.berth.common.AtomicFiles;
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
import io.berth.engine.volume.VolumeService;
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
  private final ContainerRuntimes runtimes;
  private final io.berth.engine.container.HealthMonitor health;
  private final io.berth.engine.container.ContainerLogs logs;
  private final io.berth.engine.container.ContainerTop top;
  private final ContainerCgroups cgroups;
  private final io.berth.engine.container.ArchiveService archives;
  private final VolumeService volumes;
  private final io.berth.engine.distribution.Distribution distribution;
  private final io.berth.engine.network.NetworkService networks;

  /**
   * Where the engine keeps its state, which storage driver, bridge ({@code none} for no bridge
   * network) and subnet it was asked for, the OCI runtimes (name to path; the default one
   * by name, empty to pick by probing what works on this host), and the cgroup parent of containers
   * without their own (the daemon's cgroup-parent; empty for /berth).
   */
  public record EngineConfig(Path dataRoot, Path execRoot, String storageDriver, String bridge, String bip,
      Map<String, String> runtimes, String defaultRuntime, NetworkOptions network, String cgroupParent) {

    public EngineConfig(Path dataRoot, Path execRoot, String storageDriver, String bridge, String bip,
        Map<String, String> runtimes, String defaultRuntime) {
      this(dataRoot, execRoot, storageDriver, bridge, bip, runtimes, defaultRuntime, NetworkOptions.defaults(), "");
    }
  }

  /** A {@code default-address-pools} entry: {@code base} (a CIDR) split into subnets of prefix length {@code size}. */
  public record AddressPool(String base, int size) {}

  /**
   * dockerd's network settings: {@code --iptables}, {@code --userland-proxy}, {@code --ip} (the default host
   * address of published ports), {@code --mtu}, {@code default-address-pools} (empty for dockerd's defaults),
   * {@code dns}, {@code dns-opts}, {@code dns-search} (the containers' defaults).
   */
  public record NetworkOptions(boolean iptables, boolean ip6tables, boolean userlandProxy, String ip, int mtu, List<AddressPool> pools,
      List<String> dns, List<String> dnsOptions, List<String> dnsSearch) {
    public static NetworkOptions defaults() {
      return new NetworkOptions(true, true, true, "0.0.0.0", BridgeConfig.DEFAULT_MTU, List.of(), List.of(), List.of(),
          List.of());
    }
  }

  /**
   * The drivers the engine runs containers with: the runtimes (conmon with runc or crun), the default network
   * (null when the daemon has none), the exec launcher, and berthd's home cgroup ({@link CgroupHome}: where
   * relative cgroup parents go). Tests give fakes.
   */
  public record Drivers(ContainerRuntimes runtimes, Supplier<NetworkDriver> network, ExecLauncher exec,
      String cgroupHome) {

    /** Drivers of a daemon at the root of the cgroup tree. */
    public Drivers(ContainerRuntimes runtimes, Supplier<NetworkDriver> network, ExecLauncher exec) {
      this(runtimes, network, exec, "/");
    }
  }

  private Engine(EngineConfig config, Drivers drivers) throws IOException {
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
    this.runtimes = drivers.runtimes();
    this.volumes = new VolumeService(root, events);
    this.containers = new ContainerService(new ContainerStore(root.resolve("containers")), images, events,
        host.cpus(), volumes, root);
    images.repair(); // after the containers are known: their layers must survive the sweep
    containers.setNetworks(drivers.network());
    containers.setDnsDefaults(new io.berth.engine.container.DnsDefaults(config.network().dns(),
        config.network().dnsOptions(), config.network().dnsSearch()));
    OciSpecBuilder specs = new OciSpecBuilder(OciSpecBuilder.Settings.defaults(), io.berth.oci.Host.current());
    this.cgroups = new ContainerCgroups(Cgroups.unified(), new CgroupLayout(drivers.cgroupHome(), config.cgroupParent()));
    this.lifecycle = new Lifecycle(containers, images, runtimes, drivers.network(), specs, cgroups);
    containers.setDefaultRuntime(() -> {
      try {
        return runtimes.defaultName();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, runtimes.names());
    this.exec = new io.berth.engine.container.ExecService(containers, images, specs, drivers.exec(),
        lifecycle::bundle, config.execRoot());
    this.health = new io.berth.engine.container.HealthMonitor(containers, exec);
    lifecycle.useHealthChecks(health);
    lifecycle.restore();
    this.snapshots = new Snapshots(containers, lifecycle, images);
    this.logs = new io.berth.engine.container.ContainerLogs(containers.store(), lifecycle);
    this.top = new io.berth.engine.container.ContainerTop(containers.store(), cgroups);
    this.imageService = new ImageService(images);
    this.imageRemover = new ImageRemover(images);
    this.imageImporter = new ImageImporter(images);
    this.imageArchive = new ImageArchive(images);
    this.distribution = new io.berth.engine.distribution.Distribution(images, imageRoot.resolve("distribution"),
        root.resolve("downloads"));
    this.archives = new io.berth.engine.container.ArchiveService(containers, driver, cgroups);
    this.networks = new io.berth.engine.network.NetworkService(drivers.network(), containers.store(), events);
    archives.restore();
  }

  /**
   * The real drivers: conmon with the configured runtimes (fails when conmon or every runtime is missing).
   * berthd first settles in its cgroup, before it starts any process that would stay behind in the old one.
   */
  private static Drivers realDrivers(EngineConfig config) throws IOException {
    String cgroupHome = CgroupHome.settle();
    Map<String, Path> binaries = new java.util.LinkedHashMap<>();
    config.runtimes().forEach((name, path) -> binaries.put(name, Path.of(path)));
    ContainerRuntimes runtimes = new ConmonRuntimes(ConmonRuntimes.findConmon(), binaries, config.defaultRuntime(),
        config.execRoot());
    NetworkOptions n = config.network();
    Supplier<NetworkDriver> network = new Lazy<>(() -> io.berth.network.Networks.open(
        new io.berth.network.Networks.Settings("none".equals(config.bridge()) ? null
            : BridgeConfig.defaultNetwork(blankToNull(config.bridge()), blankToNull(config.bip())).withMtu(n.mtu())
                .withIptables(n.iptables()),
            n.iptables(), n.ip6tables(), n.userlandProxy(), n.ip(), n.pools().stream().map(p -> new io.berth.network.SubnetPicker.Pool(
                io.berth.network.Cidr.parse(p.base()), p.size())).toList()),
        config.dataRoot().resolve("network")));
    return new Drivers(runtimes, network, new ExecLauncher(ExecLauncher.defaultBinary()), cgroupHome);
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

  /** docker logs. */
  public io.berth.engine.container.ContainerLogs logs() {
    return logs;
  }

  /** Containers' cgroups: the host's version and where each container's cgroup is. */
  public ContainerCgroups cgroups() {
    return cgroups;
  }

  /** docker top. */
  public io.berth.engine.container.ContainerTop top() {
    return top;
  }

  /** diff, commit, export. */
  public Snapshots snapshots() {
    return snapshots;
  }

  /** The name of the runtime containers run with by default (probed on first use). */
  public String defaultRuntime() throws IOException {
    return runtimes.defaultName();
  }

  /** Stops running containers and the exit watcher at a clean daemon shutdown. */
  @Override
  public void close() {
    health.close();
    exec.close();
    lifecycle.close();
  }

  public static Engine open(EngineConfig config) throws IOException {
    return new Engine(config, realDrivers(config));
  }

  /** An engine on the given drivers (tests). */
  public static Engine open(EngineConfig config, Drivers drivers) throws IOException {
    return new Engine(config, drivers);
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

  /** {@code /networks}. */
  public io.berth.engine.network.NetworkService networks() {
    return networks;
  }

  public Host host() {
    return host;
  }

  /** Volumes of the local driver. */
  public VolumeService volumes() {
    return volumes;
  }
}
