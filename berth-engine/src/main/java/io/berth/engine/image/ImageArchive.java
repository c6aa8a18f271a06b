package io.berth.engine.image;

import io.berth.archive.Compression;
import io.berth.archive.TarEntry;
import io.berth.archive.TarReader;
import io.berth.archive.TarWriter;
import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.ImageReference;
import io.berth.common.Json;
import io.berth.common.AtomicFiles;
import io.berth.engine.layer.Layer;
import io.berth.engine.layer.Lease;
import io.berth.registry.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code docker save} and {@code docker load}. Save writes Docker 25's layout (an OCI image
 * layout plus Docker's {@code manifest.json}), which Docker 20.10 loads too because it follows
 * {@code manifest.json}. Load reads both that and Docker 20.10's legacy layout.
 */
public final class ImageArchive {
  private static final String MANIFEST_MEDIA = "application/vnd.oci.image.manifest.v1+json";
  private static final String INDEX_MEDIA = "application/vnd.oci.image.index.v1+json";
  private static final String CONFIG_MEDIA = "application/vnd.oci.image.config.v1+json";
  private static final String LAYER_MEDIA = "application/vnd.oci.image.layer.v1.tar";
  private static final Instant EPOCH = Instant.EPOCH;
  private final Images images;

  public ImageArchive(Images images) {
    this.images = images;
  }

  /** A line of load's JSON progress stream: a {@code stream} text or a layer's progress. */
  public record Progress(String stream, String status, String id, long current, long total) {
    static Progress text(String line) {
      return new Progress(line, null, null, 0, 0);
    }
  }

  // ---------------------------------------------------------------- save

  /** The images a save will write, with the tags to record for each; resolved before writing. */
  public record Selection(Map<Digest, List<ImageReference>> images) {}

  /**
   * Resolves the named images (tags, repositories or IDs); fails before anything is written. With
   * a {@code platform} (null: any), each must be exactly for it, as dockerd's exporter checks.
   */
  public Selection select(List<String> names, Platform platform) throws IOException {
    if (names.isEmpty()) {
      throw new BerthException.InvalidParameter("no images specified");
    }
    Map<Digest, List<ImageReference>> selection = resolveNames(names);
    for (Digest id : platform == null ? Set.<Digest>of() : selection.keySet()) {
      Image image = images.store.get(id).orElseThrow(() -> Images.noSuchImage(id.toString()));
      if (!platform.isExactly(image.platform())) {
        throw new IOException("no suitable export target found for platform " + platform); // dockerd: a 500
      }
    }
    return new Selection(selection);
  }

  /** Writes the selected images as one archive. */
  public void save(Selection chosen, OutputStream out) throws IOException {
    Map<Digest, List<ImageReference>> selection = chosen.images();
    TarWriter tar = new TarWriter(out);
    directory(tar, "blobs/");
    directory(tar, "blobs/sha256/");
    Set<Digest> written = new HashSet<>();
    List<Object> index = new ArrayList<>();
    List<Object> manifests = new ArrayList<>();
    for (Map.Entry<Digest, List<ImageReference>> e : selection.entrySet()) {
      Image image = images.store.get(e.getKey()).orElseThrow(() -> Images.noSuchImage(e.getKey().toString()));
      blob(tar, image.id(), image.rawConfig(), written);
      List<Object> layerDescriptors = new ArrayList<>();
      List<String> layerPaths = new ArrayList<>();
      List<Digest> diffIds = image.diffIds();
      List<Digest> chain = images.chain(image);
      for (int i = 0; i < chain.size(); i++) {
        Layer layer = images.layers.get(chain.get(i)).orElseThrow(
            () -> new BerthException.NotFound("layer does not exist: " + e.getKey()));
        long size = layer.tarSize();
        if (written.add(diffIds.get(i))) {
          TarEntry entry = TarEntry.of("blobs/sha256/" + diffIds.get(i).hex(), TarEntry.Type.FILE, EPOCH).withSize(size);
          tar.writeHeader(entry);
          images.layers.writeTar(layer.chainId(), contentOf(tar));
        }
        layerDescriptors.add(Json.map("mediaType", LAYER_MEDIA, "digest", diffIds.get(i).toString(), "size", size));
        layerPaths.add("blobs/sha256/" + diffIds.get(i).hex());
      }
      byte[] manifest = Json.bytes(Json.map("schemaVersion", 2, "mediaType", MANIFEST_MEDIA,
          "config", Json.map("mediaType", CONFIG_MEDIA, "digest", image.id().toString(),
              "size", image.rawConfig().length),
          "layers", layerDescriptors));
      Digest manifestDigest = Digest.sha256(manifest);
      blob(tar, manifestDigest, manifest, written);
      List<String> repoTags = new ArrayList<>();
      for (ImageReference ref : e.getValue()) {
        repoTags.add(ref.familiarString());
        index.add(Json.map("mediaType", MANIFEST_MEDIA, "digest", manifestDigest.toString(), "size", manifest.length,
            "annotations", Json.map("io.containerd.image.name", ref.toString(),
                "org.opencontainers.image.ref.name", ref.tag())));
      }
      if (e.getValue().isEmpty()) {
        index.add(Json.map("mediaType", MANIFEST_MEDIA, "digest", manifestDigest.toString(), "size", manifest.length));
      }
      manifests.add(Json.map("Config", "blobs/sha256/" + image.id().hex(),
          "RepoTags", repoTags.isEmpty() ? null : repoTags, "Layers", layerPaths));
    }
    file(tar, "index.json", Json.bytes(Json.map("schemaVersion", 2, "mediaType", INDEX_MEDIA, "manifests", index)));
    file(tar, "manifest.json", Json.bytes(manifests));
    file(tar, "oci-layout", Json.bytes(Json.map("imageLayoutVersion", "1.0.0")));
    tar.finish();
    for (Digest id : selection.keySet()) {
      images.event("save", id, id.toString());
    }
  }

