package io.berth.archive;

import io.berth.common.GoPath;
import io.berth.sys.Linux;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.berth.common.GoQuote.quote;

/**
 * Extracts a tar into a directory as Docker does in a process chrooted into {@code root}, with full fidelity
 * (owners, all mode bits, xattrs, devices, fifos, hard links, nanosecond times, directory times set after their
 * contents), in one of two modes:
 * <ul>
 * <li>a layer ({@link #apply}, moby's UnpackLayer into "/"): whiteouts converted for the {@link WhiteoutMode},
 * aufs metadata skipped, a "." entry sets the root's metadata;</li>
 * <li>a copy ({@link #extract}, moby's Untar into a destination directory, as {@code docker cp} uses it on
 * either side): {@code .wh.} names are ordinary files, entries are renamed first, owners as {@link CopyOptions}
 * say, and Docker's refusals relative to the destination: names that climb above it, symlinks whose target
 * climbs above it, hard links to outside it.</li>
 * </ul>
 * Confinement is the extraction's, not the archive's: every entry's parent is resolved inside root with
 * {@link SecurePath} (symlinks followed as if root were "/", ".." stopped there), an existing entry is replaced
 * and never written through, and hard link targets are resolved inside root the same way; so no entry can
 * create, change or delete anything outside root, whatever symlinks the archive or the tree already holds.
 * A symlink is data: its target is stored as it is (Docker's chrooted untar accepts one climbing above the
 * root, where it points at "/"). Errors name paths as seen from inside root ({@link ChrootView}). Overlay's own
 * xattrs ({@code trusted.overlay.*}, {@code user.overlay.*}) in an archive are ignored so that it cannot forge
 * overlayfs metadata.
 */
public final class LayerApplier {
  static final String WHITEOUT_PREFIX = ".wh.";
  static final String WHITEOUT_META_PREFIX = ".wh..wh.";
  static final String WHITEOUT_OPAQUE = ".wh..wh..opq";
  static final String OVERLAY_OPAQUE_XATTR = "trusted.overlay.opaque";
  private static final int IMPLIED_DIRECTORY_MODE = 0755;
  private static final CopyOptions LAYER = CopyOptions.daemon(false, CopyOptions.Ownership.ARCHIVE);

  private final Path root;
  private final String dest; // absolute in root, cleaned: "/" for a layer
  private final WhiteoutMode mode; // null: not a layer
  private final CopyOptions options;
  /**
   * Resolved relative paths this archive created, with their ancestors: an opaque marker keeps them
   * (Docker's unpackedPaths).
   */
  private final Set<String> created = new HashSet<>();
  private final List<DirTimes> dirTimes = new ArrayList<>();
  private final byte[] buffer = new byte[1 << 20];
  private final ParallelWrites writes = new ParallelWrites();
  private long entryIndex;
  /** The last parent directory ensured, reached through no symlink (null: none), relative to root. */
  private String ensuredParent;

  private record DirTimes(String relPath, Instant atime, Instant mtime) {
  }

  private LayerApplier(Path root, String dest, WhiteoutMode mode, CopyOptions options) {
    this.root = root;
    this.dest = dest;
    this.mode = mode;
    this.options = options;
  }

  /**
   * Applies {@code layer} (a tar, plain or compressed with anything {@link Compression} detects) to
   * {@code root}, which must be an existing directory. Reads {@code layer} to its end but does not close it.
   *
   * @return the sum of the entries' size fields: the layer size as Docker computes it
   */
  public static long apply(InputStream layer, Path root, WhiteoutMode mode) throws IOException {
    return new LayerApplier(root, "/", mode, LAYER).run(layer);
  }

  /**
   * {@code docker cp}'s extraction of {@code archive} (plain or compressed) into {@code dest}, an existing
   * directory given as an absolute path inside {@code root} (the container's root, or "/" on the client's
   * side). Reads the archive to its end but does not close it.
   */
  public static void extract(InputStream archive, Path root, String dest, CopyOptions options) throws IOException {
    new LayerApplier(root, GoPath.clean("/" + dest), null, options).run(archive);
  }

