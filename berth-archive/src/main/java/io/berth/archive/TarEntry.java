package io.berth.archive;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One tar header, after PAX and GNU extensions have been merged in.
 *
 * @param name     the path as stored (directories usually end in "/")
 * @param mode     permission bits including setuid/setgid/sticky (07777)
 * @param size     the header's size field; only regular files carry that much data
 * @param mtime    modification time (nanoseconds when a PAX record carries them)
 * @param atime    access time, or null when the archive has none
 * @param linkName hard link or symlink target, "" otherwise
 * @param xattrs   extended attributes from PAX {@code SCHILY.xattr.*} records, values as raw bytes
 */
public record TarEntry(String name, Type type, int mode, int uid, int gid, long size, Instant mtime,
             Instant atime, String linkName, int devMajor, int devMinor, Map<String, byte[]> xattrs) {

  public enum Type {
    FILE('0'), HARDLINK('1'), SYMLINK('2'), CHAR_DEVICE('3'), BLOCK_DEVICE('4'), DIRECTORY('5'), FIFO('6');

    final byte flag;

    Type(char flag) {
      this.flag = (byte) flag;
    }

    /** Only regular files have data in the archive: other types never consume their size field. */
    public boolean hasData() {
      return this == FILE;
    }
  }

  public TarEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mtime, "mtime");
    linkName = linkName == null ? "" : linkName;
    xattrs = xattrs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(xattrs));
    if (size < 0) {
      throw new IllegalArgumentException("negative size");
    }
  }

  /** A convenient start for building entries: mode 0644 (0755 for directories), root-owned, empty. */
  public static TarEntry of(String name, Type type, Instant mtime) {
    return new TarEntry(name, type, type == Type.DIRECTORY ? 0755 : 0644, 0, 0, 0, mtime, null, "", 0, 0, Map.of());
  }

  public TarEntry withName(String newName) {
    return new TarEntry(newName, type, mode, uid, gid, size, mtime, atime, linkName, devMajor, devMinor, xattrs);
  }

  public TarEntry withSize(long newSize) {
    return new TarEntry(name, type, mode, uid, gid, newSize, mtime, atime, linkName, devMajor, devMinor, xattrs);
  }

  public TarEntry withMode(int newMode) {
    return new TarEntry(name, type, newMode, uid, gid, size, mtime, atime, linkName, devMajor, devMinor, xattrs);
  }

  public TarEntry withOwner(int newUid, int newGid) {
    return new TarEntry(name, type, mode, newUid, newGid, size, mtime, atime, linkName, devMajor, devMinor, xattrs);
  }

  public TarEntry withLink(Type newType, String newLinkName) {
    return new TarEntry(name, newType, mode, uid, gid, newType.hasData() ? size : 0, mtime, atime, newLinkName,
        devMajor, devMinor, xattrs);
  }

  public TarEntry withXattrs(Map<String, byte[]> newXattrs) {
    return new TarEntry(name, type, mode, uid, gid, size, mtime, atime, linkName, devMajor, devMinor, newXattrs);
  }

  public TarEntry withTimes(Instant newMtime, Instant newAtime) {
    return new TarEntry(name, type, mode, uid, gid, size, newMtime, newAtime, linkName, devMajor, devMinor, xattrs);
  }

  public TarEntry withDevice(int major, int minor) {
    return new TarEntry(name, type, mode, uid, gid, size, mtime, atime, linkName, major, minor, xattrs);
  }
}