  /** Docker's parseNames: a bare repository means all its tags; an ID means the image untagged. */
  private Map<Digest, List<ImageReference>> resolveNames(List<String> names) {
    Map<Digest, List<ImageReference>> selection = new LinkedHashMap<>();
    for (String name : names) {
      if (Digest.isSha256Hex(name) || name.startsWith("sha256:")) {
        selection.computeIfAbsent(images.resolve(name).id(), k -> new ArrayList<>());
        continue;
      }
      ImageReference ref = ImageReference.parse(name);
      if (ref.tag() == null && ref.digest() == null) {
        boolean any = false;
        for (Image image : images.store.all()) {
          for (ImageReference r : images.refs.references(image.id())) {
            if (r.name().equals(ref.name()) && r.tag() != null && r.digest() == null) {
              add(selection, image.id(), r);
              any = true;
            }
          }
        }
        if (!any) {
          selection.computeIfAbsent(images.resolve(name).id(), k -> new ArrayList<>());
        }
        continue;
      }
      Image image = images.resolve(name);
      if (ref.digest() == null) {
        add(selection, image.id(), ref);
      } else {
        selection.computeIfAbsent(image.id(), k -> new ArrayList<>());
      }
    }
    return selection;
  }

  private static void add(Map<Digest, List<ImageReference>> selection, Digest id, ImageReference ref) {
    List<ImageReference> refs = selection.computeIfAbsent(id, k -> new ArrayList<>());
    if (!refs.contains(ref)) {
      refs.add(ref);
    }
  }

