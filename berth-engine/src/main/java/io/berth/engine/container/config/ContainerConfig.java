package io.berth.engine.container.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;
import java.util.Map;

/**
 * A container's Config as the Engine API has it (moby's {@code container.Config}, fields in its order;
 * {@code omitempty} ones left out when unset). Images carry the same shape in their config's {@code config}.
 * Lists and maps are null when not given, as Docker reports them.
 */
public record ContainerConfig(
    String hostname,
    String domainname,
    String user,
    boolean attachStdin,
    boolean attachStdout,
    boolean attachStderr,
    @JsonInclude(Include.NON_EMPTY) StringSet exposedPorts,
    boolean tty,
    boolean openStdin,
    boolean stdinOnce,
    List<String> env,
    List<String> cmd,
    @JsonInclude(Include.NON_NULL) HealthConfig healthcheck,
    @JsonInclude(Include.NON_DEFAULT) boolean argsEscaped,
    String image,
    StringSet volumes,
    String workingDir,
    List<String> entrypoint,
    @JsonInclude(Include.NON_DEFAULT) boolean networkDisabled,
    @JsonInclude(Include.NON_EMPTY) String macAddress,
    List<String> onBuild,
    Map<String, String> labels,
    @JsonInclude(Include.NON_EMPTY) String stopSignal,
    @JsonInclude(Include.NON_NULL) Integer stopTimeout,
    @JsonInclude(Include.NON_EMPTY) List<String> shell) {

  public ContainerConfig {
    hostname = orEmpty(hostname);
    domainname = orEmpty(domainname);
    user = orEmpty(user);
    image = orEmpty(image);
    workingDir = orEmpty(workingDir);
    macAddress = orEmpty(macAddress);
    stopSignal = orEmpty(stopSignal);
    env = copy(env);
    cmd = copy(cmd);
    entrypoint = copy(entrypoint);
    onBuild = copy(onBuild);
    shell = copy(shell);
    labels = ConfigCodec.copy(labels);
  }

  /** An empty Config, as a create request without any field decodes. */
  public static ContainerConfig empty() {
    return new Builder().build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Entrypoint then Cmd: the process to run. */
  public List<String> command() {
    List<String> command = new java.util.ArrayList<>(orEmpty(entrypoint));
    command.addAll(orEmpty(cmd));
    return command;
  }

  /** The labels, never null. */
  public Map<String, String> labelMap() {
    return labels == null ? Map.of() : labels;
  }

  /** The environment, never null. */
  public List<String> envList() {
    return orEmpty(env);
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }

  static <T> List<T> copy(List<T> l) {
    return l == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(l));
  }

  /** For the few places that derive one Config from another (create's merge with the image, commit). */
  public static final class Builder {
    public String hostname;
    public String domainname;
    public String user;
    public boolean attachStdin;
    public boolean attachStdout;
    public boolean attachStderr;
    public StringSet exposedPorts;
    public boolean tty;
    public boolean openStdin;
    public boolean stdinOnce;
    public List<String> env;
    public List<String> cmd;
    public HealthConfig healthcheck;
    public boolean argsEscaped;
    public String image;
    public StringSet volumes;
    public String workingDir;
    public List<String> entrypoint;
    public boolean networkDisabled;
    public String macAddress;
    public List<String> onBuild;
    public Map<String, String> labels;
    public String stopSignal;
    public Integer stopTimeout;
    public List<String> shell;

    public Builder() {}

    Builder(ContainerConfig c) {
      hostname = c.hostname;
      domainname = c.domainname;
      user = c.user;
      attachStdin = c.attachStdin;
      attachStdout = c.attachStdout;
      attachStderr = c.attachStderr;
      exposedPorts = c.exposedPorts;
      tty = c.tty;
      openStdin = c.openStdin;
      stdinOnce = c.stdinOnce;
      env = c.env;
      cmd = c.cmd;
      healthcheck = c.healthcheck;
      argsEscaped = c.argsEscaped;
      image = c.image;
      volumes = c.volumes;
      workingDir = c.workingDir;
      entrypoint = c.entrypoint;
      networkDisabled = c.networkDisabled;
      macAddress = c.macAddress;
      onBuild = c.onBuild;
      labels = c.labels;
      stopSignal = c.stopSignal;
      stopTimeout = c.stopTimeout;
      shell = c.shell;
    }

    public ContainerConfig build() {
      return new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout, attachStderr, exposedPorts,
          tty, openStdin, stdinOnce, env, cmd, healthcheck, argsEscaped, image, volumes, workingDir, entrypoint,
          networkDisabled, macAddress, onBuild, labels, stopSignal, stopTimeout, shell);
    }
  }
}
