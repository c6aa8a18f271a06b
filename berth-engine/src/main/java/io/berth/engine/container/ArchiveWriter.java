package io.berth.engine.container;

import io.berth.archive.TarEntry;
import io.berth.archive.TarWriter;
import io.berth.sys.Linux;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tar dockerd sends for {@code GET /containers/{id}/archive}: the resource itself named by
 * {@code topName} (a directory as "name/", then its tree in sorted depth-first order as Go's
 * Walk), never following a symlink (one is archived as a link), numeric owners, mtime in seconds,
 * {@code security.capability} kept, a second name of an inode written as a hard link, sockets skipped.
 */
final class ArchiveWriter {
  private final TarWriter tar;
  private final Map<List<Long>, String> firstNameOfInode = new HashMap<>();
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);

  private ArchiveWriter(OutputStream out) {
    this.tar = new TarWriter(out);
  }

  /** Writes {@code source} as {@code topName} ("/" for the root: its entries then start with "/"). */
  static void write(Path source, String topName, OutputStream out) throws IOException {
    ArchiveWriter w = new ArchiveWriter(out);
    String prefix = topName.equals("/") ? "" : topName;
    if (w.add(source, prefix)) {
      w.walk(source, prefix + "/");
    }
    w.tar.finish();
  }

  private void walk(Path dir, String prefix) throws IOException {
    for (String name : sortedNames(dir)) {
      Path path = dir.resolve(name);
      if (add(path, prefix + name)) {
        walk(path, prefix + name + "/");
      }
    }
  }

  /** Writes one entry; true for a directory to descend into. */
  private boolean add(Path path, String name) throws IOException {
    Map<String, Object> st = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
    int stMode = (int) st.get("mode");
    TarEntry.Type type = switch (stMode & Linux.S_IFMT) {
      case Linux.S_IFREG -> TarEntry.Type.FILE;
      case Linux.S_IFDIR -> TarEntry.Type.DIRECTORY;
      case Linux.S_IFLNK -> TarEntry.Type.SYMLINK;
      case Linux.S_IFCHR -> TarEntry.Type.CHAR_DEVICE;
      case Linux.S_IFBLK -> TarEntry.Type.BLOCK_DEVICE;
      case Linux.S_IFIFO -> TarEntry.Type.FIFO;
      default -> null;
    };
    if (type == null) {
      return false; // sockets: tar cannot hold them
    }
    boolean dir = type == TarEntry.Type.DIRECTORY;
    long size = type == TarEntry.Type.FILE ? (long) st.get("size") : 0;
    long rdev = (long) st.get("rdev");
    boolean device = type == TarEntry.Type.CHAR_DEVICE || type == TarEntry.Type.BLOCK_DEVICE;
    TarEntry entry = new TarEntry(dir ? name + "/" : name, type, stMode & 07777, (int) st.get("uid"),
        (int) st.get("gid"), size,
        ((FileTime) st.get("lastModifiedTime")).toInstant().truncatedTo(ChronoUnit.SECONDS), null,
        type == TarEntry.Type.SYMLINK ? Linux.readlink(path) : "",
        device ? Linux.major(rdev) : 0, device ? Linux.minor(rdev) : 0, capability(path, type));
    if (!dir && (int) st.get("nlink") > 1) {
      String first = firstNameOfInode.putIfAbsent(List.of((long) st.get("dev"), (long) st.get("ino")), name);
      if (first != null) {
        entry = entry.withLink(TarEntry.Type.HARDLINK, first);
      }
    }
    tar.writeHeader(entry);
    if (entry.type() == TarEntry.Type.FILE && size > 0) {
      copy(path, size);
    }
    return dir;
  }

  /** Docker's archive keeps only this extended attribute. */
  private static Map<String, byte[]> capability(Path path, TarEntry.Type type) throws IOException {
    return type == TarEntry.Type.FILE ? io.berth.archive.Xattrs.ofCopiedFile(path) : Map.of();
  }

  private void copy(Path path, long size) throws IOException {
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long left = size;
      while (left > 0) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), left));
        int n = in.read(buffer);
        if (n < 0) {
          throw new IOException("archive/tar: missed writing " + left + " bytes: " + path + " shrank while being archived");
        }
        tar.write(buffer.array(), 0, n);
        left -= n;
      }
    }
  }

  private static List<String> sortedNames(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        names.add(p.getFileName().toString());
      }
    }
    names.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    return names;
  }
}
