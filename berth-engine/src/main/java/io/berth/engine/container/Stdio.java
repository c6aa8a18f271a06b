package io.berth.engine.container;

import io.berth.runtime.AttachSocket;
import io.berth.runtime.ProcessStdio;
import java.io.Closeable;
import java.io.IOException;

/** A connection to a process's stdio (a container's or an exec session's), as the engine offers it. */
public interface Stdio extends Closeable {
  /** A piece of output: from stderr or stdout (stdout also carries a TTY's output). */
  record Output(boolean stderr, byte[] data) {}

  /** The next piece of output, or null once the output has ended. */
  Output read() throws IOException;

  /** Bytes for the process's stdin. */
  void write(byte[] bytes, int off, int len) throws IOException;

  /** End of file for the process's stdin. */
  void closeStdin() throws IOException;

  /** Lets go of the stdio; the process runs on. */
  @Override
  void close();

  static Stdio of(ProcessStdio p) {
    return new Stdio() {
      @Override
      public Output read() throws IOException {
        AttachSocket.Packet packet = p.read();
        return packet == null ? null : new Output(packet.stream() == AttachSocket.STDERR, packet.data());
      }

      @Override
      public void write(byte[] bytes, int off, int len) throws IOException {
        p.write(bytes, off, len);
      }

      @Override
      public void closeStdin() throws IOException {
        p.closeStdin();
      }

      @Override
      public void close() {
        p.close();
      }
    };
  }
}
