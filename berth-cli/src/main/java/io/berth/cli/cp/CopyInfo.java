package io.berth.cli.cp;

/**
 * moby's archive.CopyInfo: what one side of a copy is.
 *
 * @param rebaseName the name the archive's top entry must take (a symlink was followed), or ""
 */
public record CopyInfo(String path, boolean exists, boolean isDir, String rebaseName) {
  public static CopyInfo missing(String path) {
    return new CopyInfo(path, false, false, "");
  }
}