  private long run(InputStream archive) throws IOException {
    ChrootView view = new ChrootView(root);
    if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(view.path(root), null, "not a directory");
    }
    try (InputStream tar = Compression.decompress(new FilterInputStream(archive) {
      @Override
      public void close() {
        // the caller owns the stream
      }
    })) {
      long size = applyAll(tar);
      // drain, as Docker does: the caller may be hashing the stream
      tar.transferTo(OutputStream.nullOutputStream());
      return size;
    } catch (IOException e) {
      throw view.errors(e);
    }
  }

  private long applyAll(InputStream tar) throws IOException {
    TarReader reader = new TarReader(tar);
    long size = 0;
    try {
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        size += e.size();
        entryIndex++;
        try {
          applyEntry(reader, renamed(e));
        } catch (InvalidPathException ex) {
          throw new IOException("invalid path in archive " + quote(e.name()) + ": " + ex.getReason());
        }
      }
      writes.barrier();
    } catch (IOException | RuntimeException e) {
      writes.barrier(); // an entry written on another thread came before this one: its failure is the one to report
      throw e;
    } finally {
      writes.drain(); // also when failing: nothing may write into the tree after this returns
    }
    for (DirTimes d : dirTimes) {
      // re-resolved: a later entry may have replaced a parent with a symlink
      Path dir = SecurePath.joinNoFollow(root, d.relPath());
      BasicFileAttributes attrs = GoFiles.lstat(dir);
      if (attrs != null && attrs.isDirectory()) {
        Linux.utimensat(dir, d.atime(), d.mtime(), true);
      }
    }
    return size;
  }

  /** RebaseArchiveEntries: the name, and a hard link's target, renamed. */
  private TarEntry renamed(TarEntry e) {
    TarEntry r = e.withName(options.rename().apply(e.name()));
    return e.type() == TarEntry.Type.HARDLINK ? r.withLink(e.type(), options.rename().apply(e.linkName())) : r;
  }

  private void applyEntry(TarReader reader, TarEntry e) throws IOException {
    String name = GoPath.clean(e.name()); // Go's filepath.Clean: a leading "../" stays
    String path = GoPath.join(dest, name); // absolute in root, lexical
    if (mode != null && isAufsMetadata(path.substring(1))) {
      return; // not part of the filesystem
    }
    if (!within(path)) {
      throw new BreakoutException(quote(name) + " is outside of " + quote(dest));
    }
    if (path.equals(dest)) {
      writes.barrier();
      ensuredParent = null;
      applyToDestination(e, name);
      return;
    }
    String rel = path.substring(1);
    int slash = rel.lastIndexOf('/');
    String base = rel.substring(slash + 1);
    String parent = ensureDirectory(slash < 0 ? "" : rel.substring(0, slash));
    if (mode != null && base.startsWith(WHITEOUT_PREFIX)) {
      writes.barrier();
      ensuredParent = null;
      applyWhiteout(e, parent, base);
      return;
    }
    String relPath = child(parent, base);
    forgetEnsuredParent(relPath);
    boolean isDir = e.type() == TarEntry.Type.DIRECTORY;
    if (!isDir && e.type() != TarEntry.Type.FILE || writes.busy(relPath)) {
      writes.barrier(); // a link needs its target written; a path in flight is written once more, after
    }
    Path target = root.resolve(relPath);
    BasicFileAttributes existing = GoFiles.lstat(target);
    if (existing != null) {
      if (options.noOverwriteDirNonDir() && existing.isDirectory() != isDir) {
        throw new IOException(existing.isDirectory()
            ? "cannot overwrite directory " + quote(path) + " with non-directory " + quote(dest)
            : "cannot overwrite non-directory " + quote(path) + " with directory " + quote(dest));
      }
      if (existing.isDirectory() && !isDir) {
        writes.barrier(); // files may be in flight below it
      }
    }
    markCreated(relPath);
    if (e.type() == TarEntry.Type.FILE && e.size() <= ParallelWrites.MAX_FILE
        && !(existing != null && existing.isDirectory())) {
      byte[] content = reader.readRest();
      writes.submit(entryIndex, relPath, () -> {
        if (existing != null) {
          GoFiles.removeAll(target);
        }
        try (FileChannel out = GoFiles.createFile(target)) {
          ByteBuffer bb = ByteBuffer.wrap(content);
          while (bb.hasRemaining()) {
            out.write(bb);
          }
        }
        applyMetadata(e, target, relPath);
      });
      return;
    }
    if (existing != null && !(existing.isDirectory() && isDir)) {
      GoFiles.removeAll(target);
    }
    create(reader, e, target, path);
    applyMetadata(e, target, relPath);
  }

  private static boolean isAufsMetadata(String rel) {
    int slash = rel.lastIndexOf('/');
    String first = rel.indexOf('/') < 0 ? rel : rel.substring(0, rel.indexOf('/'));
    String base = rel.substring(slash + 1);
    return (first.startsWith(WHITEOUT_META_PREFIX) && !rel.equals(WHITEOUT_OPAQUE))
        || (base.startsWith(WHITEOUT_META_PREFIX) && !base.equals(WHITEOUT_OPAQUE));
  }

  /** Go's strings.HasPrefix(path, dest) after its filepath.Rel check: "../" never, a sibling prefix as Docker. */
  private boolean within(String path) {
    return dest.equals("/") || path.equals(dest) || path.startsWith(dest + "/");
  }

  /** Docker's check on link targets, a plain string prefix (it lets "/tmpx" pass for "/tmp"). */
  private boolean linkWithin(String path) {
    return path.startsWith(dest);
  }

  /** A layer's "." sets the root's metadata; a copy never changes its destination itself. */
  private void applyToDestination(TarEntry e, String name) throws IOException {
    if (e.type() != TarEntry.Type.DIRECTORY) {
      throw new IOException(mode != null
          ? "cannot replace the root directory with a non-directory entry " + quote(e.name())
          : "cannot replace the extraction directory with " + quote(name));
    }
    if (mode != null) {
      applyMetadata(e, root, "");
    }
  }

  private void create(TarReader reader, TarEntry e, Path target, String path) throws IOException {
    switch (e.type()) {
      case DIRECTORY -> {
        if (GoFiles.lstat(target) == null) {
          GoFiles.mkdir(target);
        }
      }
      case FILE -> {
        try (FileChannel out = GoFiles.createFile(target)) {
          int n;
          while ((n = reader.read(buffer, 0, buffer.length)) > 0) {
            ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
            while (bb.hasRemaining()) {
              out.write(bb);
            }
          }
        }
      }
      case HARDLINK -> {
        String linkPath = GoPath.join(dest, e.linkName());
        if (!linkWithin(linkPath)) {
          throw new BreakoutException("invalid hardlink " + quote(linkPath) + " -> " + quote(e.linkName()));
        }
        GoFiles.link(SecurePath.joinNoFollow(root, linkPath), target);
      }
      case SYMLINK -> {
        if (!linkWithin(GoPath.join(GoPath.dir(path), e.linkName()))) {
          throw new BreakoutException("invalid symlink " + quote(path) + " -> " + quote(e.linkName()));
        }
        Linux.symlink(e.linkName(), target);
      }
      case CHAR_DEVICE -> Linux.mknod(target, Linux.S_IFCHR | (e.mode() & 07777),
          Linux.makedev(e.devMajor(), e.devMinor()));
      case BLOCK_DEVICE -> Linux.mknod(target, Linux.S_IFBLK | (e.mode() & 07777),
          Linux.makedev(e.devMajor(), e.devMinor()));
      case FIFO -> Linux.mknod(target, Linux.S_IFIFO | (e.mode() & 07777), 0);
    }
  }

  /** Owner, xattrs, then mode (chown clears setuid), then times (directories: at the end). */
  private void applyMetadata(TarEntry e, Path path, String relPath) throws IOException {
    switch (options.ownership()) {
      case CopyOptions.Ownership.FromArchive _ -> Linux.lchown(path, e.uid(), e.gid());
      case CopyOptions.Ownership.Fixed f -> Linux.lchown(path, f.uid(), f.gid());
      case CopyOptions.Ownership.ExtractingUser _ -> {
      }
    }
    Xattrs.apply(path, e.xattrs());
    // a hard link shares its target's inode: for a link to a symlink that is the symlink's
    boolean symlink = e.type() == TarEntry.Type.SYMLINK
        || (e.type() == TarEntry.Type.HARDLINK && GoFiles.lstat(path).isSymbolicLink());
    if (!symlink) {
      Linux.chmod(path, e.mode());
    }
    Instant mtime = atLeastEpoch(e.mtime());
    if (e.type() == TarEntry.Type.DIRECTORY) {
      dirTimes.add(new DirTimes(relPath, e.atime() == null ? Instant.EPOCH : atLeastEpoch(e.atime()), mtime));
    } else if (!(symlink && e.type() == TarEntry.Type.HARDLINK)) {
      Instant atime = e.atime() == null || e.atime().isBefore(mtime) ? mtime : e.atime();
      Linux.utimensat(path, atime, mtime, true);
    }
  }

  private void applyWhiteout(TarEntry e, String parent, String base) throws IOException {
    Path dir = root.resolve(parent);
    if (base.equals(WHITEOUT_OPAQUE)) {
      switch (mode) {
        case OVERLAY -> Linux.lsetxattr(dir, OVERLAY_OPAQUE_XATTR, new byte[]{'y'});
        case APPLY -> removeAllBut(dir, parent);
      }
      return;
    }
    String name = base.substring(WHITEOUT_PREFIX.length());
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new IOException("invalid whiteout entry " + quote(e.name()));
    }
    Path target = dir.resolve(name);
    GoFiles.removeAll(target);
    if (mode == WhiteoutMode.OVERLAY) {
      Linux.mknod(target, Linux.S_IFCHR, 0);
      Linux.lchown(target, e.uid(), e.gid());
      // Docker leaves the device's times at "now"; keeping the entry's makes write-after-apply exact
      Instant mtime = atLeastEpoch(e.mtime());
      Linux.utimensat(target, e.atime() == null || e.atime().isBefore(mtime) ? mtime : e.atime(), mtime, true);
    }
  }

  /** The pre-existing children of an opaque directory go; what this archive created stays. */
  private void removeAllBut(Path dir, String relDir) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    for (Path child : children) {
      String childRel = child(relDir, child.getFileName().toString());
      if (created.contains(childRel)) {
        BasicFileAttributes attrs = GoFiles.lstat(child);
        if (attrs != null && attrs.isDirectory()) {
          removeAllBut(child, childRel);
        }
      } else {
        GoFiles.removeAll(child);
      }
    }
  }

  /** A created path keeps its ancestors too: an opaque marker must not delete what leads to it. */
  private void markCreated(String relPath) {
    String p = relPath;
    while (created.add(p)) {
      int slash = p.lastIndexOf('/');
      if (slash < 0) {
        return;
      }
      p = p.substring(0, slash);
    }
  }

  /**
   * Resolves the parent directory inside root and creates what is missing of it (mode 0755, root-owned
   * unless owners are left alone, as Docker's implied directories). Returns its resolved path relative to root.
   * Under a component that is no directory nothing is made: the entry's own creation then fails there with
   * ENOTDIR, in Docker's words ("open /a/b: not a directory").
   */
  private String ensureDirectory(String lexicalParent) throws IOException {
    if (lexicalParent.isEmpty()) {
      return "";
    }
    if (lexicalParent.equals(ensuredParent)) {
      return ensuredParent; // the previous entry's directory, as most entries of a tar: checked, still there
    }
    boolean[] followedSymlink = {false};
    String resolved = SecurePath.relative(root, lexicalParent, true, followedSymlink);
    String prefix = "";
    boolean allDirectories = true;
    for (String part : resolved.isEmpty() ? new String[0] : resolved.split("/")) {
      prefix = child(prefix, part);
      Path p = root.resolve(prefix);
      if (writes.busy(prefix)) {
        writes.barrier(); // a file being written where this path wants a directory: it is a file, then
      }
      BasicFileAttributes attrs = GoFiles.lstat(p);
      if (attrs != null) {
        if (!attrs.isDirectory()) {
          allDirectories = false;
          break;
        }
        continue;
      }
      GoFiles.mkdir(p);
      if (!(options.ownership() instanceof CopyOptions.Ownership.ExtractingUser)) {
        Linux.lchown(p, 0, 0);
      }
      Linux.chmod(p, IMPLIED_DIRECTORY_MODE);
      markCreated(prefix);
    }
    // Only a directory reached through no symlink is remembered: its resolution can then change only where an
    // entry replaces it or one of its ancestors (see forgetEnsuredParent).
    ensuredParent = allDirectories && !followedSymlink[0] ? resolved : null;
    return resolved;
  }

  /** Forgets the remembered directory when the entry at {@code relPath} may change how it resolves. */
  private void forgetEnsuredParent(String relPath) {
    if (ensuredParent != null && (relPath.isEmpty() || ensuredParent.equals(relPath)
        || ensuredParent.startsWith(relPath + "/"))) {
      ensuredParent = null;
    }
  }

  private static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  private static Instant atLeastEpoch(Instant t) {
    return t.isBefore(Instant.EPOCH) ? Instant.EPOCH : t;
  }
}
