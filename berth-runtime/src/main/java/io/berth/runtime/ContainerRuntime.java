package io.berth.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One OCI runtime (runc, crun) with the monitor that holds each container's stdio, log and exit code and
 * outlives berthd: everything the engine asks of the runtime side for a container. The conmon
 * implementation is {@link ConmonRuntime}; tests use a fake. Failures of the runtime itself are
 * {@link OciRuntimeException}s carrying its message.
 */
public interface ContainerRuntime {
  /** The runtime's name, as containers record it (HostConfig.Runtime). */
  String name();

  /**
   * Creates the container from its OCI config under a new monitor: on return its process exists, stopped
   * before the user's program, its stdio held by the monitor. Attach before {@link #start} to see all output.
   * A failure leaves nothing running.
   */
  Created create(CreateSpec spec) throws IOException;

  void start(String id) throws IOException;

  /** Sends a signal to the container's init, or with {@code all} to every process of it. */
  void kill(String id, int signal, boolean all) throws IOException;

  void pause(String id) throws IOException;

  void resume(String id) throws IOException;

  /** New cgroup limits (the {@code linux.resources} shape) for a running container. */
  void update(String id, Map<String, Object> limits) throws IOException;

  /** Removes all the runtime holds of the container (its state, bundle, exit record); quiet when it holds none. */
  void delete(String id) throws IOException;

  /** A connection to the running container's stdio. */
  ProcessStdio attach(String id) throws IOException;

  void resize(String id, int height, int width) throws IOException;

  /** The monitor starts a new log file (after the engine renamed the current one away: rotation). */
  void reopenLog(String id) throws IOException;

  /** After a berthd restart: is the container's monitor alive, did it exit meanwhile, or is it lost. */
  MonitorState monitor(String id) throws IOException;

  /** Whether the container's last exit was an OOM kill. */
  boolean oomKilled(String id);

  /** The container's OCI bundle while it runs (config.json; what exec joins). */
  Path bundle(String id);

  /**
   * What a container is created with.
   *
   * @param config     the OCI runtime spec (config.json)
   * @param logPath    where its output is kept; null to keep none
   * @param logSizeMax bytes after which the monitor truncates the log; 0 for no limit
   */
  record CreateSpec(String id, Map<String, Object> config, boolean tty, boolean openStdin, boolean stdinOnce,
      Path logPath, long logSizeMax) {}

  /** A created container: its init's pid and its monitor's, both in the host's pid namespace. */
  record Created(int pid, int monitorPid) {}
}
