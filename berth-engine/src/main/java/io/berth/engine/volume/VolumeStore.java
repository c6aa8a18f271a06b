package io.berth.engine.volume;

import io.berth.common.AtomicFiles;
import io.berth.common.GoTime;
import io.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The local driver's volumes on disk, Docker's layout: {@code volumes/<name>/_data} holds the data, and beside it
 * {@code metadata.json} the volume's name, driver, labels, options and creation time (what dockerd keeps in
 * {@code volumes/metadata.db}). A volume is made in a staging directory and renamed into place whole, and removed
 * by renaming it out of sight first, so a kill -9 at any instant leaves a volume or none; the start sweeps what a
 * crash left in the staging names. Names are valid volume names, which never start with '.', so no staging name
 * is ever a volume's. The index is rebuilt from the directories at start.
 */
final class VolumeStore {
  static final String DATA = "_data";
  static final String METADATA = "metadata.json";
  private static final String STAGING = ".staging-";
  private static final String REMOVING = ".removing-";
  private final Path root;
  private final Map<String, Volume> volumes = new ConcurrentHashMap<>();

  VolumeStore(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx-----x"));
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        String name = dir.getFileName().toString();
        if (name.startsWith(STAGING) || name.startsWith(REMOVING)) {
          AtomicFiles.deleteTree(dir); // a create or remove a crash interrupted
          continue;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !VolumeNames.valid(name)) {
          continue;
        }
        read(name).ifPresent(v -> volumes.put(v.name(), v));
      }
    }
  }

  /** A volume directory: its metadata, or (a volume dir made by another engine) its directory alone. */
  private Optional<Volume> read(String name) throws IOException {
    Path dir = root.resolve(name);
    Path meta = dir.resolve(METADATA);
    if (Files.isRegularFile(meta)) {
      Map<String, Object> m = Json.object(Files.readAllBytes(meta));
      return Optional.of(new Volume(name, Volume.LOCAL, dir.resolve(DATA), GoTime.parse((String) m.get("CreatedAt")),
          strings(m.get("Labels")), strings(m.get("Options"))));
    }
    if (Files.isDirectory(dir.resolve(DATA))) {
      Instant created = Files.getLastModifiedTime(dir).toInstant();
      return Optional.of(new Volume(name, Volume.LOCAL, dir.resolve(DATA), created, null, null));
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> strings(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, String>) m : null;
  }

  Collection<Volume> all() {
    return List.copyOf(volumes.values());
  }

  Optional<Volume> get(String name) {
    return Optional.ofNullable(volumes.get(name));
  }

  /** Makes a volume (the caller holds the service's lock and has checked that none of this name exists). */
  Volume create(String name, Map<String, String> labels, Map<String, String> options) throws IOException {
    Path staged = root.resolve(STAGING + UUID.randomUUID());
    try {
      Files.createDirectory(staged, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx-----x")));
      Path data = Files.createDirectory(staged.resolve(DATA));
      Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
      Volume v = new Volume(name, Volume.LOCAL, root.resolve(name).resolve(DATA), Instant.now(), labels, options);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("Name", name);
      meta.put("Driver", v.driver());
      meta.put("Labels", v.labels());
      meta.put("Options", v.options());
      meta.put("CreatedAt", GoTime.rfc3339Nano(v.createdAt()));
      AtomicFiles.write(staged.resolve(METADATA), Json.bytes(meta));
      AtomicFiles.publish(staged, root.resolve(name));
      volumes.put(name, v);
      return v;
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteTree(staged);
      throw e;
    }
  }

  /** Removes a volume and its data; it is gone for the next start once the first rename is done. */
  void remove(Volume v) throws IOException {
    Path doomed = root.resolve(REMOVING + UUID.randomUUID());
    AtomicFiles.publish(root.resolve(v.name()), doomed);
    volumes.remove(v.name());
    AtomicFiles.deleteTree(doomed);
  }
}
