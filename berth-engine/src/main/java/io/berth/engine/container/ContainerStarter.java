package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.network.EtcHosts;
import io.berth.network.NetworkDriver;
import io.berth.oci.ContainerSpec;
import io.berth.oci.ResolvedUser;
import io.berth.oci.UserResolver;
import io.berth.runtime.ContainerRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Starting a container: its root mounted, its network files written, its OCI spec built, its process
 * created under the runtime's monitor, waiting attaches connected, its network wired in, then run. A start
 * that fails undoes what it did and records the failure in the container's state.
 */
final class ContainerStarter {
  private final LifecycleContext ctx;
  private final Restarts restarts;
  private final Map<String, List<CompletableFuture<Stdio>>> pendingAttaches = new ConcurrentHashMap<>();
  /** Set by the lifecycle: removes a {@code --rm} container that could not start, as dockerd does. */
  private RemoveAction removeOnFailure = id -> {};

  interface RemoveAction {
    void remove(String id) throws IOException;
  }

  ContainerStarter(LifecycleContext ctx, Restarts restarts) {
    this.ctx = ctx;
    this.restarts = restarts;
  }

  void onFailedAutoRemove(RemoveAction action) {
    this.removeOnFailure = action;
  }

  void start(String idOrName) throws IOException {
    Container c = ctx.store().find(idOrName);
    ReentrantLock lock = ctx.locks().of(c.id());
    lock.lock();
    try {
      c = ctx.store().get(c.id()).orElseThrow(() -> new BerthException.NotFound("No such container: " + idOrName));
      if (c.state().paused()) {
        throw new BerthException.Conflict("cannot start a paused container, try unpause instead");
      }
      if (c.state().running()) {
        throw new BerthException.NotModified("container already started");
      }
      if (c.state().status().equals("removing")) {
        throw new BerthException.Conflict("container is marked for removal and cannot be started");
      }
      // a start asked for (not a policy's restart) begins the count and the back-off anew, as dockerd's
      // ResetRestartManager
      restarts.forget(c.id());
      if (c.restartCount() != 0) {
        c = ctx.store().update(c.id(), x -> x.withRestartCount(0));
      }
      startLocked(c);
    } finally {
      lock.unlock();
    }
  }

  /** Starts a container whose lock the caller holds. */
  void startLocked(Container stored) throws IOException {
    Container c = ctx.service().dnsDefaults().applyTo(stored); // the daemon's dns settings where it has none
    Path dir = ctx.store().dir(c.id());
    ContainerRuntime runtime = null;
    boolean created = false;
    VolumeMounts.Setup volumes = null;
    NetworkState state = NetworkState.none();
    ContainerNetworks networks = ctx.networks();
    try {
      runtime = ctx.runtime(c);
      String mode = Lifecycle.networkMode(c);
      NetworkDriver network = ctx.network().get();
      List<ContainerNetworks.Attachment> attachments = networks.attachments(c);
      Container joined = joinedContainer(c);
      List<LegacyLinks.Linked> links = mode.equals("bridge") ? LegacyLinks.resolve(c, ctx.store()) : List.of();
      List<EtcHosts.Entry> linkHosts = links.stream().map(LegacyLinks.Linked::hostsEntry).toList();
      List<String> linkEnv = new ArrayList<>();
      links.forEach(l -> linkEnv.addAll(l.env(c.name())));
      boolean embeddedDns = attachments.stream().anyMatch(ContainerNetworks.Attachment::userDefined);
      Path rootfs = ctx.driver().mount(c.rwLayer(), c.hostConfig().autoRemove());
      if (joined == null) {
        NetworkFiles.write(c, dir, new NetworkFiles.Placement(mode, List.of(), embeddedDns, linkHosts), network);
      }
      ResolvedUser user = UserResolver.resolve(rootfs, c.config().user(), Lifecycle.orEmpty(c.hostConfig().groupAdd()));
      volumes = ctx.volumeMounts().mount(c);
      io.berth.oci.NetworkMode ociNetwork = mode.equals("host") ? new io.berth.oci.NetworkMode.Host()
          : joined != null ? new io.berth.oci.NetworkMode.Shared(netnsOf(joined).toString())
          : new io.berth.oci.NetworkMode.Private();
      ContainerSpec spec = SpecMapper.spec(c, rootfs, joined == null ? dir : ctx.store().dir(joined.id()), user,
          ociNetwork, linkEnv, ctx.cgroups(), volumes, ctx.runExtras().get(c.id()));
      boolean keepLogs = LogOptions.keepsLogs(c.hostConfig().logConfig());
      // conmon closes stdin when the first attach connection ends: right for -i (EOF ends the
      // input), wrong for -it, where ctrl-p ctrl-q detaches and a later attach types on.
      boolean stdinOnce = c.config().stdinOnce() && !c.tty();
      long sizeMax = LogOptions.maxFile(c.hostConfig().logConfig()) == 1
          ? LogOptions.maxSize(c.hostConfig().logConfig()) : 0;
      ContainerRuntime.Created process = runtime.create(new ContainerRuntime.CreateSpec(c.id(),
          ctx.specs().build(spec), c.tty(), c.config().openStdin(), stdinOnce,
          keepLogs ? ctx.logPath(c.id()) : null, keepLogs ? sizeMax : 0));
      created = true;
      connectPendingAttaches(c.id(), runtime);
      Path netns = Path.of("/proc", Integer.toString(process.pid()), "ns", "net");
      if (!attachments.isEmpty()) {
        state = networks.connect(c, netns);
        List<String> addresses = state.addresses(attachments.getFirst().network().name());
        NetworkFiles.write(c, dir, new NetworkFiles.Placement(mode, addresses, embeddedDns, linkHosts), network);
      } else if (mode.equals("none") && network != null) {
        network.loopbackOnly(netns);
      }
      runtime.start(c.id());
      NetworkState placed = state;
      Container started = ctx.store().update(c.id(), x -> x.withNetwork(placed)
          .withState(x.state().started(process.pid(), process.monitorPid(), Instant.now())));
      restarts.started(c.id());
      ctx.service().event(started, "start", Map.of());
      ctx.health().started(c.id());
    } catch (IOException | RuntimeException e) {
      if (created) {
        try {
          runtime.delete(c.id());
        } catch (IOException | RuntimeException ignored) {
          // nothing left to delete
        }
      }
      if (!state.networks().isEmpty()) {
        networks.disconnect(c.withNetwork(state));
      }
      if (volumes != null) {
        ctx.volumeMounts().unmount(c);
      }
      ctx.driver().unmount(c.rwLayer());
      failPendingAttaches(c.id(), e);
      String message = StartErrors.message(e);
      int code = StartErrors.exitCode(c.path(), message, 128);
      ctx.store().update(c.id(), x -> x.withState(x.state().failed(message, code)));
      if (c.hostConfig().autoRemove()) {
        removeOnFailure.remove(c.id()); // as dockerd: a --rm container that cannot start is not kept
      }
      throw StartErrors.toApiError(c.path(), message, e);
    }
  }

