package io.berth.engine.container;

import io.berth.common.AtomicFiles;
import io.berth.common.Json;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.image.Images;
import io.berth.oci.ContainerSpec;
import io.berth.oci.OciSpecBuilder;
import io.berth.oci.ResolvedUser;
import io.berth.oci.UserResolver;
import io.berth.runtime.ExecPlan;
import io.berth.runtime.ProcessCgroups;
import io.berth.sys.SeccompBpf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What berth-exec is told to do for an exec ({@link ExecPlan}): the container's OCI process with the session's
 * command, env, user, working dir and privilege, and what it joins in the running container (namespaces,
 * cgroups, seccomp filter). Both are cached per container start, so that a health check's probes, alike every
 * second, cost little.
 */
final class ExecPlans {
  /**
   * The compiled filter in the bundle; its name changes with what SeccompBpf makes, so that a container
   * started under an older berthd gets the current program (2: runc's ENOSYS prelude).
   */
  private static final String SECCOMP_FILE = "seccomp.2.bpf";

  private final ContainerService containers;
  private final Images images;
  private final OciSpecBuilder specs;
  private final Function<Container, Path> bundles; // a running container's OCI bundle (config.json)
  private final Map<String, Joined> joined = new ConcurrentHashMap<>(); // by container id

  ExecPlans(ContainerService containers, Images images, OciSpecBuilder specs, Function<Container, Path> bundles) {
    this.containers = containers;
    this.images = images;
    this.specs = specs;
    this.bundles = bundles;
  }

  /** The plan of a session of {@code c}. */
  byte[] forSession(Container c, ExecConfig config) throws IOException {
    return plan(c, cachedProcessSpec(c, config), config.attachStdin()).bytes();
  }

  /** The plan of a repeated exec: made again only for a new init or a changed passwd or group file. */
  byte[] repeated(Container c, RepeatedExec exec) throws IOException {
    Path etc = images.layers().driver().mountPoint(c.rwLayer()).resolve("etc");
    long pid = c.state().pid();
    long passwd = modified(etc.resolve("passwd"));
    long group = modified(etc.resolve("group"));
    byte[] plan = exec.plan(pid, passwd, group);
    if (plan == null) {
      plan = plan(c, processSpec(c, exec.config()), exec.config().attachStdin()).bytes();
      exec.remember(pid, passwd, group, plan);
    }
    return plan;
  }

  /** Processes built for this start of a container, by session config: a health check's every probe is alike. */
  private final Map<ProcessKey, Map<String, Object>> processes = new ConcurrentHashMap<>();

  private record ProcessKey(String container, java.time.Instant started, ExecConfig config, long passwd,
      long group) {}

  /**
   * The OCI process of a session, built once per container start and session config (resolving the user reads
   * the container's passwd and group files): repeated execs, as a health check's probes, reuse it.
   */
  private Map<String, Object> cachedProcessSpec(Container c, ExecConfig e) throws IOException {
    Path etc = images.layers().driver().mountPoint(c.rwLayer()).resolve("etc");
    ProcessKey key = new ProcessKey(c.id(), c.state().startedAt(), e, modified(etc.resolve("passwd")),
        modified(etc.resolve("group"))); // a user added meanwhile is resolved anew
    Map<String, Object> cached = processes.get(key);
    if (cached != null) {
      return cached;
    }
    if (processes.size() > 512) {
      processes.clear(); // one-off execs would otherwise accumulate; rebuilding is cheap
    }
    Map<String, Object> built = java.util.Collections.unmodifiableMap(processSpec(c, e));
    processes.put(key, built);
    return built;
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  Map<String, Object> processSpec(Container c, ExecConfig e) throws IOException {
    // mounted while the container runs (the caller checked): no read of the mount table per exec
    Path rootfs = images.layers().driver().mountPoint(c.rwLayer());
    ContainerConfig.Builder config = c.config().toBuilder();
    config.entrypoint = null;
    config.cmd = e.cmd();
    config.env = io.berth.oci.Environment.replaceOrAppend(c.config().envList(), e.env());
    config.tty = e.tty();
    if (!e.workingDir().isEmpty()) {
      config.workingDir = e.workingDir();
    }
    String user = e.user().isEmpty() ? c.config().user() : e.user();
    HostConfig.Builder hostConfig = c.hostConfig().toBuilder();
    hostConfig.init = false;
    hostConfig.consoleSize = null;
    hostConfig.privileged = e.privileged() || c.hostConfig().privileged();
    Container execView = new Container(c.id(), c.name(), c.created(), c.path(), c.args(), config.build(),
        hostConfig.build(), c.networkingConfig(), c.image(), c.imageName(), c.rwLayer(), c.initLayer(), c.state(),
        c.restartCount(), c.network(), c.runtime(), c.mountPoints());
    ResolvedUser resolved = UserResolver.resolve(rootfs, user, Lifecycle.orEmpty(c.hostConfig().groupAdd()));
    ContainerSpec spec = SpecMapper.spec(execView, rootfs, containers.containerDir(c.id()), resolved,
        Lifecycle.networkMode(c).equals("host") ? new io.berth.oci.NetworkMode.Host()
            : new io.berth.oci.NetworkMode.Private(), List.of());
    Map<String, Object> process = new LinkedHashMap<>(specs.process(spec));
    if (e.tty() && e.consoleSize().size() == 2 && e.consoleSize().get(0) > 0) {
      process.put("consoleSize", Map.of("height", e.consoleSize().get(0), "width", e.consoleSize().get(1)));
    }
    return process;
  }

  /**
   * The launcher's plan: the process joins the namespaces and cgroups of the container's init and gets the
   * container's seccomp filter, as runc exec does.
   */
  private ExecPlan plan(Container c, Map<String, Object> process, boolean stdin) throws IOException {
    Joined joined = joined(c);
    return new ExecPlan(joined.pid(), joined.namespaces(), joined.cgroups(), process, joined.seccomp(), stdin);
  }

  /**
   * What an exec joins in a running container: read from its bundle and /proc once per container start
   * (the seccomp filter compiled to BPF into the bundle), not once per exec.
   */
  private record Joined(long pid, List<String> namespaces, List<Path> cgroups, Path seccomp) {}

  private Joined joined(Container c) throws IOException {
    long pid = c.state().pid();
    Joined known = joined.get(c.id());
    if (known != null && known.pid() == pid) {
      return known;
    }
    Path bundle = bundles.apply(c);
    Map<String, Object> config = Json.object(Files.readAllBytes(bundle.resolve("config.json")));
    Path bpf = null;
    if (config.get("linux") instanceof Map<?, ?> linux && linux.get("seccomp") instanceof Map<?, ?> seccomp) {
      bpf = bundle.resolve(SECCOMP_FILE);
      if (!Files.exists(bpf)) {
        AtomicFiles.writeVolatile(bpf, SeccompBpf.compile(seccomp));
      }
    }
    Joined fresh = new Joined(pid, ExecPlan.namespaces(config), ProcessCgroups.procsFiles(pid), bpf);
    joined.keySet().removeIf(id -> containers.store().get(id).isEmpty()); // forget removed containers
    joined.put(c.id(), fresh);
    return fresh;
  }
}
