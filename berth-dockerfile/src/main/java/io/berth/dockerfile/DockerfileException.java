package io.berth.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Dockerfile that cannot be parsed or used, in BuildKit's words. Like BuildKit's LocationError
 * it carries the source lines it points at (innermost first); the message itself is what dockerd
 * prints. The API layer turns it into a 400.
 */
public final class DockerfileException extends RuntimeException {
  private final List<LineRange> locations;

  public DockerfileException(String message) {
    this(message, List.of(), null);
  }

  public DockerfileException(String message, Throwable cause) {
    this(message, List.of(), cause);
  }

  private DockerfileException(String message, List<LineRange> locations, Throwable cause) {
    super(message, cause);
    this.locations = List.copyOf(locations);
  }

  /** The same error pointing also at lines start..end (BuildKit's WithLocation appends). */
  public DockerfileException withLocation(int start, int end) {
    List<LineRange> more = new ArrayList<>(locations);
    more.add(new LineRange(start, Math.max(start, end)));
    return new DockerfileException(getMessage(), more, getCause());
  }

  /** The error with its message replaced (BuildKit's errors.Wrap keeps the location). */
  public DockerfileException withMessage(String message) {
    return new DockerfileException(message, locations, getCause());
  }

  /** The first (innermost) location, if any. */
  public Optional<LineRange> location() {
    return locations.isEmpty() ? Optional.empty() : Optional.of(locations.getFirst());
  }

  public List<LineRange> locations() {
    return locations;
  }

  /** Lines of a Dockerfile, 1-based and inclusive. */
  public record LineRange(int start, int end) {}
}
