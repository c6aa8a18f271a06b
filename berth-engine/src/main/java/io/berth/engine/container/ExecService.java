package io.berth.engine.container;

import io.berth.common.AtomicFiles;
import io.berth.common.BerthException;
import io.berth.common.Json;
import io.berth.engine.image.Images;
import io.berth.oci.OciSpecBuilder;
import io.berth.runtime.ExecLaunch;
import io.berth.runtime.ExecLauncher;
import io.berth.runtime.ExecPlan;
import io.berth.runtime.ExecProcess;
import io.berth.runtime.OciRuntimeException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;


/**
 * {@code docker exec}: more processes in a running container. Each session runs under its own berth-exec
 * ({@link ExecLauncher}), which joins every namespace and the cgroup of the container as described by an
 * {@link ExecPlan}, as runc exec would, in a fraction of its time, and then relays the process's stdio and
 * reports its exit (also into the session's directory, {@code <exec-root>/exec/<exec id>/}). The process is the container's, rebuilt
 * by berth-oci from the container's config with the session's command, env, user, working dir and privilege.
 *
 * <p>Sessions live in memory, as in dockerd; each also writes {@code session.json} in its directory, so
 * that after a berthd restart a session still running keeps being watched and its exit code is recorded
 * from berth-exec's exit file (its stdio, not being attached any more, is lost). A health check's probes
 * ({@link RepeatedExec}) write neither: a restarted berthd simply probes again.
 */
