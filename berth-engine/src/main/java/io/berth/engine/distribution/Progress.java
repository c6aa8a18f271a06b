package io.berth.engine.distribution;

/**
 * One line of a pull's or push's progress, in the three shapes dockerd's progress output has:
 * a plain message ({@code Digest: …}), a status update of one layer ({@code Pull complete}, with an
 * empty progress detail), a byte count of one layer ({@code Downloading} current/total), and the
 * push's closing result.
 */
public sealed interface Progress {
  /** progress.Message: {@code {"status": text, "id": id}}, id may be empty. */
  record Message(String id, String text) implements Progress {}

  /** progress.Update: {@code {"status": text, "progressDetail": {}, "id": id}}. */
  record Update(String id, String text) implements Progress {}

  /** A transfer's bytes so far. */
  record Bytes(String id, String action, long current, long total) implements Progress {}

  /** The pushed manifest ({@code aux} of a push). */
  record Pushed(String tag, String digest, long size) implements Progress {}
}
