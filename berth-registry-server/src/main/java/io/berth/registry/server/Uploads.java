package io.berth.registry.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The upload sessions under {@code uploads/<uuid>/}: a {@code repository} file naming whose session it is and
 * a {@code data} file. A session directory appears whole (made in tmp/, then renamed), so one without both
 * files can only be a leftover and is removed at start.
 */
final class Uploads {
  private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Layout layout;
  private final Durable durable;
  private final ConcurrentMap<String, Upload> open = new ConcurrentHashMap<>();

  Uploads(Layout layout, Durable durable) {
    this.layout = layout;
    this.durable = durable;
  }

  Upload create(String repository) throws IOException {
    String id = UUID.randomUUID().toString();
    Path staged = durable.stagingFile();
    Files.createDirectories(staged);
    Files.write(staged.resolve("repository"), repository.getBytes(StandardCharsets.UTF_8));
    Files.createFile(staged.resolve("data"));
    Durable.fsync(staged.resolve("repository"));
    Durable.syncDirectory(staged);
    Path dir = layout.uploads().resolve(id);
    Files.createDirectories(layout.uploads());
    Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
    Durable.syncDirectory(layout.uploads());
    Upload upload = Upload.fresh(id, repository, dir);
    open.put(id, upload);
    return upload;
  }

  /** The session {@code id} of {@code repository}, or BLOB_UPLOAD_UNKNOWN. */
  Upload get(String repository, String id) throws IOException {
    if (!UUID_TEXT.matcher(id).matches()) {
      throw ErrorCode.BLOB_UPLOAD_UNKNOWN.error();
    }
    Upload upload = open.get(id);
    if (upload == null) {
      upload = loadFromDisk(id);
    }
    if (upload == null || !upload.repository.equals(repository)) {
      throw ErrorCode.BLOB_UPLOAD_UNKNOWN.error();
    }
    return upload;
  }

  private synchronized Upload loadFromDisk(String id) throws IOException {
    Upload known = open.get(id);
    if (known != null) {
      return known;
    }
    Path dir = layout.uploads().resolve(id);
    try {
      String repository = Files.readString(dir.resolve("repository"));
      Upload upload = Upload.load(id, repository, dir);
      open.put(id, upload);
      return upload;
    } catch (IOException e) {
      return null;
    }
  }

  /** Ends a session: forgets it and removes its directory (its data was moved out or is dropped). */
  void remove(Upload upload) throws IOException {
    open.remove(upload.id, upload);
    Trees.delete(upload.dir);
  }

  /** Repositories with a session open now (the collector spares their recent blobs). */
  List<String> activeRepositories() {
    return open.values().stream().map(u -> u.repository).distinct().toList();
  }

  /** Removes session directories that are incomplete (a crash while one was made) or idle past {@code ttl}. */
  int purge(Duration ttl) throws IOException {
    int removed = 0;
    long cutoff = System.currentTimeMillis() - ttl.toMillis();
    for (String id : Trees.names(layout.uploads())) {
      Path dir = layout.uploads().resolve(id);
      boolean whole = Files.isRegularFile(dir.resolve("repository")) && Files.isRegularFile(dir.resolve("data"));
      FileTime touched = whole ? Files.getLastModifiedTime(dir.resolve("data")) : FileTime.fromMillis(0);
      if (!whole || touched.toMillis() < cutoff) {
        Upload upload = open.remove(id);
        if (upload != null) {
          synchronized (upload) {
            Trees.delete(dir);
          }
        } else {
          Trees.delete(dir);
        }
        removed++;
      }
    }
    return removed;
  }
}
