package io.berth.engine.image;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.Json;
import io.berth.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Image configs by ID, as Docker's imagedb lays them out: {@code content/sha256/<id>} holds the
 * config bytes and {@code metadata/sha256/<id>/} what berth knows beside them. A config is
 * written atomically; an image is visible once its config is.
 */
public final class ImageStore {
  private final Path content;
  private final Path metadata;
  private final Map<Digest, Image> images = new ConcurrentHashMap<>();

  public ImageStore(Path root) throws IOException {
    this.content = root.resolve("content").resolve("sha256");
    this.metadata = root.resolve("metadata").resolve("sha256");
    Files.createDirectories(content);
    Files.createDirectories(metadata);
    load();
  }

  private void load() throws IOException {
    try (Stream<Path> files = Files.list(content)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!Digest.isSha256Hex(name)) {
          Files.deleteIfExists(file); // a temp file from an interrupted write
          continue;
        }
        byte[] raw = Files.readAllBytes(file);
        Digest id = new Digest("sha256", name);
        if (!Digest.sha256(raw).equals(id)) {
          Files.delete(file); // corrupt: the name must be the digest of the bytes
          continue;
        }
        images.put(id, readImage(id, raw));
      }
    }
    try (Stream<Path> dirs = Files.list(metadata)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        if (!Digest.isSha256Hex(dir.getFileName().toString())
            || !images.containsKey(new Digest("sha256", dir.getFileName().toString()))) {
          AtomicFiles.deleteTree(dir);
        }
      }
    }
  }

  private Image readImage(Digest id, byte[] raw) throws IOException {
    Map<String, Object> config = Json.object(raw);
    Path meta = metadata.resolve(id.hex());
    Digest parent = null;
    Instant lastTag = null;
    if (Files.exists(meta.resolve("parent"))) {
      parent = Digest.parse(Files.readString(meta.resolve("parent")).trim());
    }
    if (Files.exists(meta.resolve("lastUpdated"))) {
      lastTag = Instant.parse(Files.readString(meta.resolve("lastUpdated")).trim());
    }
    return new Image(id, raw, config, parent, lastTag);
  }

  /** Stores a config (idempotent) and returns the image. The config must be valid JSON. */
  public Image create(byte[] rawConfig, Digest parent) throws IOException {
    Map<String, Object> config;
    try {
      config = Json.object(rawConfig);
    } catch (IOException e) {
      throw new BerthException.InvalidParameter("invalid image config: " + e.getMessage());
    }
    Digest id = Digest.sha256(rawConfig);
    synchronized (this) {
      Image existing = images.get(id);
      if (existing != null) {
        return existing;
      }
      if (parent != null) {
        AtomicFiles.write(metadata.resolve(id.hex()).resolve("parent"), parent.toString().getBytes());
      }
      AtomicFiles.write(content.resolve(id.hex()), rawConfig);
      Image image = new Image(id, rawConfig, config, parent, null);
      images.put(id, image);
      return image;
    }
  }

  public Optional<Image> get(Digest id) {
    return Optional.ofNullable(images.get(id));
  }

  public Collection<Image> all() {
    return List.copyOf(images.values());
  }

  /** IDs starting with {@code hexPrefix}. */
  public List<Digest> search(String hexPrefix) {
    List<Digest> found = new ArrayList<>();
    for (Digest id : images.keySet()) {
      if (id.hex().startsWith(hexPrefix)) {
        found.add(id);
      }
    }
    return found;
  }

  public List<Image> children(Digest id) {
    return images.values().stream().filter(i -> id.equals(i.parent())).toList();
  }

  public synchronized void setLastTagTime(Digest id, Instant when) throws IOException {
    Image image = images.get(id);
    if (image == null) {
      return;
    }
    AtomicFiles.write(metadata.resolve(id.hex()).resolve("lastUpdated"), when.toString().getBytes());
    images.put(id, new Image(id, image.rawConfig(), image.config(), image.parent(), when));
  }

  /** Config first (the image disappears at once), then its metadata. */
  public synchronized void delete(Digest id) throws IOException {
    Files.deleteIfExists(content.resolve(id.hex()));
    AtomicFiles.syncDirectory(content);
    images.remove(id);
    AtomicFiles.deleteTree(metadata.resolve(id.hex()));
  }
}
