package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.Filters;
import io.berth.common.ImageReference;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.container.config.CreateRequest;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.events.EventBus;
import io.berth.engine.image.Image;
import io.berth.engine.image.ImageUsers;
import io.berth.engine.image.Images;
import io.berth.engine.layer.Layer;
import io.berth.engine.mount.MountPlan;
import io.berth.engine.mount.MountPoint;
import io.berth.engine.mount.MountRealizer;
import io.berth.engine.storage.GraphDriver;
import io.berth.engine.volume.VolumeService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Containers as records: create, find, list, rename, remove. Running them is {@link Lifecycle}'s job. */
public final class ContainerService {
  private final ContainerStore store;
  private final Images images;
  private final EventBus events;
  private final int hostCpus;
  private final VolumeService volumes;
  private final Path dataRoot;
  private final SecureRandom random = new SecureRandom();
  private java.util.function.Supplier<String> defaultRuntime = () -> "";
  private java.util.function.Supplier<io.berth.network.NetworkDriver> networks = () -> null;
  private DnsDefaults dnsDefaults = DnsDefaults.NONE;
  private Set<String> runtimes = Set.of();

  public ContainerService(ContainerStore store, Images images, EventBus events, int hostCpus, VolumeService volumes,
      Path dataRoot) {
    this.store = store;
    this.images = images;
    this.events = events;
    this.hostCpus = hostCpus;
    this.volumes = volumes;
    this.dataRoot = dataRoot;
    volumes.setUsers(() -> () -> {
      Map<String, Set<String>> refs = new HashMap<>();
      for (Container c : store.all()) {
        for (MountPoint m : c.mountPoints()) {
          if (m.isVolume()) {
            refs.computeIfAbsent(m.name(), k -> new java.util.TreeSet<>()).add(c.id());
          }
        }
      }
      return refs;
    });
    images.setUsers(() -> new ImageUsers() {
      @Override
      public List<User> users() {
        return store.all().stream().map(c -> new User(c.id(), c.image(), c.state().running())).toList();
      }

      @Override
      public Set<String> cacheIds() {
        Set<String> ids = new java.util.HashSet<>();
        store.all().forEach(c -> {
          ids.add(c.rwLayer());
          ids.add(c.initLayer());
        });
        return ids;
      }
    });
  }

  /** The runtimes containers may name ({@code --runtime}) and the one they get by default. */
  public void setDefaultRuntime(java.util.function.Supplier<String> defaultRuntime, Set<String> runtimes) {
    this.defaultRuntime = defaultRuntime;
    this.runtimes = Set.copyOf(runtimes);
  }

  /** The warnings of create, in dockerd's words (verifyPlatformContainerSettings). */
  /**
   * dockerd's create warnings: published ports with the host's network; an image for another platform than the
   * host's when none was asked for ({@code platform} null).
   */
  public List<String> createWarnings(Container c, io.berth.registry.Platform platform) {
    List<String> warnings = new ArrayList<>();
    boolean published = c.hostConfig().portBindings() != null && !c.hostConfig().portBindings().isEmpty();
    if (c.hostConfig().networkMode() instanceof io.berth.engine.container.config.NetworkMode.Host && published) {
      warnings.add("Published ports are discarded when using host network mode");
    }
    Image image = platform == null ? images.store().get(c.image()).orElse(null) : null;
    io.berth.registry.Platform host = io.berth.registry.Platform.maximum();
    if (image != null && !host.accepts(image.platform())) {
      warnings.add("The requested image's platform (" + image.platform() + ") does not match the detected host"
          + " platform (" + host + ") and no specific platform was requested");
    }
    return warnings;
  }

  /** The daemon's {@code dns}, {@code dns-opts} and {@code dns-search}. */
  public void setDnsDefaults(DnsDefaults defaults) {
    this.dnsDefaults = defaults;
  }

  DnsDefaults dnsDefaults() {
    return dnsDefaults;
  }

  /** The daemon's networks, which create checks the requested ones against. */
  public void setNetworks(java.util.function.Supplier<io.berth.network.NetworkDriver> networks) {
    this.networks = networks;
  }

