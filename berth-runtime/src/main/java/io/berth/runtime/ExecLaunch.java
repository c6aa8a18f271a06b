package io.berth.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ExecLauncher#start} needs to run one more process in a running container.
 *
 * @param containerId the container's id
 * @param execId      the exec session's id
 * @param dir         the session's own directory, where berth-exec writes the exit code as {@code exit}; null
 *                    for a session that nobody watches across a berthd restart (a health probe): no file then
 * @param plan        what the process joins and is ({@link ExecPlan#bytes}); it goes to berth-exec in the
 *                    session frame. Not copied: a caller that starts the same process again may pass it again
 */
public record ExecLaunch(String containerId, String execId, Path dir, byte[] plan) {
  public ExecLaunch {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(execId, "execId");
    Objects.requireNonNull(plan, "plan");
    dir = dir == null ? null : dir.toAbsolutePath();
  }

  public ExecLaunch(String containerId, String execId, Path dir, ExecPlan plan) {
    this(containerId, execId, dir, plan.bytes());
  }

  /** Where berth-exec writes the exit code, or null when it writes none. */
  public Path exitFile() {
    return dir == null ? null : exitFile(dir);
  }

  public static Path exitFile(Path dir) {
    return dir.resolve("exit");
  }
}