  /** The current entry's data as a stream: TarWriter refuses more than the header's size. */
  private static OutputStream contentOf(TarWriter tar) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        tar.write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        tar.write(b, off, len);
      }
    };
  }

  private static void directory(TarWriter tar, String name) throws IOException {
    tar.writeHeader(TarEntry.of(name, TarEntry.Type.DIRECTORY, EPOCH));
  }

  private static void blob(TarWriter tar, Digest digest, byte[] content, Set<Digest> written) throws IOException {
    if (written.add(digest)) {
      file(tar, "blobs/sha256/" + digest.hex(), content);
    }
  }

  private static void file(TarWriter tar, String name, byte[] content) throws IOException {
    tar.writeHeader(TarEntry.of(name, TarEntry.Type.FILE, EPOCH).withSize(content.length));
    tar.write(content, 0, content.length);
  }

  // ---------------------------------------------------------------- load

  /**
   * Loads every image of an archive (optionally compressed as a whole). The archive's files are
   * staged under the data root (the manifest may come last), then each image's layers are
   * registered, verified against the config's diff IDs, and the image and its tags are added.
   */
  public List<Digest> load(InputStream archive, boolean quiet, Platform platform, Consumer<Progress> progress)
      throws IOException {
    Path stage = images.tmp.resolve("load-" + AtomicFiles.stagingName());
    Files.createDirectories(stage);
    try (Lease lease = images.layers.lease()) {
      try {
        stageArchive(Compression.decompress(archive), stage);
      } catch (IOException e) {
        throw unreadable(e); // the client sent something that is not a whole archive
      }
      Path manifestFile = stage.resolve("manifest.json");
      if (!Files.isRegularFile(manifestFile)) {
        throw new BerthException.InvalidParameter("invalid archive: manifest.json not found"
            + " (only archives written by docker save are supported)");
      }
      List<Object> manifest;
      try {
        manifest = Json.array(Files.readAllBytes(manifestFile));
      } catch (IOException e) {
        throw new BerthException.InvalidParameter("invalid archive: manifest.json: " + e.getMessage());
      }
      List<Digest> loaded = new ArrayList<>();
      for (Object item : manifest) {
        if (!(item instanceof Map<?, ?> entry)) {
          throw new BerthException.InvalidParameter("invalid archive: malformed manifest.json");
        }
        Digest id = loadImage(entry, stage, lease, quiet, platform, progress);
        if (id != null) {
          loaded.add(id);
        }
      }
      return loaded;
    } finally {
      AtomicFiles.deleteTree(stage);
    }
  }

  /** One image of the archive stored and tagged; null when it is not exactly for {@code platform} (skipped). */
  private Digest loadImage(Map<?, ?> entry, Path stage, Lease lease, boolean quiet, Platform platform,
      Consumer<Progress> progress) throws IOException {
    byte[] config = Files.readAllBytes(inside(stage, (String) entry.get("Config")));
    Map<String, Object> parsed = Json.object(config);
    Image probe = new Image(Digest.sha256(config), config, parsed, null, null);
    if (platform != null && !platform.isExactly(probe.platform())) {
      return null; // dockerd's loader passes over it without a word
    }
    List<Digest> diffIds = probe.diffIds();
    List<?> layerPaths = entry.get("Layers") instanceof List<?> l ? l : List.of();
    if (layerPaths.size() != diffIds.size()) {
      throw new BerthException.InvalidParameter("invalid manifest, layers length mismatch: expected "
          + diffIds.size() + ", got " + layerPaths.size());
    }
    Digest parent = null;
    for (int i = 0; i < diffIds.size(); i++) {
      Path layerFile = inside(stage, (String) layerPaths.get(i));
      Digest diffId = diffIds.get(i);
      long total = Files.size(layerFile);
      if (!quiet) {
        progress.accept(new Progress(null, "Loading layer", diffId.shortHex(), 0, total));
      }
      try (InputStream in = Compression.decompress(Files.newInputStream(layerFile))) {
        parent = images.layers.register(in, parent, diffId, lease).chainId();
      } catch (BerthException.InvalidParameter e) {
        throw new BerthException.InvalidParameter("invalid diffID for layer " + i + ": " + e.getMessage());
      } catch (IOException e) {
        throw unreadable(e);
      }
      if (!quiet) {
        progress.accept(new Progress(null, "Loading layer", diffId.shortHex(), total, total));
      }
    }
    List<String> lines = new ArrayList<>();
    Digest id;
    images.lock.lock();
    try {
      Image image = images.store.create(config, null);
      id = image.id();
      List<?> repoTags = entry.get("RepoTags") instanceof List<?> t ? t : List.of();
      for (Object tag : repoTags) {
        ImageReference ref = ImageReference.parse((String) tag).withDefaultTag();
        images.refs.get(ref).filter(old -> !old.equals(image.id())).ifPresent(old -> lines.add(
            "The image " + ref.familiarString() + " already exists, renaming the old one with ID " + old
                + " to empty string"));
        images.refs.add(ref, image.id());
        lines.add("Loaded image: " + ref.familiarString());
      }
      if (repoTags.isEmpty()) {
        lines.add("Loaded image ID: " + image.id());
      }
      images.event("load", image.id(), image.id().toString());
    } finally {
      images.lock.unlock();
    }
    lines.forEach(line -> progress.accept(Progress.text(line + "\n")));
    return id;
  }

  static BerthException.InvalidParameter unreadable(IOException e) {
    return new BerthException.InvalidParameter(e.getMessage() == null ? e.toString() : e.getMessage(), e);
  }

  /** Writes the archive's regular files and symlinks into {@code stage}, refusing any escape. */
  private static void stageArchive(InputStream in, Path stage) throws IOException {
    TarReader reader = new TarReader(in);
    boolean any = false;
    for (TarEntry e = reader.next(); e != null; e = reader.next()) {
      any = true;
      Path target = inside(stage, e.name());
      switch (e.type()) {
        case DIRECTORY -> Files.createDirectories(target);
        case FILE -> {
          Files.createDirectories(target.getParent());
          try (OutputStream out = Files.newOutputStream(target)) {
            reader.content().transferTo(out);
          }
        }
        case SYMLINK -> {
          Path resolved = target.getParent().resolve(e.linkName()).normalize();
          if (!resolved.startsWith(stage)) {
            throw new BerthException.InvalidParameter("invalid archive: symlink " + e.name() + " escapes the archive");
          }
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, target.getParent().relativize(resolved));
        }
        case HARDLINK -> {
          Path source = inside(stage, e.linkName());
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.createLink(target, source);
        }
        default -> {
          // devices and fifos have no place in an image archive
        }
      }
    }
    if (!any) {
      throw new BerthException.InvalidParameter("invalid archive: empty or not a tar archive");
    }
  }

  /** {@code name} resolved inside {@code root}; an escape is an error. Symlinks must stay inside too. */
  private static Path inside(Path root, String name) throws IOException {
    if (name == null) {
      throw new BerthException.InvalidParameter("invalid archive: missing path in manifest");
    }
    Path p = root.resolve(name.startsWith("/") ? name.substring(1) : name).normalize();
    if (!p.startsWith(root)) {
      throw new BerthException.InvalidParameter("invalid archive: path " + name + " escapes the archive");
    }
    if (Files.isSymbolicLink(p) && !p.toRealPath().startsWith(root.toRealPath())) {
      throw new BerthException.InvalidParameter("invalid archive: path " + name + " escapes the archive");
    }
    return p;
  }
}
