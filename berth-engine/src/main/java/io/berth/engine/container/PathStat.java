package io.berth.engine.container;

import io.berth.common.GoTime;
import io.berth.sys.Linux;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docker's ContainerPathStat: what {@code HEAD/GET /containers/{id}/archive} report in the
 * {@code X-Docker-Container-Path-Stat} header.
 *
 * @param mode       Go's os.FileMode bits (type bits high, permissions low), as the CLI decodes them
 * @param linkTarget for a symlink, the path it finally resolves to inside the container; "" otherwise
 */
public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
  public static final long MODE_DIR = 1L << 31;
  public static final long MODE_SYMLINK = 1L << 27;
  static final long MODE_DEVICE = 1L << 26;
  static final long MODE_NAMED_PIPE = 1L << 25;
  static final long MODE_SOCKET = 1L << 24;
  static final long MODE_SETUID = 1L << 23;
  static final long MODE_SETGID = 1L << 22;
  static final long MODE_CHAR_DEVICE = 1L << 21;
  static final long MODE_STICKY = 1L << 20;

  /** Go's fillFileStatFromSys: st_mode to os.FileMode. */
  public static long goMode(int stMode) {
    long mode = stMode & 0777;
    switch (stMode & Linux.S_IFMT) {
      case Linux.S_IFBLK -> mode |= MODE_DEVICE;
      case Linux.S_IFCHR -> mode |= MODE_DEVICE | MODE_CHAR_DEVICE;
      case Linux.S_IFDIR -> mode |= MODE_DIR;
      case Linux.S_IFIFO -> mode |= MODE_NAMED_PIPE;
      case Linux.S_IFLNK -> mode |= MODE_SYMLINK;
      case Linux.S_IFSOCK -> mode |= MODE_SOCKET;
      default -> { }
    }
    if ((stMode & Linux.S_ISUID) != 0) {
      mode |= MODE_SETUID;
    }
    if ((stMode & Linux.S_ISGID) != 0) {
      mode |= MODE_SETGID;
    }
    if ((stMode & Linux.S_ISVTX) != 0) {
      mode |= MODE_STICKY;
    }
    return mode;
  }

  public boolean isDirectory() {
    return (mode & MODE_DIR) != 0;
  }

  public boolean isSymlink() {
    return (mode & MODE_SYMLINK) != 0;
  }

  /** The JSON object Docker encodes (field names and order as types.ContainerPathStat). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("size", size);
    m.put("mode", mode);
    m.put("mtime", GoTime.rfc3339Nano(mtime));
    m.put("linkTarget", linkTarget);
    return m;
  }
}
