package io.berth.registry.server;

import io.berth.common.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every blob and manifest of every repository, stored once under its sha256 digest. */
record BlobStore(Layout layout, Durable durable) {
  Path path(Digest digest) {
    return layout.blob(digest);
  }

  boolean exists(Digest digest) {
    return Files.isRegularFile(layout.blob(digest));
  }

  /** The blob's size, or -1 when it is not stored. */
  long size(Digest digest) {
    try {
      return Files.size(layout.blob(digest));
    } catch (IOException e) {
      return -1;
    }
  }

  byte[] read(Digest digest) throws IOException {
    return Files.readAllBytes(layout.blob(digest));
  }

  /** Stores bytes already known whole (a manifest); returns their digest. */
  Digest put(byte[] content) throws IOException {
    Digest digest = Digest.sha256(content);
    if (!exists(digest)) {
      durable.write(layout.blob(digest), content);
    }
    return digest;
  }

  /** Moves a verified, fsynced file in as {@code digest}; an existing copy wins. */
  void commit(Path verified, Digest digest) throws IOException {
    durable.publish(verified, layout.blob(digest), false);
  }

  void delete(Digest digest) throws IOException {
    Files.deleteIfExists(layout.blob(digest));
  }

  /** Every stored digest (for the collector). */
  List<Digest> all() throws IOException {
    List<Digest> all = new ArrayList<>();
    for (String prefix : Trees.names(layout.blobs())) {
      for (String hex : Trees.names(layout.blobs().resolve(prefix))) {
        if (Digest.isSha256Hex(hex)) {
          all.add(new Digest("sha256", hex));
        }
      }
    }
    return all;
  }

  static boolean missing(IOException e) {
    return e instanceof NoSuchFileException;
  }
}
