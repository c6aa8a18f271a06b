package io.berth.engine.storage;

import io.berth.archive.ChrootView;
import io.berth.archive.LayerApplier;
import io.berth.archive.WhiteoutMode;
import io.berth.common.AtomicFiles;
import io.berth.sys.ErrnoException;
import io.berth.sys.Linux;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Docker's overlay2 layout: {@code <id>/diff} holds the layer's own files (whiteouts as 0:0
 * character devices and opaque xattrs), {@code <id>/link} a short name, {@code <id>/lower} the
 * short names of all parents, and {@code l/<short>} links to each diff. The short names keep the
 * mount options of long layer chains within one page.
 */
public final class Overlay2Driver implements GraphDriver {
  private static final String LINK_DIR = "l";
  private static final int SHORT_ID_LENGTH = 26;
  private static final int MAX_MOUNT_DATA = 4000; // the kernel copies at most one page of options
  private static final char[] SHORT_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
  private final SecureRandom random = new SecureRandom();
  private final Path home;
  /** Whether overlay takes {@code volatile} here (Linux 5.10 and later): ephemeral mounts are plain ones if not. */
  private final boolean volatileMounts;

  private Overlay2Driver(Path home, boolean volatileMounts) {
    this.home = home;
    this.volatileMounts = volatileMounts;
  }

  static Overlay2Driver open(Path home, boolean explicit) throws IOException {
    Files.createDirectories(home.resolve(LINK_DIR));
    if (explicit && !supported(home)) {
      throw new IOException("error initializing graphdriver: driver not supported: overlay2");
    }
    return new Overlay2Driver(home, probe(home, ",volatile"));
  }

  /** Probes by mounting a tiny overlay, as dockerd does: overlayfs may be absent or unusable here. */
  static boolean supported(Path home) {
    return probe(home, "");
  }

  private static boolean probe(Path home, String extraOptions) {
    Path probe = home.resolve("check-" + AtomicFiles.stagingName());
    try {
      Files.createDirectories(home);
      for (String d : List.of("lower", "upper", "work", "merged")) {
        Files.createDirectories(probe.resolve(d));
      }
      String options = "lowerdir=" + probe.resolve("lower") + ",upperdir=" + probe.resolve("upper")
          + ",workdir=" + probe.resolve("work") + extraOptions;
      Linux.mount("overlay", probe.resolve("merged"), "overlay", 0, options);
      Linux.umount2(probe.resolve("merged"), Linux.MNT_DETACH);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    } finally {
      try {
        AtomicFiles.deleteTree(probe);
      } catch (IOException ignored) {
        // the sweep at the next start removes it
      }
    }
  }

  @Override
  public String name() {
    return "overlay2";
  }

  @Override
  public Path home() {
    return home;
  }

  @Override
  public long createFromDiff(String id, String parentId, InputStream tar) throws IOException {
    return LayerCreation.orRemoved(this, id, () -> {
      create(id, parentId);
      LayerApplier.apply(tar, diffDir(id), WhiteoutMode.OVERLAY);
      return DirectorySize.of(diffDir(id));
    });
  }

  @Override
  public void createReadWrite(String id, String parentId) throws IOException {
    LayerCreation.orRemoved(this, id, () -> {
      create(id, parentId);
      Files.createDirectories(home.resolve(id).resolve("work"));
      Files.createDirectories(home.resolve(id).resolve("merged"));
    });
  }

  private void create(String id, String parentId) throws IOException {
    Path dir = home.resolve(id);
    Files.createDirectories(dir.resolve("diff"));
    String shortId = newShortId();
    Files.writeString(dir.resolve("link"), shortId);
    if (parentId != null) {
      Files.writeString(dir.resolve("lower"), lowerChain(parentId));
      Files.createDirectories(dir.resolve("work"));
    }
    Files.createSymbolicLink(home.resolve(LINK_DIR).resolve(shortId), Path.of("..", id, "diff"));
  }

  @Override
  public Path diffDir(String id) {
    return home.resolve(id).resolve("diff");
  }

  @Override
  public boolean diffDirHoldsChangesOnly() {
    return true;
  }

  @Override
  public Path mountPoint(String id) {
    return home.resolve(id).resolve("merged");
  }

  /**
   * Mounts the layer's merged view. A failure says so in dockerd's words but names the layer, not the host
   * path dockerd names (no error shows a path under the data root).
   */
  @Override
  public Path mount(String id, boolean ephemeral) throws IOException {
    try {
      return mountMerged(id, ephemeral && volatileMounts);
    } catch (IOException e) {
      String reason = e instanceof ErrnoException x ? Linux.strerror(x.errno())
          : new ChrootView(home).errors(e).getMessage();
      throw new IOException("error creating overlay mount to layer " + id + ": " + reason, e);
    }
  }