  /**
   * NetworkSettings.Networks of a container: its endpoints while it runs, else the networks it is configured to
   * join, with their IDs and nothing assigned (as dockerd shows a stopped container).
   */
  public Map<String, io.berth.engine.container.config.EndpointSettings> networks(Container c) {
    if (!c.network().networks().isEmpty()) {
      return c.network().networks();
    }
    io.berth.network.NetworkDriver d = networks.get();
    Map<String, io.berth.engine.container.config.EndpointSettings> out = new LinkedHashMap<>();
    var mode = c.hostConfig().networkMode();
    if (mode instanceof io.berth.engine.container.config.NetworkMode.Container) {
      return out;
    }
    // create records the mode's own network first; after a disconnect from all of them there is none
    var config = c.networkingConfig().endpointsConfig();
    List<String> names = new ArrayList<>();
    if (!(mode.isBridge() || mode instanceof io.berth.engine.container.config.NetworkMode.Named)) {
      names.add(mode.value()); // host and none: their own, always
    }
    config.keySet().stream().map(k -> mode.isBridge() && k.equals("default") ? "bridge" : k)
        .filter(k -> !names.contains(k)).forEach(names::add);
    for (String n : names) {
      var s = ContainerNetworks.orEmpty(config.containsKey(n) ? config.get(n) : config.get("default"));
      String id = "";
      String name = n;
      try {
        if (d != null) {
          var r = d.find(n);
          id = r.id();
          name = r.name();
        }
      } catch (BerthException.NotFound gone) {
        id = "";
      }
      out.put(name, new io.berth.engine.container.config.EndpointSettings(s.ipamConfig(), s.links(), s.macAddress(),
          s.aliases(), s.driverOpts(), s.gwPriority(), id, "", "", "", 0, "", "", 0, null));
    }
    return out;
  }

  public EventBus events() {
    return events;
  }

  public ContainerStore store() {
    return store;
  }

  public Container find(String idOrName) {
    return store.find(idOrName);
  }

  /** {@code POST /containers/create}: the request decoded at the edge, checked before anything exists. */
  public Container create(String requestedName, CreateRequest request) throws IOException {
    return create(requestedName, request, null);
  }

  /** As {@link #create(String, CreateRequest)}, the image required to be for {@code platform} (null: any). */
  public Container create(String requestedName, CreateRequest request, io.berth.registry.Platform platform)
      throws IOException {
    String imageName = request.config().image();
    if (imageName.isEmpty()) {
      throw new BerthException.InvalidParameter("Config cannot be empty in order to create a container");
    }
    CreateFields.check(request);
    HostConfigValidator.check(request.config(), request.hostConfig(), hostCpus);
    NetworkFiles.validate(request.hostConfig());
    PublishedPorts.validate(request.hostConfig());
    io.berth.engine.container.config.NetworkingConfig networking = NetworkChecks.check(request, networks.get(), store);
    String name = requestedName == null || requestedName.isEmpty() ? null : Names.validate(requestedName);
    MountPlan mounts = MountPlan.of(request.hostConfig(), dataRoot, this::mountsOf);
    Image image;
    try {
      image = images.resolve(imageName);
    } catch (BerthException.NotFound e) {
      throw new BerthException.NotFound("No such image: " + displayRef(imageName));
    }
    images.requirePlatform(image, imageName, platform);
    String id = newId();
    ContainerConfig config = ContainerConfigs.merge(request.config(), image.runConfig(), id);
    List<String> command = config.command();
    if (command.isEmpty()) {
      throw new BerthException.InvalidParameter("no command specified");
    }
    String runtime = request.hostConfig().runtime();
    if (!runtime.isEmpty() && !runtimes.contains(runtime)) {
      throw new BerthException.InvalidParameter("unknown or invalid runtime name: " + runtime);
    }
    if (runtime.isEmpty()) {
      try {
        runtime = defaultRuntime.get();
      } catch (RuntimeException e) {
        runtime = ""; // no runtime works here: start will say so
      }
    }
    HostConfig hostConfig = ContainerConfigs.normalize(request.hostConfig(), runtime,
        request.config().networkDisabled());
    if (name == null) {
      name = uniqueGeneratedName();
    }
    store.checkName(name, id);
    if (hostConfig.links() != null && !hostConfig.links().isEmpty() && hostConfig.networkMode().isBridge()) {
      HostConfig.Builder b = hostConfig.toBuilder();
      b.links = LegacyLinks.record(hostConfig.links(), name, store);
      hostConfig = b.build();
    }
    GraphDriver driver = images.layers().driver();
    String parent = topCacheId(image);
    String initLayer = id + "-init";
    String rwLayer = id;
    driver.createReadWrite(initLayer, parent);
    try {
      InitLayer.populate(driver.diffDir(initLayer));
      driver.createReadWrite(rwLayer, initLayer);
      List<MountPoint> mountPoints = realize(id, mounts, config, hostConfig, rwLayer);
      Container c = new Container(id, name, Instant.now(), command.getFirst(), command.subList(1, command.size()),
          config, hostConfig, networking, image.id(), imageName, rwLayer, initLayer,
          ContainerState.created(), 0, NetworkState.none(), runtime,
          mountPoints);
      try {
        store.add(c);
      } catch (IOException | RuntimeException e) {
        volumes.settle(id);
        removeAnonymousVolumes(c);
        throw e;
      }
      event(c, "create", Map.of());
      return c;
    } catch (IOException | RuntimeException e) {
      driver.unmount(rwLayer);
      driver.remove(rwLayer);
      driver.remove(initLayer);
      throw e;
    } finally {
      volumes.settle(id); // the record (or nothing) holds the container's volume references now
    }
  }

