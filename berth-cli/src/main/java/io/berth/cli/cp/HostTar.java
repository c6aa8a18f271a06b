package io.berth.cli.cp;

import io.berth.common.GoPath;

import io.berth.archive.TarEntry;
import io.berth.archive.TarWriter;
import io.berth.archive.Xattrs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * moby's TarResourceRebase for a local source: the tar of one file or directory tree named by its
 * base name (or its rebase name), "./"-prefixed entries for a "dir/." source, directories depth
 * first in lexical order, a second name of an inode as a hard link, sockets skipped, mtimes in
 * whole seconds, a file's capability (security.capability) kept as moby's tar does. {@code rename} is then applied to every name, as RebaseArchiveEntries would.
 */
public final class HostTar {
  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFIFO = 0010000;

  private final TarWriter tar;
  private final UnaryOperator<String> rename;
  private final Map<List<Long>, String> firstNameOfInode = new HashMap<>();

  private HostTar(OutputStream out, UnaryOperator<String> rename) {
    this.tar = new TarWriter(out);
    this.rename = rename;
  }

  /** Writes the archive of {@code source} (its last element may be "."), leaving {@code out} open. */
  public static void write(CopyInfo source, UnaryOperator<String> rename, OutputStream out) throws IOException {
    String[] split = CopyPaths.splitPathDirEntry(source.path());
    String include = split[1];
    UnaryOperator<String> rebase = source.rebaseName().isEmpty() ? UnaryOperator.identity()
        : EntryNames.replaceFirst(include, source.rebaseName().equals("/") ? "" : source.rebaseName());
    HostTar writer = new HostTar(out, name -> rename.apply(name));
    writer.walk(Path.of(GoPath.join(split[0], include)), include, rebase);
    writer.tar.finish();
    out.flush();
  }

  private void walk(Path path, String relName, UnaryOperator<String> rebase) throws IOException {
    if (add(path, rebase.apply(relName))) {
      List<Path> children;
      try (Stream<Path> list = Files.list(path)) {
        children = list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
      }
      for (Path child : children) {
        walk(child, relName + "/" + child.getFileName(), rebase);
      }
    }
  }

  /** Writes one entry; true when it is a directory to descend into. */
  private boolean add(Path path, String name) throws IOException {
    Map<String, Object> st = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
    int mode = (int) st.get("mode");
    TarEntry.Type type = switch (mode & S_IFMT) {
      case S_IFREG -> TarEntry.Type.FILE;
      case S_IFDIR -> TarEntry.Type.DIRECTORY;
      case S_IFLNK -> TarEntry.Type.SYMLINK;
      case S_IFCHR -> TarEntry.Type.CHAR_DEVICE;
      case S_IFBLK -> TarEntry.Type.BLOCK_DEVICE;
      case S_IFIFO -> TarEntry.Type.FIFO;
      default -> null; // sockets cannot be archived: Docker skips them
    };
    if (type == null) {
      return false;
    }
    if (type == TarEntry.Type.DIRECTORY && !name.endsWith("/")) {
      name += "/";
    }
    Instant mtime = Instant.ofEpochSecond(((java.nio.file.attribute.FileTime) st.get("lastModifiedTime")).toInstant()
        .getEpochSecond());
    TarEntry entry = new TarEntry(rename.apply(name), type, mode & 07777, (int) st.get("uid"), (int) st.get("gid"), 0,
        mtime, null, "", 0, 0, type == TarEntry.Type.FILE ? Xattrs.ofCopiedFile(path) : Map.of());
    switch (type) {
      case SYMLINK -> entry = entry.withLink(type, Files.readSymbolicLink(path).toString());
      case CHAR_DEVICE, BLOCK_DEVICE -> {
        long rdev = (long) st.get("rdev");
        entry = entry.withDevice((int) (((rdev >>> 32) & 0xfffff000L) | ((rdev >>> 8) & 0xfff)),
            (int) (((rdev >>> 12) & 0xffffff00L) | (rdev & 0xff)));
      }
      case FILE -> {
        List<Long> inode = List.of((long) st.get("dev"), (long) st.get("ino"));
        String first = (int) st.get("nlink") > 1 ? firstNameOfInode.putIfAbsent(inode, entry.name()) : null;
        if (first != null) {
          entry = entry.withLink(TarEntry.Type.HARDLINK, first);
        } else {
          entry = entry.withSize((long) st.get("size"));
        }
      }
      default -> { }
    }
    tar.writeHeader(entry);
    if (entry.type() == TarEntry.Type.FILE) {
      try (InputStream in = Files.newInputStream(path)) {
        tar.writeContent(in);
      }
    }
    return type == TarEntry.Type.DIRECTORY;
  }
}
