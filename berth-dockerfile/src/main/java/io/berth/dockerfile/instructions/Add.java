package io.berth.dockerfile.instructions;

import java.util.List;
import java.util.Optional;

/**
 * {@code ADD [--chown] [--chmod] [--link] [--checksum=sha256:...] [--keep-git-dir] [--unpack]
 * [--exclude] src... dest}: local files, tar archives (extracted), URLs and git repositories.
 */
public record Add(SourceInfo source, SourcesAndDest files, String chown, String chmod, boolean link,
    Optional<Boolean> keepGitDir, String checksum, Optional<Boolean> unpack, List<String> excludes)
    implements Instruction, Expandable {
  public Add {
    excludes = List.copyOf(excludes);
  }

  @Override
  public Add expand(WordExpander e) {
    return new Add(source, files.expand(e), e.expand(chown), e.expand(chmod), link, keepGitDir,
        e.expand(checksum), unpack, excludes);
  }

  /** The here-document bodies expanded (BuildKit's ExpandRaw). */
  public Add expandContents(WordExpander raw) {
    return new Add(source, files.expandContents(raw), chown, chmod, link, keepGitDir, checksum, unpack, excludes);
  }
}