public final class ExecService {
  private static final System.Logger LOG = System.getLogger(ExecService.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  /** As dockerd's execCommandGC: an ended session stays inspectable for one to two rounds, then goes. */
  private static final java.time.Duration COLLECTION_ROUND = java.time.Duration.ofMinutes(5);

  private final ContainerService containers;
  private final ExecLauncher launcher;
  private final ExecPlans plans;
  private final Path root;
  private final Map<String, ExecSession> sessions = new ConcurrentHashMap<>();
  private final Thread collector;

  public ExecService(ContainerService containers, Images images, OciSpecBuilder specs, ExecLauncher launcher,
      Function<Container, Path> bundles, Path execRoot) {
    this.containers = containers;
    this.launcher = launcher;
    this.plans = new ExecPlans(containers, images, specs, bundles);
    this.root = execRoot.resolve("exec");
    launcher.listenIn(root);
    restore();
    this.collector = Thread.ofVirtual().name("exec-gc").start(this::collectEvery);
  }

  private void collectEvery() {
    try {
      while (true) {
        Thread.sleep(COLLECTION_ROUND);
        collect(sessions, id -> containers.store().get(id).isPresent());
      }
    } catch (InterruptedException e) {
      // berthd is stopping
    }
  }

  /**
   * One collection round: sessions a previous round marked are dropped, and those not live any more
   * (ended, or their container gone; not those created and not started) are marked.
   */
  static void collect(Map<String, ExecSession> sessions, java.util.function.Predicate<String> containerExists) {
    sessions.values().removeIf(ExecSession::canRemove);
    for (ExecSession s : sessions.values()) {
      if (s.exitCode() != null || !containerExists.test(s.containerId())) {
        s.markRemovable();
      }
    }
  }

  /** A started session: its stdio (held from the first byte of output; close it to let go) and its exit. */
  public record Started(Stdio stdio, CompletableFuture<Integer> exit, int pid) {}

  /** The process could not be started; the message is Docker's, and the session ended with 126 or 127. */
  public static final class StartFailure extends IOException {
    StartFailure(String message) {
      super(message);
    }
  }

  /** {@code POST /containers/{id}/exec}: checks the container runs and records the session. */
  public ExecSession create(String idOrName, ExecConfig config) {
    Container c = containers.find(idOrName);
    checkRunning(c);
    if (config.cmd().isEmpty()) {
      throw new BerthException.InvalidParameter("No exec command specified");
    }
    String id = HexFormat.of().formatHex(randomBytes());
    ExecSession session = new ExecSession(id, c.id(), config);
    sessions.put(id, session);
    containers.event(c, "exec_create: " + RepeatedExec.commandLine(config.cmd()), Map.of("execID", id));
    return session;
  }

  /** A health check's exec: {@link #startRepeated} runs it, once per probe. */
  public RepeatedExec repeated(Container c, ExecConfig config) {
    if (config.cmd().isEmpty()) {
      throw new BerthException.InvalidParameter("No exec command specified");
    }
    return new RepeatedExec(c.id(), config);
  }

  /**
   * One run of a repeated exec, as create and start would run it (the session is inspectable and shows in
   * the container's ExecIDs while it runs; exec_create, exec_start and exec_die events, as dockerd sends
   * for a health check's probe) but with no session record or exit file on disk and the plan made once.
   */
  public Started startRepeated(RepeatedExec exec) throws IOException {
    Container c = containers.find(exec.containerId());
    checkRunning(c);
    String id = HexFormat.of().formatHex(randomBytes());
    ExecSession s = new ExecSession(id, c.id(), exec.config());
    sessions.put(id, s);
    containers.event(c, exec.createAction(), Map.of("execID", id));
    s.markStarted();
    return launch(s, c, null, () -> plans.repeated(c, exec), launcherPid -> { }, exec.startAction());
  }

  /**
   * As dockerd: a session can be inspected until its container is removed (checked here), or until the
   * collection rounds drop it after it ended. Not swept on every create: health checks make one a second.
   */
  public ExecSession get(String execId) {
    ExecSession s = sessions.get(execId);
    if (s != null && !s.isRunning() && containers.store().get(s.containerId()).isEmpty()) {
      sessions.remove(execId);
      s = null;
    }
    if (s == null) {
      throw new BerthException.NotFound("No such exec instance: " + execId);
    }
    return s;
  }

  /**
   * {@code POST /exec/{id}/start}: runs the process; the returned process holds its stdio from the first
   * byte (close it when not attaching). A process that cannot be started ends the session with 126 (127 when
   * the executable does not exist) and raises OciRuntimeException with Docker's wording in its message.
   */
  public Started start(String execId) throws IOException {
    ExecSession s = get(execId);
    if (!s.markStarted()) {
      throw new BerthException.Conflict("Error: Exec command " + execId + " is already running");
    }
    Container c;
    try {
      c = containers.find(s.containerId());
      checkRunning(c);
    } catch (BerthException e) {
      s.exited(126);
      throw e;
    }
    Path dir = root.resolve(execId);
    return launch(s, c, dir, () -> plans.forSession(c, s.config()),
        launcherPid -> record(s, launcherPid, dir), "exec_start: " + RepeatedExec.commandLine(s.config().cmd()));
  }

  /** Makes a plan; may fail as building the process fails. */
  private interface PlanSource {
    byte[] plan() throws IOException;
  }

  /**
   * Runs a started session's process under berth-exec, its exit file in {@code dir} (null: none, and no
   * directory either), told {@code launched} the launcher's pid.
   */
  private Started launch(ExecSession s, Container c, Path dir, PlanSource plan, java.util.function.LongConsumer launched,
      String startAction) throws IOException {
    ExecProcess process;
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
      process = launcher.start(new ExecLaunch(c.id(), s.id(), dir, plan.plan()), launched);
    } catch (OciRuntimeException e) {
      String message = "OCI runtime exec failed: " + e.runtimeMessage() + ": unknown";
      s.exited(StartErrors.exitCode(s.config().cmd().getFirst(), message, 126));
      deleteTree(dir);
      throw new StartFailure(message);
    } catch (IOException | RuntimeException e) {
      s.exited(126);
      deleteTree(dir);
      throw e;
    }
    s.running(process.pid(), process.launcherPid(), s.config().tty() ? process.terminal() : null);
    containers.event(c, startAction, Map.of("execID", s.id()));
    process.exit().whenComplete((code, failure) -> finish(s, code == null ? -1 : code, dir));
    return new Started(Stdio.of(process.stdio()), process.exit(), process.pid());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (dir != null) {
      AtomicFiles.deleteTree(dir);
    }
  }

