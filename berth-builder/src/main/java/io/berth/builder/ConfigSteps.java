package io.berth.builder;

import io.berth.common.GoTime;
import io.berth.dockerfile.instructions.Cmd;
import io.berth.dockerfile.instructions.Entrypoint;
import io.berth.dockerfile.instructions.Env;
import io.berth.dockerfile.instructions.Expose;
import io.berth.dockerfile.instructions.HealthConfig;
import io.berth.dockerfile.instructions.Healthcheck;
import io.berth.dockerfile.instructions.KeyValue;
import io.berth.dockerfile.instructions.Label;
import io.berth.dockerfile.instructions.Shell;
import io.berth.dockerfile.instructions.StopSignal;
import io.berth.dockerfile.instructions.Volume;
import io.berth.dockerfile.text.GoText;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.container.config.StringSet;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The instructions that only change the image's runtime config, as moby's dispatchers change it, each
 * committed as an image without a layer under the comment dockerd records ({@code ENV A=1},
 * {@code CMD ["/bin/sh" "-c" "x"]}, ...). None of them needs a container.
 */
final class ConfigSteps {
  private final StepCommitter committer;

  ConfigSteps(StepCommitter committer) {
    this.committer = committer;
  }

  void env(StageState s, Env env) throws IOException {
    ContainerConfig.Builder b = s.edit();
    List<String> vars = new ArrayList<>(s.runConfig.envList());
    StringBuilder comment = new StringBuilder("ENV");
    for (KeyValue kv : env.pairs()) {
      String newVar = kv.toString();
      comment.append(' ').append(newVar);
      boolean replaced = false;
      for (int i = 0; i < vars.size(); i++) {
        String name = vars.get(i).contains("=") ? vars.get(i).substring(0, vars.get(i).indexOf('=')) : vars.get(i);
        if (name.equals(kv.key())) {
          vars.set(i, newVar);
          replaced = true;
          break;
        }
      }
      if (!replaced) {
        vars.add(newVar);
      }
    }
    b.env = vars;
    s.runConfig = b.build();
    committer.commitConfig(s, comment.toString());
  }

  void label(StageState s, Label label) throws IOException {
    ContainerConfig.Builder b = s.edit();
    Map<String, String> labels = new LinkedHashMap<>(s.runConfig.labelMap());
    StringBuilder comment = new StringBuilder("LABEL");
    for (KeyValue kv : label.labels()) {
      labels.put(kv.key(), kv.value());
      comment.append(' ').append(kv);
    }
    b.labels = labels;
    s.runConfig = b.build();
    committer.commitConfig(s, comment.toString());
  }

  void maintainer(StageState s, String maintainer) throws IOException {
    s.maintainer = maintainer;
    committer.commitConfig(s, "MAINTAINER " + maintainer);
  }

  void onbuild(StageState s, String expression) throws IOException {
    ContainerConfig.Builder b = s.edit();
    List<String> triggers = new ArrayList<>(s.runConfig.onBuild() == null ? List.of() : s.runConfig.onBuild());
    triggers.add(expression);
    b.onBuild = triggers;
    s.runConfig = b.build();
    committer.commitConfig(s, "ONBUILD " + expression);
  }

  void cmd(StageState s, Cmd cmd) throws IOException {
    List<String> line = RunStep.commandLine(s, cmd.command());
    ContainerConfig.Builder b = s.edit();
    b.cmd = line;
    b.argsEscaped = false;
    s.runConfig = b.build();
    committer.commitConfig(s, "CMD " + GoText.quoteList(line));
    if (!cmd.command().args().isEmpty()) {
      s.cmdSet = true;
    }
  }

  void entrypoint(StageState s, Entrypoint entrypoint) throws IOException {
    List<String> line = RunStep.commandLine(s, entrypoint.command());
    ContainerConfig.Builder b = s.edit();
    b.entrypoint = line;
    b.argsEscaped = false;
    if (!s.cmdSet) {
      b.cmd = null;
    }
    s.runConfig = b.build();
    committer.commitConfig(s, "ENTRYPOINT " + GoText.quoteList(line));
  }

