package io.berth.builder;

import io.berth.archive.CopyOptions;
import io.berth.archive.LayerApplier;
import io.berth.archive.LayerWriter;
import io.berth.archive.SecurePath;
import io.berth.archive.WhiteoutMode;
import io.berth.common.GoPath;
import io.berth.common.PipeInputStream;
import io.berth.sys.Linux;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Copies files into a build step's tree as the classic builder does (moby's CopyWithTar and
 * CopyFileWithTar): through a tar stream, so that the extraction's confinement, owners, modes, times,
 * xattrs, links and devices are the ones every other extraction in berth has; the tar never touches disk.
 */
final class TreeCopier {
  /** Who owns what a copy writes: fixed (root, or {@code --chown}), or as in the source (COPY --from). */
  record Owner(CopyOptions.Ownership ownership, int uid, int gid) {
    static Owner fixed(int uid, int gid) {
      return new Owner(new CopyOptions.Ownership.Fixed(uid, gid), uid, gid);
    }

    static final Owner PRESERVE = new Owner(CopyOptions.Ownership.ARCHIVE, 0, 0);
  }

  private TreeCopier() {}

  /** The contents of directory {@code src} into {@code destDir} (made if missing; owned as told only if new). */
  static void copyDirectory(Path src, Path root, String destDir, Owner owner, OptionalInt chmod) throws IOException {
    copyDirectory(out -> LayerWriter.write(src, out, WhiteoutMode.APPLY), root, destDir, owner);
    if (chmod.isPresent()) {
      chmodCopies(src, SecurePath.join(root, destDir), chmod.getAsInt());
    }
  }

  /** As {@link #copyDirectory(Path, Path, String, Owner, OptionalInt)}, the contents given as a tar. */
  static void copyDirectory(TarSource contents, Path root, String destDir, Owner owner) throws IOException {
    try {
      boolean existed = Files.isDirectory(SecurePath.join(root, destDir));
      mkdirAll(root, destDir, Owner.fixed(0, 0));
      if (!existed && owner.ownership() instanceof CopyOptions.Ownership.Fixed) {
        Linux.lchown(SecurePath.join(root, destDir), owner.uid(), owner.gid());
      }
      pipe(contents, root, destDir, owner);
    } catch (IOException e) {
      throw new IOException("failed to copy directory: " + e.getMessage(), e); // moby's copyDirectory
    }
  }

  /** File {@code src} as {@code destFile}; missing parents are made, owned by the owner when fixed. */
  static void copyFile(Path src, Path root, String destFile, Owner owner, OptionalInt chmod) throws IOException {
    String name = GoPath.base(destFile);
    copyFile(out -> LayerWriter.writeCopy(src, name, UnaryOperator.identity(), out), root, destFile, owner);
    if (chmod.isPresent()) {
      Path dest = SecurePath.join(root, GoPath.dir(destFile)).resolve(name);
      if (!Files.isSymbolicLink(dest)) {
        Linux.chmod(dest, chmod.getAsInt());
      }
    }
  }

  /** As {@link #copyFile(Path, Path, String, Owner, OptionalInt)}, the file given as a one-entry tar. */
  static void copyFile(TarSource file, Path root, String destFile, Owner owner) throws IOException {
    String parent = GoPath.dir(destFile);
    boolean fixed = owner.ownership() instanceof CopyOptions.Ownership.Fixed;
    try {
      mkdirAll(root, parent, fixed ? owner : Owner.fixed(0, 0));
    } catch (IOException e) { // moby's copyFile words it so only when it chowns what it makes
      throw fixed ? new IOException("failed to create new directory: " + e.getMessage(), e) : e;
    }
    try {
      pipe(file, root, parent, owner);
    } catch (IOException e) {
      throw new IOException("failed to copy file: " + e.getMessage(), e);
    }
  }

  /** ADD of a local archive: extracted into {@code destDir} with the archive's owners (moby's Untar). */
  static void extractArchive(Path archive, Path root, String destDir) throws IOException {
    mkdirAll(root, destDir, Owner.fixed(0, 0));
    try (InputStream in = Files.newInputStream(archive)) {
      LayerApplier.extract(in, root, destDir, CopyOptions.daemon(false, CopyOptions.Ownership.ARCHIVE));
    }
  }

  /** MkdirAll inside root (symlinks followed in scope): missing directories 0755, owned by {@code owner}. */
  static void mkdirAll(Path root, String dir, Owner owner) throws IOException {
    String clean = GoPath.clean("/" + dir);
    if (clean.equals("/")) {
      return;
    }
    StringBuilder sofar = new StringBuilder();
    for (String part : clean.substring(1).split("/")) {
      sofar.append('/').append(part);
      Path p = SecurePath.join(root, sofar.toString());
      if (Files.isDirectory(p)) {
        continue;
      }
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("mkdir " + sofar + ": not a directory");
      }
      Files.createDirectory(p);
      Linux.chmod(p, 0755);
      Linux.lchown(p, owner.uid(), owner.gid());
    }
  }

  interface TarSource {
    void write(OutputStream out) throws IOException;
  }

  /** The source's tar, written on a thread of its own, extracted as it comes; a writer's failure is the error. */
  private static void pipe(TarSource source, Path root, String dest, Owner owner) throws IOException {
    try (InputStream in = PipeInputStream.of(Thread.ofVirtual().name("berth-build-copy"), 1 << 20, source::write)) {
      LayerApplier.extract(in, root, dest, CopyOptions.daemon(false, owner.ownership()));
    }
  }

  /** {@code --chmod}: every copied entry but symlinks gets the mode. */
  private static void chmodCopies(Path src, Path dest, int mode) throws IOException {
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.equals(src) || Files.isSymbolicLink(p)) {
          continue;
        }
        Linux.chmod(dest.resolve(src.relativize(p).toString()), mode);
      }
    }
  }
}