  /**
   * The volumes, binds and tmpfs mounts of a new container, its volumes made and filled from the image. A root
   * mounted to look into stays mounted for the start that usually follows: an overlay's unmount syncs the
   * filesystem under it, which can take long on a busy disk (removal, or the next berthd start for a container
   * that never runs, unmounts it).
   */
  private List<MountPoint> realize(String id, MountPlan plan, ContainerConfig config, HostConfig hc, String rwLayer)
      throws IOException {
    GraphDriver driver = images.layers().driver();
    return new MountRealizer(volumes).realize(id, plan,
        config.volumes() == null ? Set.of() : config.volumes().values(), hc.volumeDriver(),
        hc.tmpfs() == null ? Set.of() : hc.tmpfs().keySet(), () -> driver.mount(rwLayer, hc.autoRemove()));
  }

  /** The mount points of another container, for {@code --volumes-from} (dockerd: an invalid parameter if gone). */
  private List<MountPoint> mountsOf(String idOrName) {
    try {
      return store.find(idOrName).mountPoints();
    } catch (BerthException.NotFound e) {
      throw new BerthException.InvalidParameter(e.getMessage(), e);
    }
  }

  /** {@code rm -v}, {@code --rm}: the container's anonymous volumes go with it, unless another one uses them. */
  void removeAnonymousVolumes(Container c) {
    for (MountPoint m : c.mountPoints()) {
      if (m.anonymousVolume()) {
        try {
          volumes.removeIfUnused(m.name());
        } catch (IOException | RuntimeException e) {
          System.getLogger(ContainerService.class.getName()).log(System.Logger.Level.WARNING,
              "removing volume " + m.name() + " of container " + c.shortId() + ": " + e.getMessage());
        }
      }
    }
  }

  private String topCacheId(Image image) {
    List<Digest> chain = images.chain(image);
    if (chain.isEmpty()) {
      return null;
    }
    Layer top = images.layers().get(chain.getLast()).orElseThrow(
        () -> new BerthException.NotFound("layer does not exist: " + chain.getLast()));
    return top.cacheId();
  }

  private static String displayRef(String imageName) {
    try {
      ImageReference ref = ImageReference.parse(imageName);
      return ref.withDefaultTag().familiarString();
    } catch (BerthException e) {
      return imageName;
    }
  }

  private String newId() {
    byte[] bytes = new byte[32];
    while (true) {
      random.nextBytes(bytes);
      String id = HexFormat.of().formatHex(bytes);
      // Docker avoids IDs whose short form is all digits: they read as numbers in scripts
      if (!id.substring(0, 12).matches("[0-9]+") && store.get(id).isEmpty()) {
        return id;
      }
    }
  }

  private String uniqueGeneratedName() {
    for (int retry = 0; retry < 10; retry++) {
      String candidate = Names.generate(retry);
      if (store.all().stream().noneMatch(c -> c.name().equals(candidate))) {
        return candidate;
      }
    }
    return Names.generate(0) + "_" + HexFormat.of().formatHex(new byte[] {(byte) random.nextInt()});
  }

  /**
   * {@code docker rm --link /PARENT/ALIAS} (dockerd's rmLink): the parent forgets that link, both containers stay.
   * A container's own name is no link to remove (dockerd's 500); an unknown link is no such container.
   */
  public void removeLink(String name) throws IOException {
    String full = name.startsWith("/") ? name : "/" + name;
    int slash = full.lastIndexOf('/');
    if (slash == 0) {
      store.find(full.substring(1));
      throw new IOException("Conflict, cannot remove the default link name of the container");
    }
    Container parent;
    try {
      parent = store.find(full.substring(1, slash));
    } catch (BerthException.NotFound e) {
      throw new BerthException.NotFound("No such container: " + name);
    }
    String alias = full.substring(slash + 1);
    List<String> links = parent.hostConfig().links() == null ? List.of() : parent.hostConfig().links();
    List<String> kept = links.stream().filter(l -> !LegacyLinks.parse(l).alias().equals(alias)).toList();
    if (kept.size() == links.size()) {
      throw new BerthException.NotFound("No such container: " + name);
    }
    io.berth.engine.container.config.HostConfig.Builder b = parent.hostConfig().toBuilder();
    b.links = kept;
    store.update(parent.id(), x -> x.withHostConfig(b.build()));
  }

