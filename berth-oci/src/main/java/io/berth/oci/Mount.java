package io.berth.oci;

import java.util.Objects;

/** A mount the engine adds to a container: a bind (volumes, /etc/hosts, ...) or a tmpfs (--tmpfs). */
public sealed interface Mount {
  String destination();

  /**
   * A bind mount, as moby's setupMounts produces it: {@code rbind} (or {@code bind} when nonRecursive),
   * {@code ro} unless writable, then the propagation.
   *
   * @param propagation one of private, rprivate, shared, rshared, slave, rslave; empty means rprivate,
   *                    Docker's default for binds
   * @param recursiveReadOnly read-only mounts below the source stay read-only too ({@code rro}, runc 1.1 and
   *                    kernel 5.12 or later; {@code bind-recursive=readonly})
   */
  record Bind(String source, String destination, boolean writable, String propagation, boolean nonRecursive,
        boolean recursiveReadOnly) implements Mount {
    public Bind {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(destination, "destination");
      propagation = propagation == null || propagation.isEmpty() ? "rprivate" : propagation;
      if (!MountPropagation.isValid(propagation)) {
        throw new IllegalArgumentException("invalid propagation mode: " + propagation);
      }
    }

    public Bind(String source, String destination, boolean writable) {
      this(source, destination, writable, "rprivate", false, false);
    }

    public Bind(String source, String destination, boolean writable, String propagation, boolean nonRecursive) {
      this(source, destination, writable, propagation, nonRecursive, false);
    }
  }

  /**
   * A tmpfs mount ({@code --tmpfs /run:size=64m,exec}, or a {@code --mount type=tmpfs}).
   *
   * @param data the comma-separated options after the colon; may be empty
   */
  record Tmpfs(String destination, String data) implements Mount {
    public Tmpfs {
      Objects.requireNonNull(destination, "destination");
      data = data == null ? "" : data;
    }
  }
}
