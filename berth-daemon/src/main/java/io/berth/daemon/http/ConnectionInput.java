package io.berth.daemon.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The buffered read side of one connection. Request heads, request bodies and, after a hijack,
 * the raw stream all read through it, so bytes buffered ahead are never lost between them.
 */
final class ConnectionInput extends InputStream {
  private final ReadableByteChannel channel;
  private final ByteBuffer buffer;
  private boolean gathering;
  private boolean drained;

  ConnectionInput(ReadableByteChannel channel, int bufferSize) {
    this.channel = channel;
    this.buffer = ByteBuffer.allocate(bufferSize).flip();
  }

  /** Bytes already read from the channel and not consumed yet. */
  int buffered() {
    return buffer.remaining();
  }

  /**
   * While a streamed (chunked) body is read: after a read that found the socket nearly empty, the next waits
   * a millisecond first. Clients that stream a tar through a pipe (the Docker CLI's build context and
   * docker cp) write it in pieces of a few hundred bytes; reading each as it comes costs a wake-up of the
   * reading thread per piece, thousands per build context, and the CPU they take is the client's on a small
   * machine. The kernel keeps what arrives meanwhile, and a full socket buffer means a full read, so the
   * wait never slows a fast sender.
   */
  void gathering(boolean on) {
    gathering = on;
  }

  private boolean fill() throws IOException {
    if (gathering && drained) {
      pause();
    }
    buffer.clear();
    int n;
    try {
      n = channel.read(buffer);
    } finally {
      buffer.flip();
    }
    drained = n < buffer.capacity() / 2;
    return n > 0;
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the request body");
    }
  }

  @Override
  public int read() throws IOException {
    if (!buffer.hasRemaining() && !fill()) {
      return -1;
    }
    return buffer.get() & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!buffer.hasRemaining()) {
      if (len >= buffer.capacity()) {
        // Large reads go straight into the caller's array.
        int n = channel.read(ByteBuffer.wrap(b, off, len));
        return n <= 0 ? -1 : n;
      }
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, buffer.remaining());
    buffer.get(b, off, n);
    return n;
  }

  @Override
  public int available() {
    return buffer.remaining();
  }

  /**
   * Reads one line ended by LF (a preceding CR is dropped). Returns {@code null} at end of stream
   * before any byte; a line longer than {@code limit} is a {@code 431}.
   */
  String readLine(int limit) throws IOException {
    // most lines (a chunk's size, a header) are in the buffer already: no copy through a second buffer
    int start = buffer.position();
    int scanEnd = Math.min(buffer.limit(), start + limit + 1);
    for (int i = start; i < scanEnd; i++) {
      if (buffer.get(i) == '\n') {
        int end = i > start && buffer.get(i - 1) == '\r' ? i - 1 : i;
        String line = new String(buffer.array(), start, end - start, StandardCharsets.ISO_8859_1);
        buffer.position(i + 1);
        return line;
      }
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      int b = read();
      if (b < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new ProtocolException(400, "unexpected EOF");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= limit) {
        throw new ProtocolException(431, "Request Header Fields Too Large");
      }
      line.write(b);
    }
  }

  /** Closing the view does not close the connection: that is the connection's job. */
  @Override
  public void close() {}
}
