package io.berth.archive;

import java.util.function.UnaryOperator;

/**
 * How {@code docker cp} extracts an archive into a directory ({@link LayerApplier#extract}): moby's Untar with
 * the options dockerd (PUT /containers/{id}/archive) or the CLI (the local side of a copy) pass.
 *
 * @param noOverwriteDirNonDir refuse to replace an existing directory by a non-directory or the reverse
 * @param ownership            who owns what the extraction creates
 * @param rename               applied to every entry name, and to hard link targets, before anything else (the
 *                             CLI's RebaseArchiveEntries: the archive's top entry takes the destination's name)
 */
public record CopyOptions(boolean noOverwriteDirNonDir, Ownership ownership, UnaryOperator<String> rename) {

  /** Who owns an extracted entry. */
  public sealed interface Ownership {
    /** The uid and gid of each entry (dockerd's default). */
    Ownership ARCHIVE = new FromArchive();
    /** No chown at all: whoever extracts owns the files (NoLchown, the CLI's side). */
    Ownership EXTRACTING_USER = new ExtractingUser();

    record FromArchive() implements Ownership {
    }

    record ExtractingUser() implements Ownership {
    }

    /** One owner for every entry (docker cp -a into a container with a User). */
    record Fixed(int uid, int gid) implements Ownership {
    }
  }

  public CopyOptions {
    rename = rename == null ? UnaryOperator.identity() : rename;
  }

  /** dockerd's extraction: no renaming (the client did that). */
  public static CopyOptions daemon(boolean noOverwriteDirNonDir, Ownership ownership) {
    return new CopyOptions(noOverwriteDirNonDir, ownership, UnaryOperator.identity());
  }
}
