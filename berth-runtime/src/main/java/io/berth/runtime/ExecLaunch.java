package io.berth.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ExecLauncher#start} needs to run one more process in a running container.
 *
 * @param containerId the container's id
 * @param execId      the exec session's id
 * @param dir         the session's own directory: the {@link ExecPlan} is already written there as {@code plan};
 *                    berth-exec writes the exit code there as {@code exit}
 */
public record ExecLaunch(String containerId, String execId, Path dir) {
    public ExecLaunch {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(execId, "execId");
        dir = dir.toAbsolutePath();
    }

    public Path plan() {
        return dir.resolve("plan");
    }

    public Path exitFile() {
        return exitFile(dir);
    }

    public static Path exitFile(Path dir) {
        return dir.resolve("exit");
    }
}
