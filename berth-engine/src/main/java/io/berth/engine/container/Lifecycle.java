package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.UpdateRequest;
import io.berth.engine.events.EventBus;
import io.berth.engine.image.Images;
import io.berth.engine.storage.GraphDriver;
import io.berth.network.BridgeNetwork;
import io.berth.network.Endpoint;
import io.berth.oci.ContainerSpec;
import io.berth.oci.OciSpecBuilder;
import io.berth.oci.ResolvedUser;
import io.berth.oci.UserResolver;
import io.berth.runtime.AttachSocket;
import io.berth.runtime.Conmon;
import io.berth.runtime.ContainerProcess;
import io.berth.runtime.ExitFiles;
import io.berth.runtime.ExitWatcher;
import io.berth.runtime.Launch;
import io.berth.runtime.MonitorFiles;
import io.berth.runtime.MonitorState;
import io.berth.runtime.OciRuntimeException;
import io.berth.runtime.OciRuntimeClient;
import io.berth.runtime.Signals;
import io.berth.common.Json;
import io.berth.engine.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Running containers: start under a monitor (conmon) that outlives berthd, stop, kill, wait,
 * restart policies, and picking running containers up again after a berthd restart.
 * Each container's transitions are serialized by its own lock.
 */
public final class Lifecycle implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());
  private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
  private final ContainerService service;
  private final ContainerStore store;
  private final Images images;
  private final EventBus events;
  private final RuntimeContext runtime;
  private final java.util.function.Supplier<BridgeNetwork> networks; // gives null with --bridge none
  private final OciSpecBuilder specs;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<String, List<CompletableFuture<Integer>>> exitWaiters = new ConcurrentHashMap<>();
  private final Map<String, List<CompletableFuture<Integer>>> removeWaiters = new ConcurrentHashMap<>();
  private final Map<String, RestartBackoff> backoffs = new ConcurrentHashMap<>();
  private final Map<String, List<CompletableFuture<AttachSocket>>> pendingAttaches = new ConcurrentHashMap<>();
  private ExitWatcher watcher;
  private Thread logRotation;
  private volatile boolean closing;

  /**
   * The runtime side: the monitor, the OCI runtime (probed on first use: a daemon that only
   * handles images never runs one) and where their files live under exec-root.
   */
  public record RuntimeContext(Conmon conmon, java.util.function.Function<String, OciRuntimeClient> clients,
      Path execRoot) {
    /** The default runtime's client. */
    OciRuntimeClient client() {
      return clients.apply("");
    }

    /** The client of the runtime the container was created for (HostConfig.Runtime). */
    OciRuntimeClient client(Container c) {
      return clients.apply(c.runtime() == null ? "" : c.runtime());
    }

    Path bundle(String id) {
      return execRoot.resolve("c").resolve(id);
    }

    Path exitDir() {
      return execRoot.resolve("exits");
    }

    MonitorFiles files(String id) {
      return new MonitorFiles(id, bundle(id), bundle(id), exitDir());
    }
  }

  /** The OCI bundle of a container (its config.json while it runs). */
  public Path bundle(String id) {
    return runtime.bundle(id);
  }

  public Lifecycle(ContainerService service, Images images, EventBus events, RuntimeContext runtime,
      java.util.function.Supplier<BridgeNetwork> networks, OciSpecBuilder specs) {
    this.service = service;
    this.store = service.store();
    this.images = images;
    this.events = events;
    this.runtime = runtime;
    this.networks = networks;
    this.specs = specs;
  }

  /** A previous berthd killed in the middle of a cp left the container frozen (ArchiveService). */
  private static void thawAfterCrash(Container c) {
    try {
      if (CgroupFreezer.frozen(c.id())) {
        CgroupFreezer.thaw(c.id());
        LOG.log(System.Logger.Level.INFO, "container " + c.shortId() + " thawed: frozen by an interrupted cp");
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "container " + c.shortId() + ": reading its freezer: " + e.getMessage());
    }
  }

  /** After a berthd start: settle containers that exited meanwhile, then watch for exits. */
  public void restore() throws IOException {
    Files.createDirectories(runtime.exitDir());
    Set<String> live = new HashSet<>();
    for (Container c : store.all()) {
      if (!c.state().running()) {
        continue;
      }
      MonitorState ms = Conmon.inspect(runtime.files(c.id()));
      switch (ms) {
        case MonitorState.Monitored m -> {
          live.add(c.id());
          if (!c.state().paused()) {
            thawAfterCrash(c);
          }
        }
        case MonitorState.Exited e -> exited(c.id(), e.exitCode(), e.oomKilled());
        case MonitorState.Lost lost -> {
          LOG.log(System.Logger.Level.WARNING, "container " + c.shortId() + ": " + lost.reason());
          try {
            runtime.client(c).delete(c.id(), true);
          } catch (IOException ignored) {
            // the runtime does not know it either
          }
          exited(c.id(), 137, false);
        }
      }
    }
    if (!live.isEmpty() || store.all().stream().anyMatch(c -> !c.endpoint().ipAddress().isEmpty())) {
      BridgeNetwork network = networks.get();
      if (network != null) {
        network.sweep(live);
      }
    }
    watcher = ExitWatcher.start(runtime.exitDir(), (id, code) ->
        Thread.ofVirtual().start(() -> {
          try {
            exited(id, code, Files.exists(runtime.files(id).oomFile()));
          } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "handling the exit of " + id, e);
          }
        }));
    logRotation = LogRotation.start(store, this::logPath, runtime::files);
    for (Container c : store.all()) {
      if (!c.state().running() && restartsOnDaemonStart(c)) {
        Thread.ofVirtual().start(() -> restartQuietly(c.id()));
      }
    }
  }

  private boolean restartsOnDaemonStart(Container c) {
    String policy = policyName(c);
    return policy.equals("always") || (policy.equals("unless-stopped") && !c.state().manuallyStopped());
  }

  private ReentrantLock lock(String id) {
    return locks.computeIfAbsent(id, k -> new ReentrantLock());
  }

  // ------------------------------------------------------------------ start

  public void start(String idOrName) throws IOException {
    Container c = store.find(idOrName);
    ReentrantLock lock = lock(c.id());
    lock.lock();
    try {
      c = store.get(c.id()).orElseThrow(() -> new BerthException.NotFound("No such container: " + idOrName));
      if (c.state().paused()) {
        throw new BerthException.Conflict("cannot start a paused container, try unpause instead");
      }
      if (c.state().running()) {
        throw new BerthException.NotModified("container already started");
      }
      if (c.state().status().equals("removing")) {
        throw new BerthException.Conflict("container is marked for removal and cannot be started");
      }
      startLocked(c);
    } finally {
      lock.unlock();
    }
  }

  private void startLocked(Container c) throws IOException {
    GraphDriver driver = images.layers().driver();
    Path dir = store.dir(c.id());
    Path bundle = runtime.bundle(c.id());
    MonitorFiles files = runtime.files(c.id());
    ContainerProcess process = null;
    Endpoint endpoint = null;
    try {
      Path rootfs = driver.mount(c.rwLayer());
      String mode = networkMode(c);
      writeIdentityFiles(c, dir, mode, null);
      ResolvedUser user = UserResolver.resolve(rootfs, c.config().user(), orEmpty(c.hostConfig().groupAdd()));
      ContainerSpec spec = SpecMapper.spec(c, rootfs, dir, user, mode.equals("host"), CGROUP_V2);
      Map<String, Object> config = specs.build(spec);
      AtomicFiles.deleteTree(bundle);
      Files.createDirectories(bundle);
      AtomicFiles.write(bundle.resolve("config.json"), Json.bytes(config));
      ExitFiles.remove(runtime.exitDir(), c.id());
      Path log = logPath(c.id());
      // conmon closes stdin when the first attach connection ends: right for -i (EOF ends the
      // input), wrong for -it, where ctrl-p ctrl-q detaches and a later attach types on.
      boolean stdinOnce = c.config().stdinOnce() && !c.tty();
      Launch launch = new Launch(c.id(), bundle, runtime.client(c), c.tty(),
          c.config().openStdin(), stdinOnce, log,
          LogOptions.maxFile(c.hostConfig().logConfig()) == 1 ? LogOptions.maxSize(c.hostConfig().logConfig()) : 0,
          runtime.exitDir(),
          bundle);
      process = runtime.conmon().launch(launch);
      connectPendingAttaches(c.id(), files);
      BridgeNetwork network = networks.get();
      if (mode.equals("bridge")) {
        if (network == null) {
          throw new BerthException.InvalidParameter("the bridge network is disabled on this daemon (--bridge none)");
        }
        endpoint = network.attach(c.id(), Path.of("/proc", Integer.toString(process.pid()), "ns", "net"));
        writeIdentityFiles(c, dir, mode, endpoint.ipAddress());
      } else if (mode.equals("none") && network != null) {
        network.loopbackOnly(Path.of("/proc", Integer.toString(process.pid()), "ns", "net"));
      }
      runtime.client(c).start(c.id());
      Container.Endpoint stored = endpoint == null ? Container.Endpoint.none(mode)
          : new Container.Endpoint(mode, endpoint.ipAddress(), endpoint.prefixLen(), endpoint.gateway(),
              endpoint.macAddress(), endpoint.endpointId());
      long pid = process.pid();
      long monitor = process.conmonPid();
      Container started = store.update(c.id(), x -> x.withEndpoint(stored)
          .withState(x.state().started(pid, monitor, Instant.now())));
      backoffs.computeIfAbsent(c.id(), k -> new RestartBackoff()).started();
      service.event(started, "start", Map.of());
    } catch (IOException | RuntimeException e) {
      if (process != null) {
        try {
          runtime.client(c).delete(c.id(), true);
        } catch (IOException ignored) {
          // nothing left to delete
        }
      }
      if (endpoint != null) {
        networks.get().detach(c.id());
      }
      driver.unmount(c.rwLayer());
      failPendingAttaches(c.id(), e);
      String message = StartErrors.message(e);
      int code = StartErrors.exitCode(c.path(), message, 128);
      store.update(c.id(), x -> x.withState(x.state().failed(message, code)));
      if (c.hostConfig().autoRemove()) {
        removeStopped(c.id()); // as dockerd: a --rm container that cannot start is not kept
      }
      throw StartErrors.toApiError(c.path(), message, e);
    }
  }

  /**
   * Connects to a container's stdio (conmon's attach socket): at once when it runs, otherwise
   * when it is next started, after its monitor exists and before its process runs, so that
   * {@code docker run} sees the very first output.
   */
  public CompletableFuture<AttachSocket> attach(String idOrName) throws IOException {
    Container c = store.find(idOrName);
    ReentrantLock lock = lock(c.id());
    lock.lock();
    try {
      c = store.get(c.id()).orElseThrow(() -> new BerthException.NotFound("No such container: " + idOrName));
      if (c.state().running() && !c.state().status().equals("restarting")) {
        return CompletableFuture.completedFuture(AttachSocket.open(runtime.files(c.id()).attachSocket()));
      }
      CompletableFuture<AttachSocket> f = new CompletableFuture<>();
      pendingAttaches.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(f);
      return f;
    } finally {
      lock.unlock();
    }
  }

  private void connectPendingAttaches(String id, MonitorFiles files) {
    List<CompletableFuture<AttachSocket>> pending = pendingAttaches.remove(id);
    if (pending == null) {
      return;
    }
    for (CompletableFuture<AttachSocket> f : pending) {
      try {
        f.complete(AttachSocket.open(files.attachSocket()));
      } catch (IOException e) {
        f.completeExceptionally(e);
      }
    }
  }

  private void failPendingAttaches(String id, Exception cause) {
    List<CompletableFuture<AttachSocket>> pending = pendingAttaches.remove(id);
    if (pending != null) {
      pending.forEach(f -> f.completeExceptionally(cause));
    }
  }

  /** A terminal's new size, for containers with a TTY. */
  public void resize(String idOrName, int height, int width) throws IOException {
    Container c = store.find(idOrName);
    if (!c.state().running()) {
      throw new BerthException.Conflict("Container " + c.id() + " is not running");
    }
    if (c.tty()) {
      Conmon.resize(runtime.files(c.id()), height, width);
    }
    service.event(c, "resize", Map.of("height", Integer.toString(height), "width", Integer.toString(width)));
  }

  /** hostname, hosts and resolv.conf, bind-mounted into the container; rewritten in place (binds follow the inode). */
  private void writeIdentityFiles(Container c, Path dir, String mode, String ip) throws IOException {
    String hostname = c.config().hostname();
    String hosts;
    String resolv;
    if (mode.equals("host")) {
      hosts = read(Path.of("/etc/hosts"));
      resolv = read(Path.of("/etc/resolv.conf"));
    } else {
      hosts = io.berth.network.EtcHosts.build(hostname, c.config().domainname(), ip, List.of());
      BridgeNetwork network = mode.equals("bridge") ? networks.get() : null;
      resolv = network != null ? network.resolvConf()
          : io.berth.network.ResolvConf.filter(read(Path.of("/etc/resolv.conf")), false);
    }
    writeInPlace(dir.resolve("hostname"), hostname + "\n");
    writeInPlace(dir.resolve("hosts"), hosts);
    writeInPlace(dir.resolve("resolv.conf"), resolv);
  }

  private static void writeInPlace(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }

  public Path logPath(String id) {
    return store.dir(id).resolve("container.log");
  }

  /** The container's log files, oldest first, the current one last (more than one once rotated). */
  public List<Path> logFiles(String id) {
    return LogRotation.files(logPath(id));
  }

  public MonitorFiles monitorFiles(String id) {
    return runtime.files(id);
  }

  static String networkMode(Container c) {
    return networkMode(c.hostConfig());
  }

  static String networkMode(HostConfig hc) {
    return hc.networkMode().isBridge() ? "bridge" : hc.networkMode().value();
  }

  // ------------------------------------------------------------------ exit

  /** Records an exit reported by conmon (idempotent): cleans up, tells waiters, applies the restart policy. */
  void exited(String id, int code, boolean oom) throws IOException {
    ReentrantLock lock = lock(id);
    Container after;
    lock.lock();
    try {
      Container c = store.get(id).orElse(null);
      if (c == null || !c.state().running()) {
        ExitFiles.remove(runtime.exitDir(), id);
        return;
      }
      try {
        runtime.client(c).delete(id, true);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "runtime delete " + id + ": " + e.getMessage());
      }
      if (!c.endpoint().ipAddress().isEmpty()) {
        BridgeNetwork network = networks.get();
        if (network != null) {
          network.detach(id);
        }
      }
      images.layers().driver().unmount(c.rwLayer());
      ExitFiles.remove(runtime.exitDir(), id);
      after = store.update(id, x -> x.withEndpoint(Container.Endpoint.none(networkMode(x)))
          .withState(x.state().exited(code, oom, Instant.now())));
      if (oom) {
        service.event(after, "oom", Map.of());
      }
      service.event(after, "die", Map.of("exitCode", Integer.toString(code)));
    } finally {
      lock.unlock();
    }
    complete(exitWaiters, id, code);
    if (closing) {
      return;
    }
    if (after.hostConfig().autoRemove()) {
      removeStopped(id);
      return;
    }
    if (shouldRestart(after)) {
      scheduleRestart(after);
    }
  }

  private boolean shouldRestart(Container c) {
    String policy = policyName(c);
    if (c.state().manuallyStopped()) {
      return false;
    }
    return switch (policy) {
      case "always", "unless-stopped" -> true;
      case "on-failure" -> {
        long max = c.hostConfig().restartPolicy().maximumRetryCount();
        yield c.state().exitCode() != 0 && (max == 0 || c.restartCount() < max);
      }
      default -> false;
    };
  }

  private static String policyName(Container c) {
    return c.hostConfig().restartPolicy().effectiveName();
  }

  /** Docker's back-off: 100 ms doubling per restart, reset once a run lasted 10 s. */
  private void scheduleRestart(Container c) throws IOException {
    Duration delay;
    Container restarting;
    ReentrantLock scheduling = lock(c.id());
    scheduling.lock();
    try { // the user may have stopped or removed it since its exit was recorded
      Container now = store.get(c.id()).orElse(null);
      if (now == null || now.state().running() || !shouldRestart(now)) {
        return;
      }
      delay = backoffs.computeIfAbsent(c.id(), k -> new RestartBackoff()).next();
      restarting = store.update(c.id(), x -> x.withRestartCount(x.restartCount() + 1)
          .withState(x.state().withStatus("restarting")));
    } finally {
      scheduling.unlock();
    }
    Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(delay);
        ReentrantLock lock = lock(c.id());
        lock.lock();
        try {
          Container now = store.get(c.id()).orElse(null);
          if (now == null || !now.state().status().equals("restarting") || closing) {
            return;
          }
          // still "restarting" while it starts: an "exited" seen now would let rm take the container
          // away under the start (leaking its runtime state and cgroup)
          startLocked(now);
          service.event(restarting, "restart", Map.of());
        } finally {
          lock.unlock();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "restarting " + c.shortId() + ": " + e.getMessage());
      }
    });
  }

  private void restartQuietly(String id) {
    try {
      start(id);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "starting " + id + " at daemon start: " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------ stop, kill, wait

  /** {@code docker stop}: the stop signal, then SIGKILL after the timeout. */
  public void stop(String idOrName, Integer timeoutSeconds, String signal) throws IOException {
    Container c = store.find(idOrName);
    if (c.state().status().equals("restarting")) {
      c = stopByUser(c.id());
      if (!c.state().running()) {
        service.event(c, "stop", Map.of());
        return;
      }
    }
    if (!c.state().running()) {
      throw new BerthException.NotModified("container already stopped");
    }
    store.update(c.id(), x -> x.withState(x.state().stoppedByUser(true)));
    stopRunning(c, timeoutSeconds, signal);
    service.event(store.get(c.id()).orElse(c), "stop", Map.of());
  }

  private void stopRunning(Container c, Integer timeoutSeconds, String signal) throws IOException {
    int sig = Signals.parse(signal != null && !signal.isEmpty() ? signal
        : !c.config().stopSignal().isEmpty() ? c.config().stopSignal() : "SIGTERM");
    Duration timeout = timeoutSeconds != null ? Duration.ofSeconds(timeoutSeconds)
        : c.config().stopTimeout() != null ? Duration.ofSeconds(c.config().stopTimeout()) : DEFAULT_STOP_TIMEOUT;
    CompletableFuture<Integer> exit = nextExit(c.id());
    if (c.state().paused()) {
      runtime.client(c).resume(c.id()); // a frozen process cannot handle its signal
    }
    signalQuietly(c, sig); // if it fails, SIGKILL follows after the timeout
    if (!awaitExit(exit, timeout.isNegative() ? null : timeout)) { // -1 waits forever, as Docker
      signalQuietly(c, Signals.SIGKILL);
      if (!awaitExit(exit, Duration.ofSeconds(30))) {
        throw new IOException("container " + c.shortId() + " did not exit after SIGKILL");
      }
    }
  }

  private boolean signalQuietly(Container c, int sig) {
    try {
      runtime.client(c).kill(c.id(), sig);
      service.event(c, "kill", Map.of("signal", Integer.toString(sig)));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean awaitExit(CompletableFuture<Integer> exit, Duration timeout) {
    try {
      if (timeout == null) {
        exit.get();
      } else {
        exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    }
  }

  public void kill(String idOrName, String signal) throws IOException {
    Container c = store.find(idOrName);
    if (!c.state().running() || c.state().status().equals("restarting")) {
      throw new BerthException.Conflict("Cannot kill container: " + idOrName + ": Container " + c.id()
          + " is not running");
    }
    int sig = Signals.parse(signal == null || signal.isEmpty() ? "SIGKILL" : signal);
    if (sig == Signals.SIGKILL || sig == Signals.SIGTERM || sig == Signals.SIGINT) {
      store.update(c.id(), x -> x.withState(x.state().stoppedByUser(true)));
    }
    if (c.state().paused() && sig == Signals.SIGKILL) {
      runtime.client(c).kill(c.id(), sig);
      resumeQuietly(c); // a frozen process does not die until thawed
    } else {
      runtime.client(c).kill(c.id(), sig);
    }
    service.event(c, "kill", Map.of("signal", Integer.toString(sig)));
  }

  public void restart(String idOrName, Integer timeoutSeconds, String signal) throws IOException {
    Container c = store.find(idOrName);
    if (c.state().running()) {
      stopRunning(c, timeoutSeconds, signal);
    }
    store.update(c.id(), x -> x.withState(x.state().stoppedByUser(false)));
    start(c.id());
    service.event(store.get(c.id()).orElse(c), "restart", Map.of());
  }

  private void resumeQuietly(Container c) {
    try {
      runtime.client(c).resume(c.id());
    } catch (IOException e) {
      // the runtime thawed it already (runc does for SIGKILL): nothing to undo
    }
  }

  public void pause(String idOrName) throws IOException {
    Container c = store.find(idOrName);
    ReentrantLock lock = lock(c.id());
    lock.lock();
    try {
      c = store.get(c.id()).orElseThrow();
      if (!c.state().running() || c.state().status().equals("restarting")) {
        throw new BerthException.Conflict("Container " + c.id() + " is not running");
      }
      if (c.state().paused()) {
        throw new BerthException.Conflict("Container " + c.id() + " is already paused");
      }
      runtime.client(c).pause(c.id());
      service.event(store.update(c.id(), x -> x.withState(x.state().withStatus("paused"))), "pause", Map.of());
    } finally {
      lock.unlock();
    }
  }

  public void unpause(String idOrName) throws IOException {
    Container c = store.find(idOrName);
    ReentrantLock lock = lock(c.id());
    lock.lock();
    try {
      c = store.get(c.id()).orElseThrow();
      if (!c.state().paused()) {
        throw new BerthException.Conflict("Container " + c.id() + " is not paused");
      }
      runtime.client(c).resume(c.id());
      service.event(store.update(c.id(), x -> x.withState(x.state().withStatus("running"))), "unpause", Map.of());
    } finally {
      lock.unlock();
    }
  }

  /** A future for the next exit of a container. */
  public CompletableFuture<Integer> nextExit(String id) {
    CompletableFuture<Integer> f = new CompletableFuture<>();
    exitWaiters.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
    return f;
  }

  /** Docker's wait conditions: not-running (default), next-exit, removed. */
  public CompletableFuture<Integer> waitFor(String idOrName, String condition) {
    Container c = store.find(idOrName);
    String cond = condition == null || condition.isEmpty() ? "not-running" : condition;
    switch (cond) {
      case "not-running" -> {
        CompletableFuture<Integer> f = nextExit(c.id());
        Container now = store.get(c.id()).orElse(c);
        if (!now.state().running()) {
          f.complete(now.state().exitCode());
        }
        return f;
      }
      case "next-exit" -> {
        return nextExit(c.id());
      }
      case "removed" -> {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        removeWaiters.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(f);
        if (store.get(c.id()).isEmpty()) {
          f.complete(c.state().exitCode());
        }
        return f;
      }
      default -> throw new BerthException.InvalidParameter("invalid condition: \"" + cond + "\"");
    }
  }

  private static void complete(Map<String, List<CompletableFuture<Integer>>> waiters, String id, int code) {
    List<CompletableFuture<Integer>> list = waiters.remove(id);
    if (list != null) {
      list.forEach(f -> f.complete(code));
    }
  }

  // ------------------------------------------------------------------ update, prune

  /** {@code docker update}: new resource limits (applied to a running container at once) and restart policy. */
  public void update(String idOrName, UpdateRequest request) throws IOException {
    Container c = store.find(idOrName);
    ReentrantLock lock = lock(c.id());
    lock.lock();
    try {
      c = store.get(c.id()).orElseThrow();
      HostConfig hc = c.hostConfig().withResources(Updates.merge(c.hostConfig().resources(), request.resources()));
      if (request.restartPolicy() != null && !request.restartPolicy().name().isEmpty()) {
        hc = hc.withRestartPolicy(request.restartPolicy());
      }
      HostConfigValidator.validate(hc, Runtime.getRuntime().availableProcessors());
      if (c.state().running()) {
        Map<String, Object> limits = specs.limits(SpecMapper.resources(hc.resources()));
        runtime.client(c).update(c.id(), Json.string(limits));
      }
      HostConfig updated = hc;
      service.event(store.update(c.id(), x -> x.withHostConfig(updated)), "update", Map.of());
    } finally {
      lock.unlock();
    }
  }

  /** What {@code container prune} removed. */
  public record PruneReport(List<String> deleted, long spaceReclaimed) {}

  public PruneReport prune(io.berth.common.Filters filters) throws IOException {
    filters.validate(Set.of("until", "label", "label!"));
    Instant until = filters.has("until")
        ? io.berth.common.TimeFilter.parse(filters.get("until").getLast(), Instant.now()) : null;
    List<String> deleted = new ArrayList<>();
    long reclaimed = 0;
    for (Container c : store.all()) {
      if (c.state().running() || (until != null && !c.created().isBefore(until))
          || (filters.has("label") && !io.berth.common.Filters.labelsMatch(filters.get("label"), c.labels()))
          || (filters.has("label!") && io.berth.common.Filters.labelsMatch(filters.get("label!"), c.labels()))) {
        continue;
      }
      long size = service.sizes(c)[0];
      try {
        removeStopped(c.id());
        deleted.add(c.id());
        reclaimed += size;
      } catch (BerthException e) {
        // started meanwhile: skip it, as Docker does
      }
    }
    events.publish("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
    return new PruneReport(deleted, reclaimed);
  }

  // ------------------------------------------------------------------ remove

  /** {@code docker rm}: with force a running container is killed first. */
  public void remove(String idOrName, boolean force) throws IOException {
    Container c = store.find(idOrName);
    service.checkRemovable(c, force);
    if (c.state().running()) {
      c = stopByUser(c.id());
      CompletableFuture<Integer> exit = nextExit(c.id());
      Container now = store.get(c.id()).orElse(c);
      if (now.state().running()) { // else it exited meanwhile, or its pending restart was called off
        try {
          runtime.client(now).kill(now.id(), Signals.SIGKILL);
        } catch (OciRuntimeException e) {
          if (!e.containerMissing() && !e.runtimeMessage().contains("not running")) {
            throw e;
          }
          // it exited meanwhile: berthd records the exit below
        }
        if (now.state().paused()) {
          resumeQuietly(now); // a frozen process does not die until thawed
        }
        awaitExit(exit, Duration.ofSeconds(30));
      }
    }
    removeStopped(c.id());
  }

  /**
   * The user stops the container: restart policies leave it alone from now on, and a restart it waits for
   * (status restarting) is called off. Under its lock, which a restart holds while it starts and while it
   * is scheduled, so that a restart has either not begun and never will, or has finished and the
   * container runs. Returns the container as it is then.
   */
  private Container stopByUser(String id) throws IOException {
    ReentrantLock lock = lock(id);
    lock.lock();
    try {
      return store.update(id, x -> x.withState((x.state().status().equals("restarting")
          ? x.state().withStatus("exited") : x.state()).stoppedByUser(true)));
    } finally {
      lock.unlock();
    }
  }

  private void removeStopped(String id) throws IOException {
    ReentrantLock lock = lock(id);
    lock.lock();
    try {
      Container c = store.get(id).orElse(null);
      if (c == null) {
        return;
      }
      service.remove(c);
      AtomicFiles.deleteTree(runtime.bundle(id));
      backoffs.remove(id);
      complete(removeWaiters, id, c.state().exitCode());
    } finally {
      lock.unlock();
      locks.remove(id);
    }
  }

  /** Stops every running container at a clean daemon shutdown (they would otherwise outlive it). */
  @Override
  public void close() {
    closing = true;
    List<Thread> stops = new ArrayList<>();
    for (Container c : store.all()) {
      if (c.state().running()) {
        stops.add(Thread.ofVirtual().start(() -> {
          try {
            stopRunning(c, null, null);
          } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "stopping " + c.shortId() + " at shutdown: " + e.getMessage());
          }
        }));
      }
    }
    for (Thread t : stops) {
      try {
        t.join(Duration.ofSeconds(40));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (logRotation != null) {
      logRotation.interrupt();
    }
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private static final boolean CGROUP_V2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));

  static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }
}
