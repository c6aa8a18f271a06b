package io.berth.cli.cp;

import io.berth.archive.ArchivePaths;
import io.berth.client.BerthClient;
import io.berth.common.GoPath;
import io.berth.common.ObservedInputStream;
import io.berth.common.PipeInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;


/**
 * The two directions of {@code docker cp} (docker/cli's copyFromContainer and copyToContainer):
 * stat both sides, let {@link CopyPlan} decide where the archive goes and how its top entry is
 * renamed, stream it, and report "Successfully copied SIZE to DEST" (SIZE being the tar's size)
 * unless quiet.
 *
 * @param stderrTerminal whether progress may be drawn on stderr
 * @param cwd what local relative paths are relative to
 */
public record Copier(BerthClient client, InputStream stdin, PrintStream stdout, PrintStream stderr,
    boolean stderrTerminal, boolean quiet, String cwd) {
  /** {@code cp CONTAINER:SRC DEST|-}. */
  public void fromContainer(String container, String srcPath, String dstPath, boolean followLink) throws IOException {
    if (!dstPath.equals("-")) {
      dstPath = CopyPaths.resolveLocal(dstPath, cwd);
    }
    validateOutputPath(dstPath);
    ContainerArchive archive = new ContainerArchive(client, container);
    String rebase = "";
    if (followLink) {
      PathStat stat = statQuietly(archive, srcPath);
      if (stat != null && stat.isSymlink()) {
        String[] r = CopyPaths.rebaseName(srcPath, linkTarget(srcPath, stat));
        srcPath = r[0];
        rebase = r[1];
      }
    }
    try (ContainerArchive.Download download = archive.download(srcPath)) {
      if (dstPath.equals("-")) {
        download.response().body().transferTo(stdout);
        stdout.flush();
        return;
      }
      CopyInfo src = new CopyInfo(srcPath, true, download.stat().isDir(), rebase);
      UnaryOperator<String> followed = rebase.isEmpty() ? UnaryOperator.identity()
          : EntryNames.replaceFirst(ArchivePaths.splitPathDirEntry(srcPath)[1], rebase);
      AtomicLong copied = new AtomicLong();
      InputStream tar = quiet ? download.response().body()
          : new ObservedInputStream(download.response().body(), (b, off, n) -> copied.addAndGet(n));
      try (CopyProgress progress = CopyProgress.start(stderr, !quiet && stderrTerminal,
          "Copying from container - ", copied)) {
        CopyPlan plan = CopyPlan.of(src, HostPaths.destination(dstPath));
        UnaryOperator<String> renamed = EntryNames.of(plan);
        LocalArchive.extract(tar, plan.extractDir(), name -> renamed.apply(followed.apply(name)));
      } finally {
        summary(copied, dstPath);
      }
    }
  }

  /** {@code cp SRC|- CONTAINER:DEST}. */
  public void toContainer(String srcPath, String container, String dstPath, boolean followLink, boolean copyUidGid)
      throws IOException {
    if (!srcPath.equals("-")) {
      srcPath = CopyPaths.resolveLocal(srcPath, cwd);
    }
    ContainerArchive archive = new ContainerArchive(client, container);
    CopyInfo dst = CopyInfo.missing(dstPath);
    PathStat stat = statQuietly(archive, dstPath);
    if (stat != null && stat.isSymlink()) {
      String target = linkTarget(dstPath, stat);
      dst = CopyInfo.missing(target);
      stat = statQuietly(archive, target);
    }
    if (stat != null) {
      String reason = stat.unusableReason();
      if (reason != null) {
        throw new CopyException("destination \"" + container + ":" + dstPath
            + "\" must be a directory or a regular file: " + reason);
      }
      dst = new CopyInfo(dst.path(), true, stat.isDir(), "");
    }
    AtomicLong copied = new AtomicLong();
    if (srcPath.equals("-")) {
      if (!dst.isDir()) {
        throw new CopyException("destination \"" + container + ":" + dstPath + "\" must be a directory");
      }
      upload(archive, dst.path(), stdin, copyUidGid, copied, container + ":" + dst.path());
      return;
    }
    CopyInfo src = HostPaths.source(srcPath, followLink);
    CopyPlan plan = CopyPlan.of(src, dst);
    UnaryOperator<String> renamed = EntryNames.of(plan);
    InputStream tar = PipeInputStream.of(Thread.ofVirtual().name("cp-tar"), 1 << 16,
        out -> LocalArchive.write(src, renamed, out));
    InputStream counted = quiet ? tar : new ObservedInputStream(tar, (b, off, n) -> copied.addAndGet(n));
    upload(archive, plan.extractDir(), counted, copyUidGid, copied, container + ":" + dst.path());
  }

  private void upload(ContainerArchive archive, String dir, InputStream tar, boolean copyUidGid, AtomicLong copied,
      String reportedDestination) throws IOException {
    try (CopyProgress progress = CopyProgress.start(stderr, !quiet && stderrTerminal,
        "Copying to container - ", copied)) {
      archive.upload(dir, tar, copyUidGid);
    } finally {
      summary(copied, reportedDestination);
    }
  }

  private void summary(AtomicLong copied, String destination) {
    if (!quiet) {
      stderr.println("Successfully copied " + CopyProgress.size(copied.get()) + " to " + destination);
      stderr.flush();
    }
  }

  /** A symlink's target as a container path: relative targets are joined with the link's parent. */
  private static String linkTarget(String path, PathStat stat) {
    String target = stat.linkTarget();
    return target.startsWith("/") ? target : GoPath.join(ArchivePaths.splitPathDirEntry(path)[0], target);
  }

  /** Docker ignores a failed stat here: the copy itself reports what is wrong. */
  private static PathStat statQuietly(ContainerArchive archive, String path) {
    try {
      return archive.stat(path);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** docker/cli's ValidateOutputPath: the parent must exist, and an existing path must be a directory or a file. */
  static void validateOutputPath(String path) throws IOException {
    String dir = GoPath.dir(GoPath.clean(path));
    if (!dir.isEmpty() && !dir.equals(".") && !Files.exists(Path.of(dir))) {
      throw new CopyException("invalid output path: directory \"" + dir + "\" does not exist");
    }
    Map<String, Object> st;
    try {
      st = Files.readAttributes(Path.of(path), "unix:mode");
    } catch (NoSuchFileException e) {
      return;
    }
    int format = (int) st.get("mode") & 0170000;
    if (ArchivePaths.hasTrailingPathSeparator(path) && format != 0040000) {
      throw new CopyException("stat " + path + ": not a directory"); // java.nio dropped the "/" the kernel would check
    }
    if (format == 0020000 || format == 0060000) {
      throw new CopyException("invalid output path: \"" + path + "\" must be a directory or a regular file: got a device");
    }
  }
}
