package io.berth.engine.container;

import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The changes of a layer that is a full copy of its parent (vfs), found by comparing the two trees as
 * Docker's naive diff driver does (archive.ChangesDirs): a path only in the layer is added, one only in the
 * parent deleted (its children are not listed), one in both modified when its type, permissions, owner,
 * device number or file capability differ, or, for a non-directory, its size or mtime (whole seconds
 * compared, nanoseconds too when both have them); a directory with changes inside is modified as well.
 * {@link #stage} then lays the changes out in overlay form, so that commit records them as it does a
 * container's upper directory.
 */
final class VfsChanges {
  private static final String CAPABILITY = "security.capability";

  private VfsChanges() {}

  /** The changes of {@code layer} against {@code parent}, sorted by path. */
  static List<Snapshots.Change> between(Path parent, Path layer) throws IOException {
    Map<String, Integer> changes = new TreeMap<>();
    compareChildren(parent, layer, "", changes);
    List<Snapshots.Change> out = new ArrayList<>();
    changes.forEach((path, kind) -> out.add(new Snapshots.Change(path, kind)));
    return out;
  }

  /** The stat fields compared and copied, named ("unix:*" would look owners up by name for every file). */
  private static final String STAT = "unix:mode,uid,gid,rdev,size,lastModifiedTime";

  /** Compares the children of two directories (old may be null: everything under new is added). */
  private static void compareChildren(Path oldDir, Path newDir, String rel, Map<String, Integer> changes)
      throws IOException {
    TreeSet<String> oldNames = oldDir == null ? new TreeSet<>() : names(oldDir);
    for (String name : names(newDir)) {
      Path newChild = newDir.resolve(name);
      String childRel = rel + "/" + name;
      Map<String, Object> newStat = Files.readAttributes(newChild, STAT, LinkOption.NOFOLLOW_LINKS);
      Path oldChild = oldNames.remove(name) ? oldDir.resolve(name) : null;
      int before = changes.size();
      boolean recorded = false;
      Map<String, Object> oldStat = oldChild == null ? null
          : Files.readAttributes(oldChild, STAT, LinkOption.NOFOLLOW_LINKS);
      if (oldChild == null) {
        changes.put(childRel, Snapshots.KIND_ADDED);
        recorded = true;
      } else if (statDifferent(oldStat, newStat) || !Arrays.equals(capability(oldChild), capability(newChild))) {
        changes.put(childRel, Snapshots.KIND_MODIFIED);
        recorded = true;
      }
      if (isDir(newStat)) {
        compareChildren(oldStat != null && isDir(oldStat) ? oldChild : null, newChild, childRel, changes);
        if (changes.size() > before && !recorded) {
          changes.put(childRel, Snapshots.KIND_MODIFIED); // so that commit keeps its metadata
        }
      }
    }
    for (String gone : oldNames) {
      changes.put(rel + "/" + gone, Snapshots.KIND_DELETED);
    }
  }

  /** Docker's statDifferent: size and mtime are no measure of change for a directory. */
  private static boolean statDifferent(Map<String, Object> a, Map<String, Object> b) {
    if (!a.get("mode").equals(b.get("mode")) || !a.get("uid").equals(b.get("uid"))
        || !a.get("gid").equals(b.get("gid")) || !a.get("rdev").equals(b.get("rdev"))) {
      return true;
    }
    return !isDir(a) && (!a.get("size").equals(b.get("size"))
        || !sameTime((FileTime) a.get("lastModifiedTime"), (FileTime) b.get("lastModifiedTime")));
  }

  /** Docker's sameFsTime: the same second, and the same nanoseconds unless one side has none. */
  static boolean sameTime(FileTime a, FileTime b) {
    var x = a.toInstant();
    var y = b.toInstant();
    return x.getEpochSecond() == y.getEpochSecond() && (x.getNano() == y.getNano() || x.getNano() == 0 || y.getNano() == 0);
  }

  private static byte[] capability(Path p) throws IOException {
    Optional<byte[]> value = Linux.lgetxattr(p, CAPABILITY);
    return value.orElse(null);
  }

  private static boolean isDir(Map<String, Object> stat) {
    return ((int) stat.get("mode") & Linux.S_IFMT) == Linux.S_IFDIR;
  }

  private static TreeSet<String> names(Path dir) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }

  /**
   * Lays {@code changes} of {@code layer} out under {@code staging} (an empty directory on the layer's
   * filesystem) in overlay form: added and modified files hard-linked (no data copied), directories made with
   * the layer's owner, permissions, xattrs and mtime, deletions as 0:0 character devices. A directory that is
   * added or modified but whose children did not change gets no children, as in an overlay upper directory
   * where only the directory was copied up.
   */
  static void stage(Path layer, List<Snapshots.Change> changes, Path staging) throws IOException {
    List<Path> dirs = new ArrayList<>();
    for (Snapshots.Change change : changes) { // sorted: a directory comes before what is in it
      String rel = change.path().substring(1);
      Path target = staging.resolve(rel);
      Files.createDirectories(target.getParent());
      if (change.kind() == Snapshots.KIND_DELETED) {
        Linux.mknod(target, Linux.S_IFCHR, 0);
        continue;
      }
      Path source = layer.resolve(rel);
      if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(target);
        dirs.add(target);
      } else {
        Files.createLink(target, source);
      }
    }
    for (Path dir : dirs.reversed()) { // children first: making them changed the parents' mtimes
      copyMetadata(layer.resolve(staging.relativize(dir).toString()), dir);
    }
  }

  private static void copyMetadata(Path from, Path to) throws IOException {
    Map<String, Object> st = Files.readAttributes(from, STAT, LinkOption.NOFOLLOW_LINKS);
    Linux.lchown(to, (int) st.get("uid"), (int) st.get("gid"));
    Linux.chmod(to, (int) st.get("mode") & 07777);
    for (String name : Linux.llistxattr(from)) {
      Optional<byte[]> value = Linux.lgetxattr(from, name);
      if (value.isPresent()) {
        Linux.lsetxattr(to, name, value.get());
      }
    }
    FileTime mtime = (FileTime) st.get("lastModifiedTime");
    Linux.utimensat(to, mtime.toInstant(), mtime.toInstant(), true);
  }
}
