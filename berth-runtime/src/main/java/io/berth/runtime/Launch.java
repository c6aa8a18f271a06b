package io.berth.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link Conmon#launch} needs to create a container under conmon.
 *
 * @param id         container id (no '.' or '/'); also the runtime's container id
 * @param bundle     the OCI bundle; config.json is already written (process.terminal must equal tty)
 * @param runtime    the runtime and its state directory
 * @param tty        allocate a pseudo-terminal (conmon -t); stdout and stderr are then one stream
 * @param openStdin  give the container a stdin fed from attach connections (conmon -i)
 * @param stdinOnce  close the container's stdin when the first attach connection that wrote to it
 *                   ends (Docker's StdinOnce); otherwise stdin stays open across attaches
 *                   (conmon --leave-stdin-open)
 * @param logPath    the log file, k8s-file format (see {@link LogReader}); null to keep no log
 * @param logSizeMax bytes after which conmon truncates the log and starts it again; 0 for no limit
 * @param exitDir    directory shared by all containers of a daemon; conmon writes {@code <exitDir>/<id>}
 * @param persistDir per-container directory for pid files and the exit and oom files
 */
public record Launch(String id, Path bundle, OciRuntimeClient runtime, boolean tty, boolean openStdin,
           boolean stdinOnce, Path logPath, long logSizeMax, Path exitDir, Path persistDir) {
  public Launch {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(exitDir, "exitDir");
    Objects.requireNonNull(persistDir, "persistDir");
    if (logSizeMax < 0) {
      throw new IllegalArgumentException("logSizeMax < 0");
    }
  }

  public MonitorFiles files() {
    return new MonitorFiles(id, bundle, persistDir, exitDir);
  }
}
