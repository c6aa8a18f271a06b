package io.berth.runtime;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Reads conmon's k8s-file log: one record per line,
 * {@code <RFC 3339 time with nanoseconds and offset> <stdout|stderr> <F|P> <bytes>\n}, where F ends a line
 * and P marks a piece of one (the newline after a P record is conmon's, not the container's).
 *
 * <p>Following survives conmon's truncation at --log-size-max (it renames a fresh file over the log)
 * and a rotation by rename + {@link Conmon#reopenLogs}: when the path names another file, or the file
 * shrank, reading starts again at the beginning of the new one.
 */
public final class LogReader {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int CHUNK = 64 * 1024;

  /**
   * @param tail   the last N records only (after since/until filtering); negative for all
   * @param since  records at or after this time only; null for no bound
   * @param until  records before this time only, and following stops once it is past; null for no bound
   * @param follow keep reading as the file grows until finished says so (or the sink refuses more)
   */
  public record Options(int tail, Instant since, Instant until, boolean follow) {
    public static final Options ALL = new Options(-1, null, null, false);
  }

  /** Receives records in order; returns false to stop reading. */
  @FunctionalInterface
  public interface Sink {
    boolean accept(LogEntry entry) throws IOException;
  }

  private final Path path;

  public LogReader(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  /**
   * Reads records into the sink. With follow, returns once finished answers true (checked after each
   * time the file is drained; typically "the exit file exists") and what remains has been read, once
   * until has passed, when the sink returns false, or with InterruptedIOException when the thread is
   * interrupted. A missing file is an empty log.
   */
  public void read(Options options, Sink sink, BooleanSupplier finished) throws IOException {
    Filter filter = new Filter(options, sink);
    Cursor cursor = new Cursor();
    if (!cursor.drain(filter)) {
      return;
    }
    if (!filter.flushTail()) {
      return;
    }
    if (!options.follow()) {
      cursor.close();
      return;
    }
    try {
      while (true) {
        // Decide before draining: whatever was written before "finished" turned true is read below.
        boolean last = finished.getAsBoolean()
            || options.until() != null && Instant.now().isAfter(options.until());
        if (!cursor.drain(filter) || last) {
          return;
        }
        try {
          Thread.sleep(POLL);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("log follow interrupted");
        }
      }
    } finally {
      cursor.close();
    }
  }

  /** Applies since/until/tail, then hands records to the sink. */
  private static final class Filter {
    private final Options options;
    private final Sink sink;
    private final ArrayDeque<LogEntry> tail;
    private boolean tailing;

    Filter(Options options, Sink sink) {
      this.options = options;
      this.sink = sink;
      this.tailing = options.tail() >= 0;
      this.tail = tailing ? new ArrayDeque<>() : null;
    }

    boolean offer(LogEntry e) throws IOException {
      if (options.since() != null && e.time().isBefore(options.since())) {
        return true;
      }
      if (options.until() != null && !e.time().isBefore(options.until())) {
        return true;
      }
      if (tailing) {
        if (options.tail() == 0) {
          return true;
        }
        if (tail.size() == options.tail()) {
          tail.removeFirst();
        }
        tail.addLast(e);
        return true;
      }
      return sink.accept(e);
    }

    /** The end of the existing file: emit the tail kept so far, pass later records straight on. */
    boolean flushTail() throws IOException {
      if (!tailing) {
        return true;
      }
      tailing = false;
      for (LogEntry e : tail) {
        if (!sink.accept(e)) {
          return false;
        }
      }
      tail.clear();
      return true;
    }
  }

  /** The open log file, the read position, and bytes of a record not yet complete. */
  private final class Cursor {
    private FileChannel channel;
    private Object fileKey;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private byte[] pending = new byte[0];

    /** Reads all complete records available; false when the sink asked to stop. */
    boolean drain(Filter filter) throws IOException {
      if (channel == null && !open()) {
        return true;
      }
      if (!readAvailable(filter)) {
        return false;
      }
      BasicFileAttributes now;
      try {
        now = Files.readAttributes(path, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        return true; // renamed away and not yet recreated: keep the old file until a new one appears
      }
      if (!Objects.equals(now.fileKey(), fileKey) || now.size() < channel.position()) {
        // Replaced (conmon's size-max truncation, or rotation) or truncated in place: start over.
        close();
        if (open()) {
          return readAvailable(filter);
        }
      }
      return true;
    }

    private boolean open() throws IOException {
      try {
        channel = FileChannel.open(path, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return false;
      }
      fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      pending = new byte[0];
      return true;
    }

    private boolean readAvailable(Filter filter) throws IOException {
      while (true) {
        buffer.clear();
        int n = channel.read(buffer);
        if (n <= 0) {
          return true;
        }
        byte[] data = pending.length == 0 ? Arrays.copyOf(buffer.array(), n) : concat(pending, buffer.array(), n);
        int start = 0;
        for (int i = 0; i < data.length; i++) {
          if (data[i] == '\n') {
            LogEntry e = parse(data, start, i);
            start = i + 1;
            if (e != null && !filter.offer(e)) {
              pending = Arrays.copyOfRange(data, start, data.length);
              return false;
            }
          }
        }
        pending = Arrays.copyOfRange(data, start, data.length);
      }
    }

    void close() throws IOException {
      if (channel != null) {
        channel.close();
        channel = null;
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b, int bLen) {
    byte[] r = Arrays.copyOf(a, a.length + bLen);
    System.arraycopy(b, 0, r, a.length, bLen);
    return r;
  }

  /** Parses data[from, to) (to is the record's '\n'); null for a malformed record. */
  static LogEntry parse(byte[] data, int from, int to) {
    int sp1 = indexOf(data, (byte) ' ', from, to);
    int sp2 = sp1 < 0 ? -1 : indexOf(data, (byte) ' ', sp1 + 1, to);
    if (sp2 < 0) {
      return null;
    }
    // The tag field ("F"/"P") is followed by one space and the content; an empty full line is "F" then
    // the newline at once in some writers.
    int sp3 = indexOf(data, (byte) ' ', sp2 + 1, to);
    int tagEnd = sp3 < 0 ? to : sp3;
    String tag = new String(data, sp2 + 1, tagEnd - sp2 - 1, StandardCharsets.US_ASCII);
    boolean partial;
    if (tag.equals("F")) {
      partial = false;
    } else if (tag.equals("P")) {
      partial = true;
    } else {
      return null;
    }
    Instant time;
    try {
      time = OffsetDateTime.parse(new String(data, from, sp1 - from, StandardCharsets.US_ASCII),
          DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
    LogEntry.Stream stream = switch (new String(data, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.US_ASCII)) {
      case "stdout" -> LogEntry.Stream.STDOUT;
      case "stderr" -> LogEntry.Stream.STDERR;
      default -> null;
    };
    if (stream == null) {
      return null;
    }
    int contentStart = sp3 < 0 ? to : sp3 + 1;
    // A full line keeps its newline: it is the container's. A partial record's newline is conmon's.
    int contentEnd = partial ? to : to + 1;
    return new LogEntry(time, stream, partial, Arrays.copyOfRange(data, contentStart, contentEnd));
  }

  private static int indexOf(byte[] data, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
