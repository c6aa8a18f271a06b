package io.berth.runtime;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An exec session running under its conmon.
 *
 * @param pid       the exec'd process (host pid namespace)
 * @param conmonPid its monitor, which exits after writing the exit files
 * @param attach    the connection to the process's stdio, when asked for at start (close it when done)
 * @param exit      completes with the exit code (128+N after signal N) once conmon reports it; read from
 *                  the sync pipe, else from the exit files if berthd lost the pipe
 */
public record ExecProcess(int pid, int conmonPid, MonitorFiles files, Optional<AttachSocket> attach,
                          CompletableFuture<Integer> exit) {
}