  /** {@code --network container:NAME}: the running container whose namespace this one joins, else null. */
  private Container joinedContainer(Container c) {
    if (!(c.hostConfig().networkMode() instanceof io.berth.engine.container.config.NetworkMode.Container m)) {
      return null;
    }
    Container other = ctx.store().find(m.container());
    if (!other.state().running()) {
      throw new BerthException.Conflict("cannot join network of a non running container: " + other.id());
    }
    return other;
  }

  private static Path netnsOf(Container running) {
    return Path.of("/proc", Long.toString(running.state().pid()), "ns", "net");
  }

  /** The MAC address the user asked for: the endpoint's (API 1.44+), else the Config's (older clients). */
  static String macAddress(Container c) {
    for (var e : c.networkingConfig().endpointsConfig().values()) {
      if (e != null && !e.macAddress().isEmpty()) {
        return e.macAddress();
      }
    }
    return c.config().macAddress();
  }

  /**
   * Connects to a container's stdio: at once when it runs, otherwise when it is next started, after its
   * monitor exists and before its process runs, so that {@code docker run} sees the very first output.
   */
  CompletableFuture<Stdio> attach(String idOrName) throws IOException {
    Container c = ctx.store().find(idOrName);
    ReentrantLock lock = ctx.locks().of(c.id());
    lock.lock();
    try {
      c = ctx.store().get(c.id()).orElseThrow(() -> new BerthException.NotFound("No such container: " + idOrName));
      if (c.state().running() && !c.state().status().equals("restarting")) {
        return CompletableFuture.completedFuture(Stdio.of(ctx.runtime(c).attach(c.id())));
      }
      CompletableFuture<Stdio> f = new CompletableFuture<>();
      pendingAttaches.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(f);
      return f;
    } finally {
      lock.unlock();
    }
  }

  private void connectPendingAttaches(String id, ContainerRuntime runtime) {
    List<CompletableFuture<Stdio>> pending = pendingAttaches.remove(id);
    if (pending == null) {
      return;
    }
    for (CompletableFuture<Stdio> f : pending) {
      try {
        f.complete(Stdio.of(runtime.attach(id)));
      } catch (IOException e) {
        f.completeExceptionally(e);
      }
    }
  }

  private void failPendingAttaches(String id, Exception cause) {
    List<CompletableFuture<Stdio>> pending = pendingAttaches.remove(id);
    if (pending != null) {
      pending.forEach(f -> f.completeExceptionally(cause));
    }
  }

  /** A removed container's waiting attaches fail. */
  void forget(String id) {
    failPendingAttaches(id, new BerthException.NotFound("No such container: " + id));
  }
}
