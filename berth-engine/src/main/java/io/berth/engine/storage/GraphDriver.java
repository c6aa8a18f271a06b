package io.berth.engine.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds the unpacked directories of layers, each identified by an opaque cache id, stacked on a
 * parent. It knows nothing of digests or images: the layer store gives it ids and tars.
 */
public sealed interface GraphDriver permits Overlay2Driver, VfsDriver {

  /** The driver's name as Docker reports it: {@code overlay2} or {@code vfs}. */
  String name();

  /** Where this driver keeps its directories. */
  Path home();

  /**
   * Makes layer {@code id} on top of {@code parentId} (null for a base layer) from a layer tar.
   * Returns the layer's size as Docker's driver of the same name reports it. On failure nothing
   * of {@code id} is left behind.
   */
  long createFromDiff(String id, String parentId, InputStream tar) throws IOException;

  /**
   * Makes an empty read-write layer {@code id} on top of {@code parentId} (null for none): the
   * place a container's changes go.
   */
  void createReadWrite(String id, String parentId) throws IOException;

  /** The directory where files of layer {@code id} itself (not its parents) live. */
  Path diffDir(String id);

  /**
   * True when {@link #diffDir} holds only the layer's own changes in overlay form (overlay2), so
   * that the layer's tar can be written again from it; false when it is a full copy that includes
   * the parents' files and has applied the whiteouts (vfs).
   */
  boolean diffDirHoldsChangesOnly();

  /** Where {@link #mount} puts the root of layer {@code id}, mounted or not. */
  Path mountPoint(String id);

  /** Mounts the union of layer {@code id} and its parents; returns the merged root. Idempotent. */
  default Path mount(String id) throws IOException {
    return mount(id, false);
  }

  /**
   * As {@link #mount}; {@code ephemeral} for a layer removed when its container stops (a {@code --rm}
   * container's), whose changes need not outlive a crash: overlay mounts it {@code volatile} (as Podman does for
   * {@code --rm}), so that its unmount does not sync the whole filesystem under it, which on a busy disk takes
   * from milliseconds to seconds. Syncs inside the container do not reach the disk then: volumes are bind mounts
   * and keep theirs.
   */
  Path mount(String id, boolean ephemeral) throws IOException;

  /** Undoes {@link #mount}; a layer that is not mounted is fine. */
  void unmount(String id) throws IOException;

  /** Removes layer {@code id}; a missing one is fine. */
  void remove(String id) throws IOException;

  /** Every layer id present on disk, for the start-up sweep of leftovers. */
  Set<String> ids() throws IOException;

  /** The {@code GraphDriver.Data} of inspect for layer {@code id}. */
  Map<String, String> describe(String id) throws IOException;

  /** The {@code DriverStatus} rows of {@code /info}. */
  List<List<String>> status();

  static GraphDriver open(String requested, Path dataRoot) throws IOException {
    return switch (requested == null || requested.isEmpty() ? "" : requested) {
      case "overlay2" -> Overlay2Driver.open(dataRoot.resolve("overlay2"), true);
      case "vfs" -> new VfsDriver(dataRoot.resolve("vfs"));
      case "" -> Overlay2Driver.supported(dataRoot.resolve("overlay2"))
          ? Overlay2Driver.open(dataRoot.resolve("overlay2"), false)
          : new VfsDriver(dataRoot.resolve("vfs"));
      default -> throw new IOException("error initializing graphdriver: driver not supported: " + requested);
    };
  }
}
