package io.berth.archive;

import io.berth.sys.ErrnoException;
import io.berth.sys.Linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Extended attributes between files and tar entries (PAX SCHILY.xattr.*), as Docker's archive package moves them. */
public final class Xattrs {
  public static final String CAPABILITY = "security.capability";

  private Xattrs() {
  }

  /** A layer entry's: all but overlay's own and SELinux labels; a file capability as revision 2. */
  public static Map<String, byte[]> ofLayerEntry(Path path) throws IOException {
    List<String> names;
    try {
      names = Linux.llistxattr(path);
    } catch (ErrnoException e) {
      if (e.errno() == Linux.ENOTSUP) {
        return Map.of();
      }
      throw e;
    }
    Map<String, byte[]> xattrs = new LinkedHashMap<>();
    for (String name : names) {
      if (isOverlays(name) || name.equals("security.selinux")) {
        continue;
      }
      byte[] value = Linux.lgetxattr(path, name).orElse(null);
      if (value != null) { // else removed meanwhile
        xattrs.put(name, name.equals(CAPABILITY) ? revision2(value) : value);
      }
    }
    return xattrs;
  }

  /** What {@code docker cp} archives of a regular file: its file capability only, as revision 2. */
  public static Map<String, byte[]> ofCopiedFile(Path path) {
    try {
      return Linux.lgetxattr(path, CAPABILITY).map(v -> Map.of(CAPABILITY, revision2(v))).orElse(Map.of());
    } catch (ErrnoException e) {
      return Map.of(); // a filesystem without xattrs
    }
  }

  /**
   * Sets an entry's attributes on {@code path}, except overlay's own (they would change what a layer
   * means); one the filesystem does not support or the caller may not set (EPERM, for instance
   * {@code user.*} on a symlink or {@code trusted.*} unprivileged) is skipped, as Docker does.
   */
  public static void apply(Path path, Map<String, byte[]> xattrs) throws IOException {
    for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
      if (isOverlays(x.getKey())) {
        continue;
      }
      try {
        Linux.lsetxattr(path, x.getKey(), x.getValue());
      } catch (ErrnoException e) {
        if (e.errno() != Linux.EPERM && e.errno() != Linux.ENOTSUP) {
          throw e;
        }
      }
    }
  }

  private static boolean isOverlays(String name) {
    return name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.");
  }

  /** VFS_CAP_REVISION_3 carries a namespace root uid that means nothing elsewhere: revision 2 (20 bytes). */
  private static byte[] revision2(byte[] capability) {
    if (capability.length <= 3 || capability[3] != 3) {
      return capability;
    }
    byte[] v2 = Arrays.copyOf(capability, 20);
    v2[3] = 2;
    return v2;
  }
}
