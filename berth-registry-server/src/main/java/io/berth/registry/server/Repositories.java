package io.berth.registry.server;

import io.berth.common.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What each repository holds, as links into the blob store: the blobs it may serve, its manifests (with their
 * media types), its tags and its referrers index. Every link is one small file written atomically.
 */
record Repositories(Layout layout, Durable durable) {
  boolean exists(String name) {
    Path repo = layout.repository(name);
    return Files.isDirectory(repo.resolve("_manifests")) || Files.isDirectory(repo.resolve("_layers"));
  }

  /** Links a stored blob into the repository, or refreshes the link's time when it is there. */
  void linkBlob(String name, Digest digest) throws IOException {
    Path link = layout.layerLink(name, digest);
    Files.createDirectories(link.getParent());
    try {
      Files.createFile(link);
      Durable.syncDirectory(link.getParent());
    } catch (FileAlreadyExistsException e) {
      touch(link);
    }
  }

  boolean hasBlobLink(String name, Digest digest) {
    return Files.exists(layout.layerLink(name, digest));
  }

  /** Marks the link as just used (the collector spares links younger than its grace period). */
  void touchBlob(String name, Digest digest) {
    touch(layout.layerLink(name, digest));
  }

  boolean unlinkBlob(String name, Digest digest) throws IOException {
    return Files.deleteIfExists(layout.layerLink(name, digest));
  }

  List<Digest> blobLinks(String name) throws IOException {
    return digests(layout.repository(name).resolve("_layers/sha256"));
  }

  FileTime linkTime(String name, Digest digest) {
    try {
      return Files.getLastModifiedTime(layout.layerLink(name, digest));
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  void putManifest(String name, Digest digest, String mediaType) throws IOException {
    durable.write(layout.revision(name, digest), mediaType.getBytes(StandardCharsets.UTF_8));
  }

  /** The media type of a manifest of the repository, or empty when it has no such manifest. */
  Optional<String> manifestType(String name, Digest digest) {
    try {
      return Optional.of(Files.readString(layout.revision(name, digest)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  List<Digest> manifests(String name) throws IOException {
    return digests(layout.revisions(name));
  }

  boolean deleteManifest(String name, Digest digest) throws IOException {
    return Files.deleteIfExists(layout.revision(name, digest));
  }

  void tag(String name, String tag, Digest digest) throws IOException {
    durable.write(layout.tags(name).resolve(tag), digest.toString().getBytes(StandardCharsets.UTF_8));
  }

  Optional<Digest> resolveTag(String name, String tag) {
    try {
      return Optional.of(Digest.parse(Files.readString(layout.tags(name).resolve(tag)).trim()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The tags, sorted (the spec's lexical order). */
  List<String> tags(String name) throws IOException {
    List<String> tags = Trees.names(layout.tags(name));
    tags.removeIf(t -> !Names.isTag(t));
    Collections.sort(tags);
    return tags;
  }

  boolean deleteTag(String name, String tag) throws IOException {
    return Files.deleteIfExists(layout.tags(name).resolve(tag));
  }

  /** Removes every tag of the repository that points at {@code digest}. */
  void untagAll(String name, Digest digest) throws IOException {
    for (String tag : tags(name)) {
      if (resolveTag(name, tag).filter(digest::equals).isPresent()) {
        deleteTag(name, tag);
      }
    }
  }

  /** Records that {@code referrer} names {@code subject} as its subject; {@code descriptor} is its entry. */
  void addReferrer(String name, Digest subject, Digest referrer, byte[] descriptor) throws IOException {
    durable.write(layout.referrers(name, subject).resolve(referrer.hex()), descriptor);
  }

  void removeReferrer(String name, Digest subject, Digest referrer) throws IOException {
    Path dir = layout.referrers(name, subject);
    Files.deleteIfExists(dir.resolve(referrer.hex()));
    Trees.pruneEmpty(dir, layout.repository(name));
  }

  /** The referrers' descriptor entries, in digest order. */
  List<byte[]> referrers(String name, Digest subject) throws IOException {
    Path dir = layout.referrers(name, subject);
    List<String> names = Trees.names(dir);
    Collections.sort(names);
    List<byte[]> out = new ArrayList<>();
    for (String hex : names) {
      try {
        out.add(Files.readAllBytes(dir.resolve(hex)));
      } catch (NoSuchFileException e) {
        // deleted meanwhile
      }
    }
    return out;
  }

  /** Every repository name, sorted: directories holding links, found by walking the tree. */
  List<String> catalog() throws IOException {
    List<String> names = new ArrayList<>();
    collect(layout.repositories(), "", names);
    Collections.sort(names);
    return names;
  }

  private void collect(Path dir, String prefix, List<String> out) throws IOException {
    for (String child : Trees.names(dir)) {
      if (child.startsWith("_")) {
        continue;
      }
      String name = prefix.isEmpty() ? child : prefix + "/" + child;
      if (exists(name)) {
        out.add(name);
      }
      collect(dir.resolve(child), name, out);
    }
  }

  private static List<Digest> digests(Path dir) throws IOException {
    List<Digest> out = new ArrayList<>();
    for (String hex : Trees.names(dir)) {
      if (Digest.isSha256Hex(hex)) {
        out.add(new Digest("sha256", hex));
      }
    }
    return out;
  }

  private static void touch(Path p) {
    try {
      Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException ignored) {
      // gone meanwhile: the caller's existence check decides
    }
  }
}
