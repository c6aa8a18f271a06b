package io.berth.builder;

import io.berth.common.GoPath;
import io.berth.dockerfile.instructions.CommandLine;
import io.berth.dockerfile.instructions.InlineFile;
import io.berth.dockerfile.instructions.Run;
import io.berth.dockerfile.request.BuildRequest;
import io.berth.engine.container.Container;
import io.berth.engine.container.Stdio;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.container.config.CreateRequest;
import io.berth.engine.container.config.HealthConfig;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.layer.Layer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * RUN, as moby's dispatchRun: the command (the stage's SHELL before a shell-form command; BuildKit's
 * handling of here-documents), the build args in use prefixed as {@code |N K=V} to the command the cache
 * and history see, then a container on the engine's ordinary create, attach, start and wait path, with the
 * request's limits and network; its output streamed, a non-zero exit reported in dockerd's words, and its
 * changes committed as the step's layer.
 */
final class RunStep {
  private final StepServices services;

  RunStep(StepServices services) {
    this.services = services;
  }

  void run(StageState s, Run run, SourceTree context, RunMountPlan.ImageSource images) throws Exception {
    checkFlags(run);
    List<String> cmd = commandLine(s, run.command());
    List<String> buildArgs = s.args.filterAllowed(s.runConfig.envList());
    List<String> saveCmd = buildArgs.isEmpty() ? cmd : prependEnv(s, buildArgs, cmd);
    ContainerConfig.Builder pb = s.edit();
    pb.cmd = saveCmd;
    pb.argsEscaped = false;
    if (!saveCmd.isEmpty()) {
      pb.entrypoint = null;
    }
    ContainerConfig probe = pb.build();
    String extra = String.join("\n", run.mountSpecs()) + "\nnetwork=" + run.network() + heredocKey(run.command());
    if (services.committer().probe(s, probe, extra)) {
      return;
    }
    try (RunMountPlan plan = RunMountPlan.prepare(run.mounts(), services, context, images,
        s.runConfig.workingDir(), String.join(" ", saveCmd))) {
      List<String> runCmd = scriptCommand(s, run.command(), cmd, plan);
      ContainerConfig.Builder rb = s.edit();
      rb.cmd = runCmd;
      rb.argsEscaped = false;
      List<String> env = new ArrayList<>(s.runConfig.envList());
      env.addAll(buildArgs);
      rb.env = env;
      if (!saveCmd.isEmpty()) {
        rb.entrypoint = List.of("");
      }
      rb.healthcheck = new HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0);
      if (s.image == null) {
        throw new BuildException("Please provide a source image with `from` prior to run");
      }
      rb.image = s.image.id().hex();
      Layer layer = runContainer(s, rb.build(), hostConfig(run.network()), plan, cmd);
      services.committer().commit(s, probe, layer, extra);
    }
  }

  private Layer runContainer(StageState s, ContainerConfig config, HostConfig hostConfig, RunMountPlan plan,
      List<String> cmd) throws Exception {
    Container c = services.engine().containers().create(null, new CreateRequest(config, hostConfig, null));
    services.containers().add(c.id());
    boolean keep = !services.request().remove();
    try {
      s.out.stdout(" ---> Running in " + c.id().substring(0, 12) + "\n");
      services.engine().lifecycle().addToRuns(c.id(), plan.mounts(), plan.env());
      int code = runAndWait(s, c.id());
      if (code != 0) {
        keep = !services.request().forceRemove();
        throw new BuildException("The command '" + String.join(" ", config.cmd()) + "' returned a non-zero code: "
            + code, code);
      }
      MountStubs.remove(services.images(), s.image, services.engine().driver().diffDir(c.rwLayer()), plan.targets());
      Layer layer = services.engine().driver().diffDirHoldsChangesOnly()
          && ScratchLayer.isEmpty(services.engine().driver().diffDir(c.rwLayer())) ? null
          : services.snapshots().changesAsLayer(c.id(), topChain(s), services.lease());
      return layer == null || layer.diffId().equals(ScratchLayer.EMPTY_TAR) ? null : layer;
    } catch (BuildException e) {
      throw e;
    } catch (Exception e) {
      keep = false;
      throw e;
    } finally {
      if (s.cancellation.cancelled()) {
        keep = false;
      }
      if (!keep) {
        try {
          services.engine().lifecycle().remove(c.id(), true);
          s.out.stdout(" ---> Removed intermediate container " + c.id().substring(0, 12) + "\n");
        } catch (IOException | RuntimeException e) {
          s.out.stdout("Removing intermediate container " + c.id().substring(0, 12) + ": " + e.getMessage() + "\n");
        }
      }
      services.containers().done(c.id());
    }
  }

  private io.berth.common.Digest topChain(StageState s) {
    List<io.berth.common.Digest> chain = services.images().chain(s.image);
    return chain.isEmpty() ? null : chain.getLast();
  }

  /** Attach, start, stream the output, wait: the classic builder's containerManager.Run. */
  private int runAndWait(StageState s, String id) throws Exception {
    Stdio stdio;
    var attach = services.engine().lifecycle().attach(id);
    var lifecycle = services.engine().lifecycle();
    try (AutoCloseable onCancel = s.cancellation.onCancel(() -> {
      try {
        lifecycle.kill(id, "SIGKILL");
      } catch (IOException | RuntimeException e) {
        // not running
      }
    })) {
      lifecycle.start(id);
      stdio = attach.get();
      try (stdio) {
        for (Stdio.Output o = stdio.read(); o != null; o = stdio.read()) {
          String text = new String(o.data(), StandardCharsets.UTF_8);
          if (o.stderr()) {
            s.out.stderr(text);
          } else {
            s.out.stdout(text);
          }
        }
      }
      int code = lifecycle.waitFor(id, "not-running").get();
      s.cancellation.check();
      return code;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
  }

  /** The HostConfig of RUN containers (hostConfigFromOptions): the request's limits and network, no log. */
  private HostConfig hostConfig(String stepNetwork) {
    BuildRequest r = services.request();
    BuildRequest.Resources res = r.resources();
    Map<String, Object> hc = new LinkedHashMap<>();
    String network = stepNetwork.isEmpty() || stepNetwork.equals("default") ? r.networkMode() : stepNetwork;
    hc.put("NetworkMode", network.isEmpty() || network.equals("default") ? "default" : network);
    hc.put("LogConfig", Map.of("Type", "none", "Config", Map.of()));
    hc.put("ExtraHosts", r.extraHosts().isEmpty() ? null : r.extraHosts());
    hc.put("ShmSize", r.shmSize());
    hc.put("Memory", res.memory());
    hc.put("MemorySwap", res.memorySwap());
    hc.put("CpuShares", res.cpuShares());
    hc.put("CpusetCpus", res.cpusetCpus());
    hc.put("CpusetMems", res.cpusetMems());
    hc.put("CpuPeriod", res.cpuPeriod());
    hc.put("CpuQuota", res.cpuQuota());
    hc.put("CgroupParent", res.cgroupParent());
    List<Map<String, Object>> ulimits = new ArrayList<>();
    for (BuildRequest.Ulimit u : r.ulimits()) {
      ulimits.add(Map.of("Name", u.name(), "Soft", u.soft(), "Hard", u.hard()));
    }
    hc.put("Ulimits", ulimits.isEmpty() ? null : ulimits);
    return ConfigCodec.fromMap(hc, HostConfig.class);
  }

  /** The flags of RUN berth runs (mount, network); the rest refused as the classic builder refuses flags. */
  private static void checkFlags(Run run) {
    for (String flag : run.flagsUsed()) {
      switch (flag) {
        case "mount", "network" -> { }
        case "security" -> {
          if (!run.security().equals("sandbox")) {
            throw new BuildException("security.insecure is not allowed");
          }
        }
        default -> throw new BuildException("the --" + flag + " option requires BuildKit. Refer to "
            + "https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled");
      }
    }
    String network = run.network();
    if (!network.isEmpty() && !List.of("default", "none", "host").contains(network)) {
      throw new BuildException("unsupported network mode: " + network);
    }
  }

  /** resolveCmdLine, with BuildKit's reading of here-documents. */
  static List<String> commandLine(StageState s, CommandLine line) {
    List<String> args = line.args();
    if (args == null) {
      return null; // ENTRYPOINT []: none, not an empty one (and no shell before it)
    }
    if (!line.files().isEmpty() && line.prependShell() && args.size() == 1) {
      InlineFile first = line.files().getFirst();
      if (args.getFirst().strip().matches("<<-?[\"']?" + java.util.regex.Pattern.quote(first.name()) + "[\"']?")) {
        if (!first.data().startsWith("#!")) {
          args = List.of(chomp(first));
        }
      } else {
        StringBuilder full = new StringBuilder(args.getFirst());
        for (InlineFile f : line.files()) {
          full.append('\n').append(f.data()).append(f.name());
        }
        args = List.of(full.toString());
      }
    }
    if (!line.prependShell()) {
      return args;
    }
    List<String> out = new ArrayList<>(s.shell());
    out.addAll(args);
    return out;
  }

  /** A lone here-document starting with a shebang runs as a script mounted at /dev/pipes/NAME. */
  private List<String> scriptCommand(StageState s, CommandLine line, List<String> cmd, RunMountPlan plan)
      throws IOException {
    if (line.files().size() == 1 && line.prependShell() && line.args().size() == 1
        && line.files().getFirst().data().startsWith("#!") && !cmd.getLast().contains("\n")) {
      InlineFile f = line.files().getFirst();
      return List.of(plan.addScript(GoPath.base(f.name()), chomp(f), services.tmp()));
    }
    return cmd;
  }

  private static String heredocKey(CommandLine line) {
    StringBuilder b = new StringBuilder();
    for (InlineFile f : line.files()) {
      b.append('\n').append(f.name()).append('\n').append(f.data());
    }
    return b.toString();
  }

  private static String chomp(InlineFile f) {
    if (!f.chomp()) {
      return f.data();
    }
    StringBuilder out = new StringBuilder();
    for (String l : f.data().split("\n", -1)) {
      out.append(l.replaceFirst("^\t+", "")).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  /** prependEnvOnCmd: {@code |N K=V ...} before the command, the args sorted, unreferenced proxies left out. */
  static List<String> prependEnv(StageState s, List<String> buildArgs, List<String> cmd) {
    List<String> vars = new ArrayList<>();
    for (String env : buildArgs) {
      String key = env.contains("=") ? env.substring(0, env.indexOf('=')) : env;
      if (s.args.isReferencedOrNotBuiltin(key)) {
        vars.add(env);
      }
    }
    Collections.sort(vars);
    List<String> out = new ArrayList<>();
    out.add("|" + vars.size());
    out.addAll(vars);
    out.addAll(cmd);
    return out;
  }
}
