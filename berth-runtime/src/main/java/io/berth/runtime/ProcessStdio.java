package io.berth.runtime;

import java.io.Closeable;
import java.io.IOException;

/**
 * A connection to a process's stdio: a container's (conmon's {@link AttachSocket}) or an exec session's
 * ({@link ExecLauncher}). Output comes as packets naming their stream.
 */
public interface ProcessStdio extends Closeable {
  /** The next piece of output, or null once the process's output has ended. */
  AttachSocket.Packet read() throws IOException;

  /** Bytes for the process's stdin. */
  void write(byte[] bytes, int off, int len) throws IOException;

  /** Ends the process's stdin (end of file for the process). */
  void closeStdin() throws IOException;

  /** Lets go of the process's stdio; the process runs on. */
  @Override
  void close();
}
