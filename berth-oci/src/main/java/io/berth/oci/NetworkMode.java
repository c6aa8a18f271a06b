package io.berth.oci;

import java.util.Objects;

/** The network namespace of a container. */
public sealed interface NetworkMode {
  /** A new namespace the OCI runtime creates ({@code --network none}, or bridge wired up afterwards). */
  record Private() implements NetworkMode {
  }

  /**
   * A namespace berth made for this container beforehand (a bind-mounted netns file). It is the container's
   * own, so it gets Docker's per-container sysctls like {@link Private}.
   */
  record Sandbox(String path) implements NetworkMode {
    public Sandbox {
      Objects.requireNonNull(path, "path");
    }
  }

  /** Another container's namespace ({@code --network container:x}, {@code /proc/<pid>/ns/net}): no sysctls. */
  record Shared(String path) implements NetworkMode {
    public Shared {
      Objects.requireNonNull(path, "path");
    }
  }

  /** The host's namespace: no network namespace in the spec. */
  record Host() implements NetworkMode {
  }
}
