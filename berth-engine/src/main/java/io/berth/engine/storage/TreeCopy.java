package io.berth.engine.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Copies a directory tree with everything a layer or a volume needs kept: owners, modes, times, links, devices,
 * xattrs (reflinks where the filesystem has them). One {@code cp -a} for the whole tree, never a process per file.
 */
public final class TreeCopy {
  private TreeCopy() {}

  /** Copies {@code from} as {@code to} (which must not exist). */
  public static void copy(Path from, Path to) throws IOException {
    run(from.toString(), to.toString(), "copying layer " + from.getFileName());
  }

  /**
   * Copies the contents of directory {@code from} into the existing directory {@code into}, which also takes
   * {@code from}'s owner, mode and times (a volume's copy-up).
   */
  public static void copyContents(Path from, Path into) throws IOException {
    run(from + "/.", into.toString(), "copying " + from.getFileName() + " to a new volume");
  }

  private static void run(String from, String to, String what) throws IOException {
    Process cp = new ProcessBuilder("cp", "-a", "--reflink=auto", "--no-target-directory", from, to)
        .redirectErrorStream(true).start();
    String output = new String(cp.getInputStream().readAllBytes());
    try {
      if (cp.waitFor() != 0) {
        // cp names its paths in full: keep to names relative to the copy, no host path under the data root
        throw new IOException(what + ": " + output.trim().replace(from.replaceAll("/\\.$", ""), "")
            .replace(to, ""));
      }
    } catch (InterruptedException e) {
      cp.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + what);
    }
  }
}