  /**
   * Writes session.json while the launcher joins the container, so that a berthd restarted from here on
   * still finds the session (the process's pid is learnt from the launcher then).
   */
  private static void record(ExecSession s, long launcherPid, Path dir) {
    try {
      AtomicFiles.writeVolatile(dir.resolve("session.json"), Json.bytes(s.record(launcherPid)));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "exec " + s.id() + " will not be watched across a restart: " + e.getMessage());
    }
  }

  /** The terminal size of a session with a TTY. */
  public void resize(String execId, int height, int width) throws IOException {
    ExecSession s = get(execId);
    if (!s.isRunning()) {
      throw new BerthException.Conflict("Exec " + execId + " is not running, so it can not be resized.");
    }
    ExecProcess.Terminal terminal = s.terminal();
    if (terminal != null) {
      terminal.resize(height, width);
    }
  }

  /** The ids of a container's sessions that are running (container inspect's ExecIDs), oldest first. */
  public List<String> running(String containerId) {
    return sessions.values().stream()
        .filter(s -> s.containerId().equals(containerId) && s.isRunning())
        .sorted(java.util.Comparator.comparingLong(ExecSession::startedAt))
        .map(ExecSession::id)
        .toList();
  }

  /** Ends the exec launcher's fork server and the collection rounds; running sessions go on. */
  public void close() {
    collector.interrupt();
    launcher.close();
  }

  /** {@code GET /exec/{id}/json}. */
  public Map<String, Object> inspect(String execId) {
    return get(execId).inspect();
  }

  private void finish(ExecSession s, int code, Path dir) {
    s.exited(code);
    containers.store().get(s.containerId()).ifPresent(c ->
        containers.event(c, "exec_die", Map.of("execID", s.id(), "exitCode", Integer.toString(code))));
    try {
      deleteTree(dir);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "removing exec session " + s.id() + ": " + e.getMessage());
    }
  }

  private static void checkRunning(Container c) {
    if (c.state().paused()) {
      throw new BerthException.Conflict("Container " + c.id() + " is paused, unpause the container before exec");
    }
    if (c.state().status().equals("restarting")) {
      throw new BerthException.Conflict("Container " + c.id() + " is restarting, wait until the container is running");
    }
    if (!c.state().running()) {
      throw new BerthException.Conflict("container " + c.id() + " is not running");
    }
  }

  /** Sessions a previous berthd left: record the exit of those that ended, keep watching the others. */
  private void restore() {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue; // the launcher's socket, replaced when it starts
        }
        try {
          ExecSession s = ExecSession.fromRecord(Json.object(Files.readAllBytes(dir.resolve("session.json"))));
          s.markStarted();
          s.running(childOf(s.launcherPid()), s.launcherPid(), null);
          sessions.put(s.id(), s);
          Thread.ofVirtual().start(() -> watch(s, dir));
        } catch (IOException | RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "dropping exec session " + dir + ": " + e.getMessage());
          try {
            AtomicFiles.deleteTree(dir);
          } catch (IOException ignored) {
            // tried
          }
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "reading " + root + ": " + e.getMessage());
    }
  }

  /** The process a launcher started (its only child), or 0 when it has none (any more). */
  static int childOf(long launcherPid) {
    try {
      String children = Files.readString(Path.of("/proc/" + launcherPid + "/task/" + launcherPid + "/children")).strip();
      return children.isEmpty() ? 0 : Integer.parseInt(children.split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Polls the exit file of a session whose frames died with the previous berthd. */
  private void watch(ExecSession s, Path dir) {
    try {
      OptionalInt code;
      while ((code = ExecLauncher.exitCode(ExecLaunch.exitFile(dir), s.launcherPid())).isEmpty()) {
        Thread.sleep(200);
      }
      finish(s, code.getAsInt(), dir);
    } catch (IOException e) {
      finish(s, -1, dir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }
}
