package io.berth.engine.container;

import io.berth.engine.container.config.ConfigCodec;
import io.berth.archive.LayerWriter;
import io.berth.archive.SecurePath;
import io.berth.archive.WhiteoutMode;
import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.GoTime;
import io.berth.common.ImageReference;
import io.berth.common.Json;
import io.berth.engine.Version;
import io.berth.engine.image.ConfigChanges;
import io.berth.engine.image.Image;
import io.berth.engine.image.Images;
import io.berth.engine.layer.Layer;
import io.berth.engine.layer.Lease;
import io.berth.engine.storage.GraphDriver;
import io.berth.sys.Linux;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container's filesystem seen as changes or as a whole: {@code diff} (from the read-write
 * layer, whiteouts read as deletions), {@code commit} (that layer on top of the image, as a new
 * image) and {@code export} (the merged tree as one tar). Commit copies the read-write layer into
 * a new layer through its tar without keeping the tar ({@link
 * io.berth.engine.layer.LayerStore#registerDirectory}): {@code save} writes it again from the new
 * layer's directory, so a commit writes the container's changes once.
 */
public record Snapshots(ContainerService containers, Lifecycle lifecycle, Images images) {
  /** One line of {@code docker diff}: kind 0 modified, 1 added, 2 deleted, as the API numbers them. */
  public record Change(String path, int kind) {}

  static final int KIND_MODIFIED = 0;
  static final int KIND_ADDED = 1;
  static final int KIND_DELETED = 2;

  private GraphDriver driver() {
    return images.layers().driver();
  }

  /** Changes in the container's own layer against its image, sorted by path as Docker lists them. */
  public List<Change> diff(String idOrName) throws IOException {
    Container c = containers.find(idOrName);
    return changes(c);
  }

  private List<Change> changes(Container c) throws IOException {
    if (!driver().diffDirHoldsChangesOnly()) { // vfs: a full copy, compared with the layer under it
      return VfsChanges.between(driver().diffDir(c.initLayer()), driver().diffDir(c.rwLayer()));
    }
    Path upper = driver().diffDir(c.rwLayer());
    List<Path> lowers = lowerDirs(c);
    Map<String, Integer> changes = new TreeMap<>();
    java.util.Set<String> changedDirs = new java.util.HashSet<>();
    // as Docker's overlay2 diff (archive.OverlayChanges): a directory that was only copied up, with the
    // size, mode and mtime it has below, is no change; the parent of an addition or deletion is one
    Files.walkFileTree(upper, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(upper)) {
          record(dir, attrs);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        record(file, attrs);
        return FileVisitResult.CONTINUE;
      }

      private void record(Path p, BasicFileAttributes attrs) throws IOException {
        String rel = "/" + upper.relativize(p);
        int kind;
        if (attrs.isOther() && isWhiteout(p)) {
          kind = KIND_DELETED;
        } else {
          Path below = firstBelow(lowers, rel);
          if (below == null) {
            kind = KIND_ADDED;
          } else if (attrs.isDirectory() && sameDirectory(p, below)) {
            return;
          } else {
            kind = KIND_MODIFIED;
          }
        }
        if (attrs.isDirectory()) {
          changedDirs.add(rel);
        }
        String parent = rel.substring(0, rel.lastIndexOf('/'));
        if (kind != KIND_MODIFIED && !parent.isEmpty() && changedDirs.add(parent)) {
          changes.put(parent, KIND_MODIFIED);
        }
        changes.put(rel, kind);
      }
    });
    List<Change> out = new ArrayList<>();
    changes.forEach((path, kind) -> out.add(new Change(path, kind)));
    return out;
  }

  /**
   * The path in the topmost layer below that has it, or null. Symlinks on the way are followed as Docker's
   * os.Stat does, but inside that layer's directory as if it were "/" (a layer's {@code up ->
   * ../../../../etc} must not make diff look at the host's /etc).
   */
  private static Path firstBelow(List<Path> lowers, String rel) throws IOException {
    for (Path lower : lowers) {
      Path candidate = SecurePath.join(lower, rel);
      if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
        return candidate;
      }
    }
    return null;
  }

  /** Docker's test for a directory only copied up: both directories, same size, mode and mtime. */
  private static boolean sameDirectory(Path upper, Path lower) throws IOException {
    Map<String, Object> a = Files.readAttributes(upper, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    Map<String, Object> b = Files.readAttributes(lower, "unix:mode,size,lastModifiedTime");
    if (((int) b.get("mode") & Linux.S_IFMT) != Linux.S_IFDIR || !a.get("mode").equals(b.get("mode"))
        || !a.get("size").equals(b.get("size"))) {
      return false;
    }
    return VfsChanges.sameTime((java.nio.file.attribute.FileTime) a.get("lastModifiedTime"),
        (java.nio.file.attribute.FileTime) b.get("lastModifiedTime"));
  }

  private static boolean isWhiteout(Path p) {
    try {
      Object rdev = Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
      Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return ((Number) rdev).longValue() == 0 && (((Number) mode).intValue() & Linux.S_IFMT) == Linux.S_IFCHR;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The init layer and the image's layer directories: everything under the container's own layer, topmost first. */
  private List<Path> lowerDirs(Container c) throws IOException {
    List<Path> dirs = new ArrayList<>();
    dirs.add(driver().diffDir(c.initLayer()));
    Image image = images.store().get(c.image()).orElse(null);
    if (image != null) {
      for (Digest chain : images.chain(image).reversed()) {
        images.layers().get(chain).ifPresent(l -> dirs.add(driver().diffDir(l.cacheId())));
      }
    }
    return dirs;
  }

  /** What {@code docker commit} asks for. */
  public record CommitRequest(String container, String repo, String tag, String comment, String author,
      boolean pause, List<String> changes, Map<String, Object> config) {}

  /** Docker's commit: the container's layer becomes a new layer on its image; paused meanwhile by default. */
  public Image commit(CommitRequest request) throws IOException {
    Container c = containers.find(request.container());
    ImageReference target = request.repo() == null || request.repo().isEmpty() ? null
        : io.berth.engine.image.ImageService.parseTarget(request.repo(), request.tag());
    Image base = images.store().get(c.image()).orElseThrow(
        () -> new BerthException.NotFound("No such image: " + c.image()));
    boolean paused = false;
    if (request.pause() && c.state().status().equals("running")) {
      try { // as dockerd, whose commit ignores a pause that fails (the process may have just exited)
        lifecycle.pause(c.id());
        paused = true;
      } catch (BerthException | IOException e) {
        // not running any more: its files are still, so the commit goes on without a pause
      }
    }
    try (Lease lease = images.layers().lease()) {
      List<Digest> chain = images.chain(base);
      Digest parent = chain.isEmpty() ? null : chain.getLast();
      Layer layer = registerChanges(c, parent, lease);
      Map<String, Object> runConfig = new LinkedHashMap<>(ConfigCodec.toMap(c.config()));
      if (request.config() != null) {
        request.config().forEach((k, v) -> {
          if (v != null) {
            runConfig.put(k, v);
          }
        });
      }
      ConfigChanges.apply(runConfig, request.changes());
      String created = GoTime.rfc3339Nano(Instant.now());
      Map<String, Object> config = new TreeMap<>(base.config());
      config.remove("id");
      config.put("config", runConfig);
      config.put("container", c.id());
      config.put("created", created);
      config.put("docker_version", Version.VERSION);
      config.put("author", request.author() == null ? "" : request.author());
      config.put("comment", request.comment() == null ? "" : request.comment());
      List<Object> history = new ArrayList<>(base.history());
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("created", created);
      if (request.author() != null && !request.author().isEmpty()) {
        entry.put("author", request.author());
      }
      entry.put("created_by", String.join(" ", c.config().command()));
      if (request.comment() != null && !request.comment().isEmpty()) {
        entry.put("comment", request.comment());
      }
      history.add(entry);
      config.put("history", history);
      List<String> diffIds = new ArrayList<>(base.diffIds().stream().map(Digest::toString).toList());
      diffIds.add(layer.diffId().toString());
      config.put("rootfs", Json.map("type", "layers", "diff_ids", diffIds));
      Image image = images.createImage(Json.bytes(config), base.id(), target);
      containers.event(c, "commit", Map.of("comment", request.comment() == null ? "" : request.comment()));
      return image;
    } finally {
      if (paused) {
        try {
          lifecycle.unpause(c.id());
        } catch (BerthException | IOException e) {
          // it exited or was removed meanwhile: nothing to thaw
        }
      }
    }
  }

  /**
   * A container's changes as a layer on {@code parent}, without an image (the builder makes the image itself);
   * the layer stays leased to {@code lease} until an image holds it.
   */
  public Layer changesAsLayer(String idOrName, Digest parent, Lease lease) throws IOException {
    Container c = containers.find(idOrName);
    return registerChanges(c.rwLayer(), c.initLayer(), parent, lease);
  }

  /**
   * The changes of a read-write driver layer made on {@code lower} (a driver directory id, or null for none)
   * as a new layer on {@code parent}: the builder's COPY and ADD write into such a layer without a container.
   */
  public Layer readWriteAsLayer(String rwLayer, String lower, Digest parent, Lease lease) throws IOException {
    return registerChanges(rwLayer, lower, parent, lease);
  }

  private Layer registerChanges(Container c, Digest parent, Lease lease) throws IOException {
    return registerChanges(c.rwLayer(), c.initLayer(), parent, lease);
  }

  /**
   * The changes of {@code rwLayer} as a new layer on {@code parent}: its upper directory as it is (overlay2), or
   * (vfs) its changes against {@code lower} laid out in overlay form in a staging directory beside the layers,
   * which a crash leaves for the start-up sweep of unowned driver directories.
   */
  private Layer registerChanges(String rwLayer, String lower, Digest parent, Lease lease) throws IOException {
    if (driver().diffDirHoldsChangesOnly()) {
      return images.layers().registerDirectory(driver().diffDir(rwLayer), parent, lease);
    }
    Path staging = driver().diffDir("commit-" + java.util.UUID.randomUUID());
    Files.createDirectories(staging);
    Path empty = driver().diffDir("empty-" + java.util.UUID.randomUUID());
    try {
      Path below = lower == null ? Files.createDirectories(empty) : driver().diffDir(lower);
      Path upper = driver().diffDir(rwLayer);
      VfsChanges.stage(upper, VfsChanges.between(below, upper), staging);
      return images.layers().registerDirectory(staging, parent, lease);
    } finally {
      io.berth.common.AtomicFiles.deleteTree(staging);
      io.berth.common.AtomicFiles.deleteTree(empty);
    }
  }

  /** The merged filesystem as one tar (mounted for the time of the export when the container is stopped). */
  public void export(String idOrName, OutputStream out) throws IOException {
    Container c = containers.find(idOrName);
    boolean wasMounted = c.state().running();
    Path merged = driver().mount(c.rwLayer());
    try {
      LayerWriter.write(merged, out, WhiteoutMode.APPLY);
      containers.event(c, "export");
    } finally {
      Container now = containers.store().get(c.id()).orElse(c);
      if (!wasMounted && !now.state().running()) {
        driver().unmount(c.rwLayer());
      }
    }
  }
}
