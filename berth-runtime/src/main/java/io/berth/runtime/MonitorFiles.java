package io.berth.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where conmon keeps what outlives berthd for one container. All of it survives a berthd crash:
 *
 * <ul>
 *   <li>{@code <exitDir>/<id>}: the exit code as decimal text, written (atomically: temp + rename) by conmon
 *       when the container's init process exits; 128+N when killed by signal N. Absent while running.</li>
 *   <li>{@code <persistDir>/exit}: the same code, beside the container's other files.</li>
 *   <li>{@code <persistDir>/oom}: exists when the kernel OOM-killed a process of the container
 *       (conmon watches the memory cgroup).</li>
 *   <li>{@code <persistDir>/pid}: the container's init pid (written by the runtime at create).</li>
 *   <li>{@code <persistDir>/conmon.pid}: conmon's pid; conmon lives until the container exits and the
 *       exit file is written.</li>
 *   <li>{@code <bundle>/attach}: conmon's attach socket (SOCK_SEQPACKET), while conmon lives.</li>
 *   <li>{@code <bundle>/ctl}, {@code <bundle>/winsz}: conmon's control FIFOs (resize, reopen logs).</li>
 *   <li>the log file (k8s-file format), which conmon appends to.</li>
 * </ul>
 *
 * The id must not contain '.' (conmon's temporary exit files are named {@code <id>.XXXXXX}).
 */
public record MonitorFiles(String id, Path bundle, Path persistDir, Path exitDir) {
  public MonitorFiles {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty() || id.contains("/") || id.contains(".")) {
      throw new IllegalArgumentException("container id unusable as a file name: " + id);
    }
    bundle = bundle.toAbsolutePath();
    persistDir = persistDir.toAbsolutePath();
    exitDir = exitDir.toAbsolutePath();
  }

  public Path exitFile() {
    return exitDir.resolve(id);
  }

  public Path persistExitFile() {
    return persistDir.resolve("exit");
  }

  public Path oomFile() {
    return persistDir.resolve("oom");
  }

  public Path pidFile() {
    return persistDir.resolve("pid");
  }

  public Path conmonPidFile() {
    return persistDir.resolve("conmon.pid");
  }

  public Path attachSocket() {
    return bundle.resolve("attach");
  }

  public Path ctlFifo() {
    return bundle.resolve("ctl");
  }
}
