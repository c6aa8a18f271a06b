package io.berth.oci;

import java.util.Objects;

/** Which seccomp filter a container gets (HostConfig.SecurityOpt {@code seccomp=...}). */
public sealed interface SeccompProfile {
  /** Docker's default profile (also {@code seccomp=builtin}). */
  record Default() implements SeccompProfile {
  }

  /** {@code seccomp=unconfined}: no filter. */
  record Unconfined() implements SeccompProfile {
  }

  /** A profile in Docker's format; the CLI sends the file's content. */
  record Custom(String json) implements SeccompProfile {
    public Custom {
      Objects.requireNonNull(json, "json");
    }
  }
}
