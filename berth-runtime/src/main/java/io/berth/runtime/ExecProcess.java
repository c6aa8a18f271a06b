package io.berth.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * An exec session running under its berth-exec.
 *
 * @param pid         the exec'd process (host pid namespace)
 * @param launcherPid its berth-exec, which exits after writing the exit file
 * @param exitFile    where berth-exec records the exit code (null: nowhere, see {@link ExecLaunch#dir})
 * @param stdio       the process's stdio, held from its first byte of output (close it to let go)
 * @param terminal    the window size of its pseudo-terminal, when it has one
 * @param exit        completes with the exit code (128+N after signal N)
 */
public record ExecProcess(int pid, long launcherPid, Path exitFile, ProcessStdio stdio, Terminal terminal,
              CompletableFuture<Integer> exit) {
  /** A pseudo-terminal's window size. */
  public interface Terminal {
    void resize(int height, int width) throws IOException;
  }
}
