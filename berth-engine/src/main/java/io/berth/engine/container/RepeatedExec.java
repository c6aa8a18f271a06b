package io.berth.engine.container;

import java.util.List;

/**
 * An exec run again and again with one config during one start of a container: a health check's probes.
 * What every run would otherwise rebuild is made once: the events' actions, and the plan berth-exec gets
 * (the OCI process joined to the container), kept while the container's init and its user database stay
 * the same. Its runs leave nothing on disk: a probe that a berthd restart interrupts is simply run again.
 * Used by one monitor thread at a time.
 */
public final class RepeatedExec {
  private final String containerId;
  private final ExecConfig config;
  private final String createAction;
  private final String startAction;
  private long pid;
  private long passwdModified;
  private long groupModified;
  private byte[] plan;

  RepeatedExec(String containerId, ExecConfig config) {
    this.containerId = containerId;
    this.config = config;
    this.createAction = "exec_create: " + commandLine(config.cmd());
    this.startAction = "exec_start: " + commandLine(config.cmd());
  }

  /** dockerd's event text: the entrypoint, a space, the arguments joined (so "true " for a bare command). */
  static String commandLine(List<String> cmd) {
    return cmd.getFirst() + " " + String.join(" ", cmd.subList(1, cmd.size()));
  }

  String containerId() {
    return containerId;
  }

  ExecConfig config() {
    return config;
  }

  String createAction() {
    return createAction;
  }

  String startAction() {
    return startAction;
  }

  /** The plan made for this init and these passwd and group files' times, or null when any changed. */
  byte[] plan(long initPid, long passwd, long group) {
    return plan != null && pid == initPid && passwdModified == passwd && groupModified == group ? plan : null;
  }

  void remember(long initPid, long passwd, long group, byte[] encoded) {
    pid = initPid;
    passwdModified = passwd;
    groupModified = group;
    plan = encoded;
  }
}