  private Path mountMerged(String id, boolean ephemeral) throws IOException {
    Path dir = home.resolve(id);
    Path merged = mountPoint(id);
    Files.createDirectories(merged);
    if (Mounts.isMountPoint(merged)) {
      return merged;
    }
    Path lowerFile = dir.resolve("lower");
    if (!Files.exists(lowerFile)) {
      Linux.mount(diffDir(id).toString(), merged, null, Linux.MS_BIND, null); // no parents: nothing to union
      return merged;
    }
    String[] lowers = Files.readString(lowerFile).trim().split(":");
    StringBuilder absolute = new StringBuilder();
    for (String lower : lowers) {
      absolute.append(absolute.isEmpty() ? "" : ":").append(home.resolve(lower));
    }
    // A volatile mount leaves this mark even when unmounted cleanly, and overlay refuses every later mount of the
    // layer while it is there. Only --rm containers' layers are mounted volatile, and after a crash they are
    // removed, never mounted again: a mark found here is from a clean unmount (a restart of a --rm container).
    AtomicFiles.deleteTree(dir.resolve("work").resolve("work").resolve("incompat"));
    String flags = ephemeral ? ",volatile" : "";
    String options = "lowerdir=" + absolute + ",upperdir=" + diffDir(id) + ",workdir=" + dir.resolve("work") + flags;
    if (options.length() < MAX_MOUNT_DATA) {
      Linux.mount("overlay", merged, "overlay", 0, options);
    } else {
      // Too long for one page with absolute paths: mount from the driver's home with the short
      // relative names, as dockerd does, in a process whose working directory is the home.
      String relative = "lowerdir=" + String.join(":", lowers) + ",upperdir=" + id + "/diff,workdir=" + id + "/work"
          + flags;
      Process p = new ProcessBuilder("mount", "-t", "overlay", "overlay", "-o", relative, merged.toString())
          .directory(home.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      try {
        if (p.waitFor() != 0) {
          throw new IOException(out.trim().replace(home.toAbsolutePath() + "/", "")); // mount(8)'s words
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while mounting layer " + id);
      }
    }
    return merged;
  }

  @Override
  public void unmount(String id) throws IOException {
    Path merged = mountPoint(id);
    if (Mounts.isMountPoint(merged)) {
      Linux.umount2(merged, Linux.MNT_DETACH);
    }
  }

  /** The {@code lower} file of a child of {@code parentId}: the parent's short name first. */
  private String lowerChain(String parentId) throws IOException {
    Path parent = home.resolve(parentId);
    String link = LINK_DIR + "/" + Files.readString(parent.resolve("link")).trim();
    Path parentLower = parent.resolve("lower");
    return Files.exists(parentLower) ? link + ":" + Files.readString(parentLower).trim() : link;
  }

  private String newShortId() {
    char[] id = new char[SHORT_ID_LENGTH];
    for (int i = 0; i < id.length; i++) {
      id[i] = SHORT_ID_CHARS[random.nextInt(SHORT_ID_CHARS.length)];
    }
    return new String(id);
  }

  @Override
  public void remove(String id) throws IOException {
    unmount(id);
    Path dir = home.resolve(id);
    Path link = dir.resolve("link");
    if (Files.exists(link)) {
      // a crash between creating the file and writing it leaves it empty: l/ itself is not the link
      String shortId = Files.readString(link, StandardCharsets.UTF_8).trim();
      if (!shortId.isEmpty() && !shortId.contains("/") && !shortId.startsWith(".")) {
        Files.deleteIfExists(home.resolve(LINK_DIR).resolve(shortId));
      }
    }
    AtomicFiles.deleteTree(dir);
  }

  @Override
  public Set<String> ids() throws IOException {
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> entries = Files.list(home)) {
      entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(LINK_DIR)).forEach(ids::add);
    }
    return ids;
  }

  /** Removes short links whose layer is gone (a crash between link and metadata). */
  public void sweepLinks() throws IOException {
    try (Stream<Path> links = Files.list(home.resolve(LINK_DIR))) {
      for (Path link : (Iterable<Path>) links::iterator) {
        if (!Files.exists(link)) {
          Files.deleteIfExists(link);
        }
      }
    }
  }

  @Override
  public Map<String, String> describe(String id) throws IOException {
    Path dir = home.resolve(id);
    Map<String, String> data = new LinkedHashMap<>();
    Path lowerFile = dir.resolve("lower");
    if (Files.exists(lowerFile)) {
      List<String> lowers = new ArrayList<>();
      for (String shortLink : Files.readString(lowerFile).trim().split(":")) {
        Path target = home.resolve(shortLink).toRealPath();
        lowers.add(target.toString());
      }
      data.put("LowerDir", String.join(":", lowers));
    }
    data.put("MergedDir", dir.resolve("merged").toString());
    data.put("UpperDir", dir.resolve("diff").toString());
    data.put("WorkDir", dir.resolve("work").toString());
    return data;
  }

  @Override
  public List<List<String>> status() {
    return List.of(
        List.of("Backing Filesystem", BackingFilesystem.of(home)),
        List.of("Supports d_type", "true"),
        List.of("Using metacopy", "false"),
        List.of("Native Overlay Diff", "true"),
        List.of("userxattr", "false"));
  }
}
