package io.berth.engine.container;

import io.berth.runtime.ExecProcess;

import java.util.LinkedHashMap;
import java.util.Map;

/** One exec session: created, then running (pid), then exited (exit code). Thread-safe. */
public final class ExecSession {
  private final String id;
  private final String containerId;
  private final ExecConfig config;
  private boolean started;
  private long startedAt; // System.nanoTime() at start, for ordering
  private boolean running;
  private Integer exitCode;
  private boolean canRemove; // marked by a collection round: dropped at the next one
  private int pid;
  private long launcherPid;
  private ExecProcess.Terminal terminal; // null after a berthd restart: the session's stdio is gone

  ExecSession(String id, String containerId, ExecConfig config) {
    this.id = id;
    this.containerId = containerId;
    this.config = config;
  }

  public String id() {
    return id;
  }

  public String containerId() {
    return containerId;
  }

  public ExecConfig config() {
    return config;
  }

  /** False when the session was started before (a session runs once). */
  synchronized boolean markStarted() {
    if (started) {
      return false;
    }
    started = true;
    startedAt = System.nanoTime();
    return true;
  }

  synchronized void running(int newPid, long newLauncherPid, ExecProcess.Terminal newTerminal) {
    pid = newPid;
    launcherPid = newLauncherPid;
    terminal = newTerminal;
    running = exitCode == null;
  }

  synchronized void exited(int code) {
    running = false;
    exitCode = code;
  }

  synchronized long startedAt() {
    return startedAt;
  }

  public synchronized boolean isRunning() {
    return running;
  }

  /** Over (ended) or orphaned (its container gone), as a collection round sees it: removable from now on. */
  synchronized void markRemovable() {
    canRemove = true;
  }

  synchronized boolean canRemove() {
    return canRemove;
  }

  /** The exit code once the session ended, else null. */
  public synchronized Integer exitCode() {
    return exitCode;
  }

  synchronized long launcherPid() {
    return launcherPid;
  }

  synchronized ExecProcess.Terminal terminal() {
    return terminal;
  }

  /** {@code GET /exec/{id}/json}, in dockerd's shape. */
  public synchronized Map<String, Object> inspect() {
    Map<String, Object> process = new LinkedHashMap<>();
    process.put("tty", config.tty());
    process.put("entrypoint", config.cmd().isEmpty() ? "" : config.cmd().getFirst());
    process.put("arguments", config.cmd().size() > 1 ? config.cmd().subList(1, config.cmd().size()) : java.util.List.of());
    process.put("privileged", config.privileged());
    if (!config.user().isEmpty()) {
      process.put("user", config.user());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", id);
    m.put("Running", running);
    m.put("ExitCode", exitCode);
    m.put("ProcessConfig", process);
    m.put("OpenStdin", config.attachStdin());
    m.put("OpenStderr", config.attachStderr());
    m.put("OpenStdout", config.attachStdout());
    m.put("CanRemove", canRemove);
    m.put("ContainerID", containerId);
    m.put("DetachKeys", config.detachKeys());
    m.put("Pid", pid);
    return m;
  }

  /**
   * What session.json holds, so that a restarted berthd can watch a session still running: written as
   * its launcher starts the process, before its pid is known.
   */
  Map<String, Object> record(long launcher) {
    return Map.of("ID", id, "ContainerID", containerId, "LauncherPid", launcher, "Config", config.toMap());
  }

  @SuppressWarnings("unchecked")
  static ExecSession fromRecord(Map<String, Object> m) {
    ExecSession s = new ExecSession((String) m.get("ID"), (String) m.get("ContainerID"),
        ExecConfig.from((Map<String, Object>) m.get("Config")));
    s.launcherPid = m.get("LauncherPid") instanceof Number n ? n.longValue() : 0;
    return s;
  }
}
