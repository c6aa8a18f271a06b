package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.common.Json;
import io.berth.engine.fs.AtomicFiles;
import io.berth.engine.image.Images;
import io.berth.oci.ContainerSpec;
import io.berth.oci.OciSpecBuilder;
import io.berth.oci.ResolvedUser;
import io.berth.oci.UserResolver;
import io.berth.runtime.Conmon;
import io.berth.runtime.ExecLaunch;
import io.berth.runtime.ExecMonitor;
import io.berth.runtime.ExecProcess;
import io.berth.runtime.MonitorFiles;
import io.berth.runtime.ExecPlan;
import io.berth.runtime.OciRuntimeException;
import io.berth.runtime.ProcessCgroups;
import io.berth.sys.SeccompBpf;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@code docker exec}: more processes in a running container. Each session runs under its own conmon
 * ({@link ExecMonitor}) in {@code <exec-root>/exec/<exec id>/}, joining every namespace and the cgroup of
 * the container: berth-exec does that from an {@link ExecPlan}, as runc exec would, in a fraction of its time. The process is the container's, rebuilt by berth-oci
 * from the container's config with the session's command, env, user, working dir and privilege.
 *
 * <p>Sessions live in memory, as in dockerd; each also writes {@code session.json} beside conmon's
 * files, so that after a berthd restart a session still running keeps being watched and its exit code
 * is recorded (its stdio, not being attached any more, is lost).
 */
public final class ExecService {
  private static final System.Logger LOG = System.getLogger(ExecService.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ContainerService containers;
  private final Images images;
  private final OciSpecBuilder specs;
  private final Conmon conmon;
  private final Path launcher;
  private final Function<String, Path> bundles; // container id -> its OCI bundle (config.json)
  private final Path root;
  private final Map<String, ExecSession> sessions = new ConcurrentHashMap<>();

  public ExecService(ContainerService containers, Images images, OciSpecBuilder specs, Conmon conmon,
      Path launcher, Function<String, Path> bundles, Path execRoot) {
    this.containers = containers;
    this.images = images;
    this.specs = specs;
    this.conmon = conmon;
    this.launcher = launcher;
    this.bundles = bundles;
    this.root = execRoot.resolve("exec");
    restore();
  }

  /** {@code POST /containers/{id}/exec}: checks the container runs and records the session. */
  public ExecSession create(String idOrName, Map<String, Object> body) {
    Container c = containers.find(idOrName);
    checkRunning(c);
    ExecConfig config = ExecConfig.from(body);
    if (config.cmd().isEmpty()) {
      throw new BerthException.InvalidParameter("No exec command specified");
    }
    String id = HexFormat.of().formatHex(randomBytes());
    ExecSession session = new ExecSession(id, c.id(), config);
    sessions.put(id, session);
    containers.event(c, "exec_create: " + String.join(" ", config.cmd()), Map.of("execID", id));
    return session;
  }

  public ExecSession get(String execId) {
    ExecSession s = sessions.get(execId);
    if (s == null) {
      throw new BerthException.NotFound("No such exec instance: " + execId);
    }
    return s;
  }

  /**
   * {@code POST /exec/{id}/start}: runs the process. With attach the returned process holds the connection
   * to its stdio, made before it ran. A process that cannot be started ends the session with 126 (127 when
   * the executable does not exist) and raises OciRuntimeException with Docker's wording in its message.
   */
  public ExecProcess start(String execId, boolean attach) throws IOException {
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
    ExecProcess process;
    try {
      AtomicFiles.deleteTree(dir);
      Files.createDirectories(dir);
      ExecLaunch launch = new ExecLaunch(c.id(), execId, dir, launcher, s.config().tty(), s.config().attachStdin());
      Files.write(launch.plan(), plan(c, processSpec(c, s.config())).bytes());
      process = new ExecMonitor(conmon).start(launch, attach);
    } catch (OciRuntimeException e) {
      String message = "OCI runtime exec failed: " + e.runtimeMessage() + ": unknown";
      s.exited(StartErrors.exitCode(s.config().cmd().getFirst(), message, 126));
      AtomicFiles.deleteTree(dir);
      throw new OciRuntimeException(e.command(), e.exitCode(), message);
    } catch (IOException | RuntimeException e) {
      s.exited(126);
      AtomicFiles.deleteTree(dir);
      throw e;
    }
    s.running(process.pid(), process.files());
    try {
      AtomicFiles.write(dir.resolve("session.json"), Json.bytes(s.record()));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "exec " + execId + " will not be watched across a restart: " + e.getMessage());
    }
    containers.event(c, "exec_start: " + String.join(" ", s.config().cmd()), Map.of("execID", execId));
    process.exit().whenComplete((code, failure) -> finish(s, code == null ? -1 : code, dir));
    return process;
  }

