package io.berth.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ExecMonitor#start} needs to run one more process in a running container under conmon
 * ({@code conmon -e}: conmon runs {@code <launcher> exec --process <dir>/plan} and holds its stdio).
 *
 * @param containerId the runtime's container id (also conmon's -c: {@link Conmon#isConmonFor} recognises it)
 * @param execId      the exec session's id (conmon's -u)
 * @param dir         the session's own directory: the {@link ExecPlan} is already written there as {@code plan}
 *                    (its terminal must equal tty); conmon puts its attach socket, ctl FIFO, pid files and exit
 *                    files there
 * @param launcher    berth-exec, which conmon runs in place of an OCI runtime's exec
 * @param tty         allocate a pseudo-terminal; stdout and stderr are then one stream
 * @param openStdin   give the process a stdin fed from the attach connection; closing our write side closes it
 */
public record ExecLaunch(String containerId, String execId, Path dir, Path launcher, boolean tty,
                         boolean openStdin) {
    public ExecLaunch {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(execId, "execId");
        Objects.requireNonNull(launcher, "launcher");
        dir = dir.toAbsolutePath();
    }

    public Path plan() {
        return dir.resolve("plan");
    }

    /**
     * conmon's files for this session: attach socket and ctl in dir, pid files and {@code exit} in dir, and
     * the exit file {@code <dir>/exits/<containerId>} (conmon names exit files by container id, hence one
     * exit directory per session).
     */
    public MonitorFiles files() {
        return files(containerId, dir);
    }

    public static MonitorFiles files(String containerId, Path dir) {
        return new MonitorFiles(containerId, dir, dir, dir.resolve("exits"));
    }
}
