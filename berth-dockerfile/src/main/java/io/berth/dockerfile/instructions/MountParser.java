package io.berth.dockerfile.instructions;

import io.berth.common.BerthException;
import io.berth.common.Units;
import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.text.GoText;
import io.berth.dockerfile.text.Suggest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code RUN --mount=type=cache,target=/root/.cache,...} as BuildKit's parseMount reads it.
 * Without an expander (at parse time) only {@code from=} is read, and refused if it holds a
 * variable; with one, every value is expanded and the whole mount is checked.
 */
final class MountParser {
  private static final List<String> TYPES = List.of("bind", "cache", "tmpfs", "secret", "ssh");
  private static final List<String> SHARING = List.of("shared", "private", "locked");
  private static final List<String> KEYS = List.of("type", "from", "source", "target", "readonly", "id",
      "sharing", "required", "size", "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw", "readwrite", "env");

  private MountParser() {}

  /** The {@code from=} value, as read at parse time (errors as BuildKit gives them then). */
  static String fromOf(String spec) {
    return parse(spec, null).from();
  }

  static Mount parse(String spec, WordExpander expander) {
    Builder m = new Builder();
    boolean roAuto = true;
    for (CsvValue.Field f : CsvValue.keyValues(spec, "failed to parse csv mounts")) {
      String field = f.text();
      String key = f.key();
      String value = f.value();
      if (!f.hasValue()) {
        if (expander == null) {
          continue; // read when expanded
        }
        switch (key) {
          case "readonly", "ro" -> {
            m.readOnly = true;
            roAuto = false;
          }
          case "readwrite", "rw" -> {
            m.readOnly = false;
            roAuto = false;
          }
          case "required" -> {
            requireSecretOrSsh(m, key);
            m.required = true;
          }
          default -> throw new DockerfileException("invalid field '" + field + "' must be a key=value pair");
        }
        continue;
      }
      if (expander != null) {
        value = expander.expand(value);
      } else if (key.equals("from")) {
        int dollar = value.indexOf('$');
        if (dollar != -1 && dollar != value.length() - 1) {
          throw new DockerfileException("'" + key + "' doesn't support variable expansion, define alias stage instead");
        }
      } else {
        continue;
      }
      switch (key) {
        case "type" -> {
          String type = value.toLowerCase(Locale.ROOT);
          if (!TYPES.contains(type)) {
            throw new DockerfileException(Suggest.wrap("unsupported mount type " + GoText.quote(value), value, TYPES, true));
          }
          m.type = Mount.Type.valueOf(type.toUpperCase(Locale.ROOT));
        }
        case "from" -> m.from = value;
        case "source", "src" -> m.source = value;
        case "target", "dst", "destination" -> m.target = value;
        case "readonly", "ro" -> {
          m.readOnly = parseBool(key, value);
          roAuto = false;
        }
        case "readwrite", "rw" -> {
          m.readOnly = !parseBool(key, value);
          roAuto = false;
        }
        case "required" -> {
          requireSecretOrSsh(m, key);
          m.required = parseBool(key, value);
        }
        case "size" -> {
          if (m.type != Mount.Type.TMPFS) {
            throw unexpected(key, m);
          }
          try {
            m.sizeLimit = Units.ramInBytes(value);
          } catch (BerthException e) {
            throw new DockerfileException("invalid value for " + key + ": " + value);
          }
        }
        case "id" -> m.cacheId = value;
        case "sharing" -> {
          String sharing = value.toLowerCase(Locale.ROOT);
          if (!SHARING.contains(sharing)) {
            throw new DockerfileException(Suggest.wrap("unsupported sharing value " + GoText.quote(value), value, SHARING, true));
          }
          m.sharing = Optional.of(Mount.Sharing.valueOf(sharing.toUpperCase(Locale.ROOT)));
        }
        case "mode" -> m.mode = OptionalLong.of(parseUint32(value, 8, "invalid value " + value + " for mode"));
        case "uid" -> m.uid = OptionalLong.of(parseUint32(value, 10, "invalid value " + value + " for uid"));
        case "gid" -> m.gid = OptionalLong.of(parseUint32(value, 10, "invalid value " + value + " for gid"));
        case "env" -> m.env = Optional.of(value);
        default -> throw new DockerfileException(
            Suggest.wrap("unexpected key '" + key + "' in '" + field + "'", key, KEYS, true));
      }
    }
    return m.finish(roAuto);
  }

  private static void requireSecretOrSsh(Builder m, String key) {
    if (m.type != Mount.Type.SECRET && m.type != Mount.Type.SSH) {
      throw unexpected(key, m);
    }
  }

  private static DockerfileException unexpected(String key, Builder m) {
    return new DockerfileException("unexpected key '" + key + "' for mount type '" + m.type.value() + "'");
  }

  /** Go's strconv.ParseBool. */
  static boolean parseBool(String key, String value) {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new DockerfileException("invalid value for " + key + ": " + value);
    };
  }

  private static long parseUint32(String value, int radix, String error) {
    if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new DockerfileException(error);
    }
    try {
      long v = Long.parseLong(value, radix);
      if (v > 0xFFFFFFFFL) {
        throw new DockerfileException(error);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new DockerfileException(error);
    }
  }

  private static final class Builder {
    Mount.Type type = Mount.Type.BIND;
    String from = "";
    String source = "";
    String target = "";
    boolean readOnly;
    long sizeLimit;
    String cacheId = "";
    Optional<Mount.Sharing> sharing = Optional.empty();
    boolean required;
    Optional<String> env = Optional.empty();
    OptionalLong mode = OptionalLong.empty();
    OptionalLong uid = OptionalLong.empty();
    OptionalLong gid = OptionalLong.empty();

    Mount finish(boolean roAuto) {
      boolean fileInfoAllowed = type == Mount.Type.SECRET || type == Mount.Type.SSH || type == Mount.Type.CACHE;
      if (!fileInfoAllowed) {
        String quoted = GoText.quote(type.value());
        if (mode.isPresent()) {
          throw new DockerfileException("mode not allowed for " + quoted + " type mounts");
        }
        if (uid.isPresent()) {
          throw new DockerfileException("uid not allowed for " + quoted + " type mounts");
        }
        if (gid.isPresent()) {
          throw new DockerfileException("gid not allowed for " + quoted + " type mounts");
        }
      }
      if (roAuto) {
        readOnly = type != Mount.Type.CACHE && type != Mount.Type.TMPFS;
      }
      if (type == Mount.Type.SECRET) {
        if (!from.isEmpty()) {
          throw new DockerfileException("secret mount should not have a from");
        }
        if (sharing.isPresent()) {
          throw new DockerfileException("secret mount should not define sharing");
        }
        if (source.isEmpty() && target.isEmpty() && cacheId.isEmpty()) {
          throw new DockerfileException("invalid secret mount. one of source, target required");
        }
        if (!source.isEmpty() && !cacheId.isEmpty()) {
          throw new DockerfileException("both source and id can't be set");
        }
      }
      if (sharing.isPresent() && type != Mount.Type.CACHE) {
        throw new DockerfileException("invalid cache sharing set for " + type.value() + " mount");
      }
      return new Mount(type, from, source, target, readOnly, sizeLimit, cacheId, sharing, required, env, mode, uid, gid);
    }
  }
}