  /** The terminal size of a session with a TTY. */
  public void resize(String execId, int height, int width) throws IOException {
    ExecSession s = get(execId);
    MonitorFiles files = s.files();
    if (files == null || !s.isRunning()) {
      throw new BerthException.Conflict("Exec " + execId + " is not running, so it can not be resized.");
    }
    if (s.config().tty()) {
      Conmon.resize(files, height, width);
    }
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
      AtomicFiles.deleteTree(dir);
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

  /** The OCI process: the container's, with the session's command, env, user, working dir and privilege. */
  Map<String, Object> processSpec(Container c, ExecConfig e) throws IOException {
    Path rootfs = images.layers().driver().mount(c.rwLayer()); // idempotent: mounted while the container runs
    Map<String, Object> config = new LinkedHashMap<>(c.config());
    config.put("Entrypoint", null);
    config.put("Cmd", e.cmd());
    config.put("Env", io.berth.oci.Environment.replaceOrAppend(ContainerConfigs.strings(c.config().get("Env")),
        e.env()));
    config.put("Tty", e.tty());
    if (!e.workingDir().isEmpty()) {
      config.put("WorkingDir", e.workingDir());
    }
    String user = e.user().isEmpty() ? Lifecycle.str(c.config().get("User")) : e.user();
    Map<String, Object> hostConfig = new LinkedHashMap<>(c.hostConfig());
    hostConfig.put("Init", false);
    hostConfig.remove("ConsoleSize");
    hostConfig.put("Privileged", e.privileged() || Boolean.TRUE.equals(c.hostConfig().get("Privileged")));
    Container execView = new Container(c.id(), c.name(), c.created(), c.path(), c.args(), config, hostConfig,
        c.image(), c.imageName(), c.rwLayer(), c.initLayer(), c.state(), c.restartCount(), c.endpoint(), c.runtime());
    ResolvedUser resolved = UserResolver.resolve(rootfs, user,
        ContainerConfigs.strings(c.hostConfig().get("GroupAdd")));
    ContainerSpec spec = SpecMapper.spec(execView, rootfs, containers.containerDir(c.id()), resolved,
        Lifecycle.networkMode(c));
    @SuppressWarnings("unchecked")
    Map<String, Object> process = new LinkedHashMap<>((Map<String, Object>) specs.build(spec).get("process"));
    if (e.tty() && e.consoleSize().size() == 2 && e.consoleSize().get(0) > 0) {
      process.put("consoleSize", Map.of("height", e.consoleSize().get(0), "width", e.consoleSize().get(1)));
    }
    return process;
  }

  /**
   * The launcher's plan: the process joins the namespaces and cgroups of the container's init and gets the
   * container's seccomp filter (compiled once per container start, kept in its bundle), as runc exec does.
   */
  private ExecPlan plan(Container c, Map<String, Object> process) throws IOException {
    Path bundle = bundles.apply(c.id());
    Map<String, Object> config = Json.object(Files.readAllBytes(bundle.resolve("config.json")));
    Path bpf = null;
    if (config.get("linux") instanceof Map<?, ?> linux && linux.get("seccomp") instanceof Map<?, ?> seccomp) {
      bpf = bundle.resolve("seccomp.bpf");
      if (!Files.exists(bpf)) {
        AtomicFiles.write(bpf, SeccompBpf.compile(seccomp));
      }
    }
    long pid = c.state().pid();
    return new ExecPlan(pid, ExecPlan.namespaces(config), ProcessCgroups.procsFiles(pid), process, bpf);
  }

  /** Sessions a previous berthd left: record the exit of those that ended, keep watching the others. */
  private void restore() {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        try {
          ExecSession s = ExecSession.fromRecord(Json.object(Files.readAllBytes(dir.resolve("session.json"))));
          MonitorFiles files = ExecLaunch.files(s.containerId(), dir);
          s.markStarted();
          s.running(s.pid(), files);
          sessions.put(s.id(), s);
          Thread.ofVirtual().start(() -> watch(s, files, dir));
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

  /** Polls the exit files of a session whose sync pipe died with the previous berthd. */
  private void watch(ExecSession s, MonitorFiles files, Path dir) {
    try {
      OptionalInt code;
      while ((code = ExecMonitor.exitCode(files)).isEmpty()) {
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
