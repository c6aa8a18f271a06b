package io.berth.engine.storage;

import io.berth.archive.LayerApplier;
import io.berth.archive.WhiteoutMode;
import io.berth.common.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The fallback for hosts without overlayfs: every layer is a full copy of its parent with the
 * layer's changes applied, whiteouts carried out as deletions. Slow and large, but works anywhere.
 */
public final class VfsDriver implements GraphDriver {
  private final Path home;

  VfsDriver(Path home) throws IOException {
    this.home = home;
    Files.createDirectories(home.resolve("dir"));
  }

  @Override
  public String name() {
    return "vfs";
  }

  @Override
  public Path home() {
    return home;
  }

  private Path dir(String id) {
    return home.resolve("dir").resolve(id);
  }

  @Override
  public long createFromDiff(String id, String parentId, InputStream tar) throws IOException {
    return LayerCreation.orRemoved(this, id, () -> {
      createTree(id, parentId);
      return LayerApplier.apply(tar, dir(id), WhiteoutMode.APPLY);
    });
  }

  @Override
  public void createReadWrite(String id, String parentId) throws IOException {
    LayerCreation.orRemoved(this, id, () -> createTree(id, parentId));
  }

  /** A vfs layer starts as a whole copy of its parent. */
  private void createTree(String id, String parentId) throws IOException {
    if (parentId == null) {
      Files.createDirectories(dir(id));
    } else {
      TreeCopy.copy(dir(parentId), dir(id));
    }
  }

  @Override
  public Path diffDir(String id) {
    return dir(id);
  }

  @Override
  public boolean diffDirHoldsChangesOnly() {
    return false;
  }

  @Override
  public Path mountPoint(String id) {
    return dir(id);
  }

  /** A vfs layer is a whole tree already: nothing to mount. */
  @Override
  public Path mount(String id, boolean ephemeral) {
    return dir(id);
  }

  @Override
  public void unmount(String id) {
    // nothing was mounted
  }

  @Override
  public void remove(String id) throws IOException {
    AtomicFiles.deleteTree(dir(id));
  }

  @Override
  public Set<String> ids() throws IOException {
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> entries = Files.list(home.resolve("dir"))) {
      entries.forEach(p -> ids.add(p.getFileName().toString()));
    }
    return ids;
  }

  @Override
  public Map<String, String> describe(String id) {
    return Map.of("Dir", dir(id).toString());
  }

  @Override
  public List<List<String>> status() {
    return List.of();
  }
}
