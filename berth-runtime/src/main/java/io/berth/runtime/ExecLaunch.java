package io.berth.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ExecLauncher#start} needs to run one more process in a running container.
 *
 * @param containerId the container's id
 * @param execId      the exec session's id
 * @param dir         the session's own directory, where berth-exec writes the exit code as {@code exit}
 * @param plan        what the process joins and is; it goes to berth-exec in the session frame
 */
public record ExecLaunch(String containerId, String execId, Path dir, ExecPlan plan) {
  public ExecLaunch {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(execId, "execId");
    Objects.requireNonNull(plan, "plan");
    dir = dir.toAbsolutePath();
  }

  public Path exitFile() {
    return exitFile(dir);
  }

  public static Path exitFile(Path dir) {
    return dir.resolve("exit");
  }
}
