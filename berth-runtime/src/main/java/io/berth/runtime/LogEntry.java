package io.berth.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One record of a k8s-file log. content is exactly the bytes the container wrote: a full line ends
 * with its '\n'; a partial record (conmon read the output in pieces, or the last line had no newline)
 * has none, and the next record of the same stream continues it.
 */
public record LogEntry(Instant time, Stream stream, boolean partial, byte[] content) {
  public enum Stream {
    STDOUT, STDERR;

    /** The attach protocol's and Docker's stream number: 1 stdout, 2 stderr. */
    public int dockerNumber() {
      return this == STDOUT ? 1 : 2;
    }
  }

  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }
}