  void healthcheck(StageState s, Healthcheck healthcheck) throws IOException {
    var old = s.runConfig.healthcheck();
    if (old != null && old.test() != null && !old.test().isEmpty() && !old.test().getFirst().equals("NONE")) {
      s.out.stdout("Note: overriding previous HEALTHCHECK: [" + String.join(" ", old.test()) + "]\n");
    }
    HealthConfig h = healthcheck.health();
    ContainerConfig.Builder b = s.edit();
    b.healthcheck = new io.berth.engine.container.config.HealthConfig(h.test(), h.interval().toNanos(),
        h.timeout().toNanos(), h.startPeriod().toNanos(), h.startInterval().toNanos(), h.retries());
    s.runConfig = b.build();
    committer.commitConfig(s, "HEALTHCHECK &{Test:[" + String.join(" ", h.test()) + "] Interval:"
        + duration(h.interval()) + " Timeout:" + duration(h.timeout()) + " StartPeriod:" + duration(h.startPeriod())
        + " StartInterval:" + duration(h.startInterval()) + " Retries:" + h.retries() + "}");
  }

  private static String duration(Duration d) {
    return GoTime.durationString(d);
  }

  void expose(StageState s, Expose expose) throws IOException {
    TreeSet<String> ports = new TreeSet<>(s.runConfig.exposedPorts() == null ? List.of()
        : s.runConfig.exposedPorts().values());
    for (String p : expose.ports()) {
      ports.addAll(PortSpecs.parse(p));
    }
    ContainerConfig.Builder b = s.edit();
    b.exposedPorts = StringSet.of(ports);
    s.runConfig = b.build();
    committer.commitConfig(s, "EXPOSE " + String.join(" ", expose.ports()));
  }

  void user(StageState s, String user) throws IOException {
    ContainerConfig.Builder b = s.edit();
    b.user = user;
    s.runConfig = b.build();
    committer.commitConfig(s, "USER " + user);
  }

  void volume(StageState s, Volume volume) throws IOException {
    TreeSet<String> volumes = new TreeSet<>(s.runConfig.volumes() == null ? List.of() : s.runConfig.volumes().values());
    for (String v : volume.volumes()) {
      if (v.isEmpty()) {
        throw new BuildException("VOLUME specified can not be an empty string");
      }
      volumes.add(v);
    }
    ContainerConfig.Builder b = s.edit();
    b.volumes = StringSet.of(volumes);
    s.runConfig = b.build();
    committer.commitConfig(s, "VOLUME [" + String.join(" ", volume.volumes()) + "]");
  }

  void stopSignal(StageState s, StopSignal signal) throws IOException {
    Signals.check(signal.signal());
    ContainerConfig.Builder b = s.edit();
    b.stopSignal = signal.signal();
    s.runConfig = b.build();
    committer.commitConfig(s, "STOPSIGNAL " + signal.signal());
  }

  void shell(StageState s, Shell shell) throws IOException {
    ContainerConfig.Builder b = s.edit();
    b.shell = shell.shell();
    s.runConfig = b.build();
    committer.commitConfig(s, "SHELL [" + String.join(" ", shell.shell()) + "]");
  }

  void arg(StageState s, String commitText) throws IOException {
    committer.commitConfig(s, commitText);
  }

  /** moby/sys/signal.ParseSignal, as STOPSIGNAL checks its argument. */
  static final class Signals {
    private static final List<String> NAMES = List.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP",
        "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS",
        "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ");

    private Signals() {}

    static void check(String signal) {
      if (signal.matches("[0-9]+")) {
        long n = Long.parseLong(signal.length() > 9 ? "0" : signal);
        if (n == 0 || signal.length() > 9) {
          throw new BuildException("Invalid signal: " + signal);
        }
        return;
      }
      String name = signal.toUpperCase(Locale.ROOT);
      name = name.startsWith("SIG") ? name.substring(3) : name;
      if (NAMES.contains(name) || name.matches("RTMIN(\\+([1-9]|1[0-5]))?|RTMAX(-([1-9]|1[0-4]))?")) {
        return;
      }
      throw new BuildException("Invalid signal: " + signal);
    }
  }
}
