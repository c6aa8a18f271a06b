package io.berth.cli.cp;

import io.berth.archive.ArchivePaths;
import io.berth.archive.CopyOptions;
import io.berth.archive.LayerApplier;
import io.berth.archive.LayerWriter;
import io.berth.common.GoPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The local side of {@code docker cp}, berth-archive's copy modes as the Docker CLI uses moby's archive package:
 * the tar of a local source (TarResourceRebase: named by its base name, or by its rebase name after a followed
 * symlink, "./"-prefixed for a "dir/." source), and the extraction of the daemon's tar into a local directory
 * (Untar with NoLchown and NoOverwriteDirNonDir; the kernel's view of the host, so the confining root is "/").
 */
public final class LocalArchive {
  private static final Path HOST = Path.of("/");

  private LocalArchive() {}

  /** Writes the archive of {@code source} (its last element may be "."), every name passed through {@code rename}. */
  public static void write(CopyInfo source, UnaryOperator<String> rename, OutputStream out) throws IOException {
    String[] split = ArchivePaths.splitPathDirEntry(source.path());
    String top = source.rebaseName().isEmpty() ? split[1] : source.rebaseName();
    LayerWriter.writeCopy(Path.of(GoPath.join(split[0], split[1])), top, rename, out);
  }

  /** Extracts {@code archive} into the existing directory {@code dir} (absolute), entries renamed first. */
  public static void extract(InputStream archive, String dir, UnaryOperator<String> rename) throws IOException {
    LayerApplier.extract(archive, HOST, dir, new CopyOptions(true, CopyOptions.Ownership.EXTRACTING_USER, rename));
  }
}