  public void rename(String idOrName, String newName) throws IOException {
    if (newName == null || newName.isEmpty()) {
      throw new BerthException.InvalidParameter("Neither old nor new names may be empty");
    }
    String name = Names.validate(newName);
    Container c = store.find(idOrName);
    if (c.name().equals(name)) {
      throw new BerthException.InvalidParameter("Renaming a container with the same name as its current name");
    }
    store.checkName(name, c.id());
    String old = c.name();
    Container renamed = store.update(c.id(), x -> x.withName(name));
    renamed = renameOnNetworks(renamed);
    event(renamed, "rename", Map.of("oldName", "/" + old));
  }

  /** A running container answers to its new name on its user networks at once (dockerd's sandbox rename). */
  private Container renameOnNetworks(Container c) throws IOException {
    io.berth.network.NetworkDriver d = networks.get();
    if (d == null || c.network().networks().isEmpty()) {
      return c;
    }
    NetworkState state = c.network();
    for (var e : c.network().networks().entrySet()) {
      if (e.getValue().dnsNames() == null) {
        continue; // the default bridge has no DNS
      }
      List<String> names = ContainerNetworks.dnsNames(c, e.getValue());
      d.rename(e.getKey(), c.id(), c.name(), names);
      var s = e.getValue();
      state = state.with(e.getKey(), new io.berth.engine.container.config.EndpointSettings(s.ipamConfig(), s.links(),
          s.macAddress(), s.aliases(), s.driverOpts(), s.gwPriority(), s.networkId(), s.endpointId(), s.gateway(),
          s.ipAddress(), s.ipPrefixLen(), s.ipv6Gateway(), s.globalIpv6Address(), s.globalIpv6PrefixLen(), names));
    }
    NetworkState placed = state;
    return store.update(c.id(), x -> x.withNetwork(placed));
  }

  /**
   * Deletes a container that is not running (the caller stops it first when forced); with
   * {@code removeVolumes} its anonymous volumes too.
   */
  public void remove(Container c, boolean removeVolumes) throws IOException {
    GraphDriver driver = images.layers().driver();
    store.update(c.id(), x -> x.withState(x.state().withStatus("removing")));
    driver.unmount(c.rwLayer());
    driver.remove(c.rwLayer());
    driver.remove(c.initLayer());
    store.remove(c.id());
    event(c, "destroy", Map.of());
    if (removeVolumes) {
      removeAnonymousVolumes(c);
    }
  }

  public VolumeService volumes() {
    return volumes;
  }

  public void checkRemovable(Container c, boolean force) {
    if (c.state().running() && !force) {
      String what = c.state().paused() ? "container is paused and must be unpaused first"
          : "container is running: stop the container before removing or force remove";
      throw new BerthException.Conflict("cannot remove container \"/" + c.name() + "\": " + what);
    }
  }

  /** {@code GET /containers/json}: newest first, filtered as Docker filters. */
  public List<Container> list(Filters filters, boolean all, int limit) {
    return new ContainerListing(store, images).list(filters, all, limit);
  }

  /** {SizeRw, SizeRootFs}: bytes the container wrote, and those plus its image's layers. */
  public long[] sizes(Container c) {
    long rw = io.berth.engine.storage.DirectorySize.of(images.layers().driver().diffDir(c.rwLayer()));
    long image = images.store().get(c.image()).map(images::size).orElse(0L);
    return new long[] {rw, rw + image};
  }

  /** Files berth writes for a container (hosts, hostname, resolv.conf) live in its directory. */
  public Path containerDir(String id) {
    return store.dir(id);
  }

  /** An event not about one container (prune). */
  void publish(String type, String action, String id, Map<String, String> attributes) {
    events.publish(type, action, id, attributes);
  }

  public void event(Container c, String action) {
    event(c, action, Map.of());
  }

  void event(Container c, String action, Map<String, String> extra) {
    Map<String, String> attributes = new HashMap<>(c.labels());
    attributes.put("image", c.imageName());
    attributes.put("name", c.name());
    attributes.putAll(extra);
    events.publish("container", action, c.id(), attributes);
  }


}
