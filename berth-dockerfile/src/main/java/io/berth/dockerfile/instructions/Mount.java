package io.berth.dockerfile.instructions;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code RUN --mount=...}, typed. Unset options keep BuildKit's defaults: a bind mount,
 * read-only unless it is a cache or tmpfs mount, no size limit.
 */
public record Mount(Type type, String from, String source, String target, boolean readOnly, long sizeLimit,
    String cacheId, Optional<Sharing> sharing, boolean required, Optional<String> env, OptionalLong mode,
    OptionalLong uid, OptionalLong gid) {

  public enum Type {
    BIND, CACHE, TMPFS, SECRET, SSH;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How concurrent builds share a cache mount. */
  public enum Sharing {
    SHARED, PRIVATE, LOCKED;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
