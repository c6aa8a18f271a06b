package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.UpdateRequest;
import io.berth.engine.image.Images;
import io.berth.network.NetworkDriver;
import io.berth.oci.OciSpecBuilder;
import io.berth.runtime.ContainerRuntimes;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Running containers: the operations the API offers, each done by the part whose name says its job
 * ({@link ContainerStarter}, {@link ProcessControl}, {@link ExitHandler}, {@link Restarts},
 * {@link ContainerRemover}, {@link LiveRestore}). Each container's transitions are serialized by its own lock.
 */
public final class Lifecycle implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());
  private final LifecycleContext ctx;
  private final ContainerStarter starter;
  private final ProcessControl control;
  private final ContainerRemover remover;
  private final ExitHandler exits;
  private final LiveRestore liveRestore;
  private final NetworkConnections connections;
  private Closeable exitWatch;
  private Thread logRotation;

  public Lifecycle(ContainerService service, Images images, ContainerRuntimes runtimes,
      Supplier<NetworkDriver> network, OciSpecBuilder specs, ContainerCgroups cgroups) {
    this.ctx = new LifecycleContext(service, images, runtimes, network, specs, new ContainerLocks(),
        new ExitWaiters(), cgroups, new AtomicBoolean(), new java.util.concurrent.atomic.AtomicReference<>(),
        new VolumeMounts(service.volumes(), service.events()), new RunExtras());
    Restarts restarts = new Restarts(ctx);
    this.starter = new ContainerStarter(ctx, restarts);
    this.control = new ProcessControl(ctx, starter);
    this.remover = new ContainerRemover(ctx, control, restarts, starter);
    this.exits = new ExitHandler(ctx, restarts, starter, remover, control);
    this.liveRestore = new LiveRestore(ctx, exits);
    this.connections = new NetworkConnections(ctx);
    starter.onFailedAutoRemove(id -> remover.removeStopped(id, true));
  }

  /** What starts and stops a container's health checks as it starts, pauses, exits (the HealthMonitor). */
  public interface HealthChecks {
    HealthChecks NONE = new HealthChecks() {
      @Override
      public void started(String id) {}

      @Override
      public void resumed(String id) {}

      @Override
      public void stopped(String id) {}
    };

    /** The container (re)started: its health starts over. */
    void started(String id);

    /** The container runs again without a restart (unpause, live restore): probes go on. */
    void resumed(String id);

    /** The container stopped, paused or went away. */
    void stopped(String id);
  }

  /** The health checks to drive; set once, before {@link #restore}. */
  public void useHealthChecks(HealthChecks checks) {
    ctx.healthChecks().set(checks);
  }

  /** After a berthd start: live restore, then exits are watched, logs rotated, restart policies applied. */
  public void restore() throws IOException {
    liveRestore.restore();
    exitWatch = ctx.runtimes().watchExits((id, code) -> Thread.ofVirtual().start(() -> {
      try {
        Container c = ctx.store().get(id).orElse(null);
        exits.exited(id, code, c != null && ctx.runtime(c).oomKilled(id));
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "handling the exit of " + id, e);
      }
    }));
    logRotation = LogRotation.start(ctx.store(), ctx::logPath, c -> ctx.runtime(c).reopenLog(c.id()));
    for (Container c : ctx.store().all()) {
      if (!c.state().running() && Restarts.restartsOnDaemonStart(c)) {
        Thread.ofVirtual().start(() -> {
          try {
            start(c.id());
          } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "starting " + c.shortId() + " at daemon start: " + e.getMessage());
          }
        });
      }
    }
  }

  public void start(String idOrName) throws IOException {
    starter.start(idOrName);
  }

  /**
   * Mounts and variables ({@code NAME=value}, over its own) added to the container's runs until it is removed,
   * beside what its config asks for: the builder's {@code RUN --mount} (cache, bind, secret), heredoc files and
   * secrets as variables. Held in memory only: a build container does not outlive its build, and a secret is
   * never in a container's stored config.
   */
  public void addToRuns(String id, List<io.berth.oci.Mount> mounts, List<String> env) {
    ctx.runExtras().add(id, mounts, env);
  }

  /** The container's stdio, at once when it runs, else from its next start on. */
  public CompletableFuture<Stdio> attach(String idOrName) throws IOException {
    return starter.attach(idOrName);
  }

  public void stop(String idOrName, Integer timeoutSeconds, String signal) throws IOException {
    control.stop(idOrName, timeoutSeconds, signal);
  }

  public void kill(String idOrName, String signal) throws IOException {
    control.kill(idOrName, signal);
  }

  public void restart(String idOrName, Integer timeoutSeconds, String signal) throws IOException {
    control.restart(idOrName, timeoutSeconds, signal);
  }

  public void pause(String idOrName) throws IOException {
    control.pause(idOrName);
  }

  public void unpause(String idOrName) throws IOException {
    control.unpause(idOrName);
  }

  public void resize(String idOrName, int height, int width) throws IOException {
    control.resize(idOrName, height, width);
  }

  public void update(String idOrName, UpdateRequest request) throws IOException {
    control.update(idOrName, request);
  }

  /** {@code network connect}: at once when the container runs, from its next start in any case. */
  public void connect(String container, String network, io.berth.engine.container.config.EndpointSettings settings)
      throws IOException {
    connections.connect(container, network, settings);
  }

  /** {@code network disconnect}. */
  public void disconnect(String container, String network, boolean force) throws IOException {
    connections.disconnect(container, network, force);
  }

  public void remove(String idOrName, boolean force) throws IOException {
    remover.remove(idOrName, force, false);
  }

  /** {@code docker rm [-f] [-v]}: with {@code removeVolumes}, the container's anonymous volumes go too. */
  public void remove(String idOrName, boolean force, boolean removeVolumes) throws IOException {
    remover.remove(idOrName, force, removeVolumes);
  }

  /** What {@code container prune} removed. */
  public record PruneReport(List<String> deleted, long spaceReclaimed) {}

  public PruneReport prune(Filters filters) throws IOException {
    ContainerRemover.PruneReport r = remover.prune(filters);
    return new PruneReport(r.deleted(), r.spaceReclaimed());
  }

  /** A future for the next exit of a container. */
  public CompletableFuture<Integer> nextExit(String id) {
    return ctx.waiters().nextExit(id);
  }

  /** Docker's wait conditions: not-running (default), next-exit, removed. */
  public CompletableFuture<Integer> waitFor(String idOrName, String condition) {
    Container c = ctx.store().find(idOrName);
    String cond = condition == null || condition.isEmpty() ? "not-running" : condition;
    return switch (cond) {
      case "not-running" -> {
        CompletableFuture<Integer> f = ctx.waiters().nextExit(c.id());
        Container now = ctx.store().get(c.id()).orElse(c);
        if (!now.state().running()) {
          f.cancel(false); // not needed: it is not running now
          yield CompletableFuture.completedFuture(now.state().exitCode());
        }
        yield f;
      }
      case "next-exit" -> ctx.waiters().nextExit(c.id());
      case "removed" -> {
        CompletableFuture<Integer> f = ctx.waiters().removal(c.id());
        if (ctx.store().get(c.id()).isEmpty()) {
          f.cancel(false);
          yield CompletableFuture.completedFuture(c.state().exitCode());
        }
        yield f;
      }
      default -> throw new BerthException.InvalidParameter("invalid condition: \"" + cond + "\"");
    };
  }

  /** The exit waiters (for tests of their life cycle). */
  ExitWaiters waiters() {
    return ctx.waiters();
  }

  /** The container's OCI bundle while it runs. */
  public Path bundle(Container c) {
    return ctx.runtime(c).bundle(c.id());
  }

  public Path logPath(String id) {
    return ctx.logPath(id);
  }

  /** The container's log files, oldest first, the current one last (more than one once rotated). */
  public List<Path> logFiles(String id) {
    return LogRotation.files(logPath(id));
  }

  static String networkMode(Container c) {
    return networkMode(c.hostConfig());
  }

  static String networkMode(HostConfig hc) {
    return hc.networkMode().isBridge() ? "bridge" : hc.networkMode().value();
  }

  static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }

  private volatile boolean keepRunningAtShutdown;

  /** dockerd's live-restore: a clean shutdown leaves the containers running, and the next start picks them up. */
  public void keepRunningAtShutdown(boolean keep) {
    this.keepRunningAtShutdown = keep;
  }

  /**
   * At a clean daemon shutdown: stops every running container (they would otherwise outlive it), unless
   * live-restore keeps them running under their monitors for the next berthd.
   */
  @Override
  public void close() {
    ctx.closing().set(true);
    List<Thread> stops = new ArrayList<>();
    for (Container c : ctx.store().all()) {
      if (c.state().running() && !keepRunningAtShutdown) {
        stops.add(Thread.ofVirtual().start(() -> {
          try {
            control.stopRunning(c, null, null);
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
    if (exitWatch != null) {
      try {
        exitWatch.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
