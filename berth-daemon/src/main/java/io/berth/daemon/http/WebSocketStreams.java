package io.berth.daemon.http;

import io.berth.common.BulkInputStream;
import io.berth.common.BulkOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RFC 6455 framing over a hijacked connection, as golang.org/x/net/websocket serves dockerd's
 * {@code attach/ws}: every write is one frame (binary, or text for API clients before 1.28), the client's
 * frames (masked) are read as one byte stream; pings are answered, a close frame ends the input and is
 * answered with a close.
 */
public final class WebSocketStreams {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int TEXT = 0x1;
  private static final int BINARY = 0x2;
  private static final int CLOSE = 0x8;
  private static final int PING = 0x9;
  private static final int PONG = 0xA;
  private final InputStream rawIn;
  private final OutputStream rawOut;
  private final int opcode;
  private final Object writing = new Object();

  public WebSocketStreams(InputStream rawIn, OutputStream rawOut, boolean binary) {
    this.rawIn = rawIn;
    this.rawOut = rawOut;
    this.opcode = binary ? BINARY : TEXT;
  }

  /** The handshake's answer to the client's Sec-WebSocket-Key. */
  public static String accept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the client sends, frame payloads one after another; end of stream at its close frame. */
  public InputStream input() {
    return new BulkInputStream() {
      private byte[] payload = new byte[0];
      private int pos;
      private boolean closed;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        while (pos == payload.length) {
          if (closed || !nextFrame()) {
            closed = true;
            return -1;
          }
        }
        int n = Math.min(len, payload.length - pos);
        System.arraycopy(payload, pos, b, off, n);
        pos += n;
        return n;
      }

      /** Reads the next frame; data frames become the payload, control frames are handled. */
      private boolean nextFrame() throws IOException {
        int b0 = rawIn.read();
        if (b0 < 0) {
          return false;
        }
        int b1 = readByte();
        int op = b0 & 0x0f;
        long length = b1 & 0x7f;
        if (length == 126) {
          length = (readByte() << 8) | readByte();
        } else if (length == 127) {
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | readByte();
          }
        }
        if (length > 16 << 20) {
          throw new IOException("websocket frame of " + length + " bytes");
        }
        byte[] mask = (b1 & 0x80) != 0 ? rawIn.readNBytes(4) : null;
        byte[] data = rawIn.readNBytes((int) length);
        if (data.length < length) {
          throw new EOFException("websocket frame cut short");
        }
        if (mask != null) {
          for (int i = 0; i < data.length; i++) {
            data[i] ^= mask[i & 3];
          }
        }
        switch (op) {
          case CLOSE -> {
            writeFrame(CLOSE, data, 0, Math.min(data.length, 2));
            return false;
          }
          case PING -> writeFrame(PONG, data, 0, data.length);
          case PONG -> { }
          default -> { // text, binary, continuation
            payload = data;
            pos = 0;
          }
        }
        return true;
      }

      private int readByte() throws IOException {
        int b = rawIn.read();
        if (b < 0) {
          throw new EOFException("websocket frame cut short");
        }
        return b;
      }
    };
  }

  /** What goes to the client: each write one frame. Closing sends a close frame. */
  public OutputStream output() {
    return new BulkOutputStream() {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        writeFrame(opcode, b, off, len);
      }

      @Override
      public void flush() throws IOException {
        rawOut.flush();
      }

      @Override
      public void close() throws IOException {
        try {
          writeFrame(CLOSE, new byte[] {0x03, (byte) 0xe8}, 0, 2); // 1000: normal closure
        } finally {
          rawOut.close();
        }
      }
    };
  }

  private void writeFrame(int op, byte[] data, int off, int len) throws IOException {
    synchronized (writing) {
      rawOut.write(0x80 | op);
      if (len < 126) {
        rawOut.write(len);
      } else if (len <= 0xffff) {
        rawOut.write(126);
        rawOut.write(len >>> 8);
        rawOut.write(len & 0xff);
      } else {
        rawOut.write(127);
        for (int i = 7; i >= 0; i--) {
          rawOut.write((int) ((long) len >>> (8 * i)) & 0xff);
        }
      }
      rawOut.write(data, off, len);
      rawOut.flush();
    }
  }
}
