package io.berth.dockerfile.instructions;

import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.text.Suggest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --flag[=value]} words of one instruction (BuildKit's BFlags): each instruction
 * declares the flags it takes, then {@link #parse} checks the words against them in BuildKit's
 * words ("unknown flag: --foo", "missing a value on flag: --from", ...).
 */
final class BFlags {
  enum Kind { BOOL, STRING, STRINGS }

  static final class Flag {
    final String name;
    final Kind kind;
    String value;
    final List<String> values = new ArrayList<>();

    Flag(String name, Kind kind, String value) {
      this.name = name;
      this.kind = kind;
      this.value = value;
    }

    boolean isTrue() {
      return "true".equals(value);
    }
  }

  private final List<String> args;
  private final Map<String, Flag> flags = new LinkedHashMap<>();
  private final Map<String, Flag> used = new LinkedHashMap<>();

  BFlags(List<String> args) {
    this.args = List.copyOf(args);
  }

  Flag addBool(String name, boolean def) {
    return add(name, Kind.BOOL, def ? "true" : "false");
  }

  Flag addString(String name, String def) {
    return add(name, Kind.STRING, def);
  }

  Flag addStrings(String name) {
    return add(name, Kind.STRINGS, "");
  }

  private Flag add(String name, Kind kind, String def) {
    if (flags.containsKey(name)) {
      throw new IllegalStateException("Duplicate flag defined: " + name);
    }
    Flag flag = new Flag(name, kind, def);
    flags.put(name, flag);
    return flag;
  }

  boolean isUsed(String name) {
    return used.containsKey(name);
  }

  /** The names of the flags given, in the order first given. */
  List<String> used() {
    return List.copyOf(used.keySet());
  }

  void parse() {
    for (String a : args) {
      if (a.equals("--")) {
        return; // POSIX: what follows "--" are operands
      }
      if (!a.startsWith("--")) {
        throw new DockerfileException("arg should start with -- : " + a);
      }
      int eq = a.indexOf('=');
      boolean hasValue = eq >= 0;
      String flagName = hasValue ? a.substring(0, eq) : a;
      String value = hasValue ? a.substring(eq + 1) : "";
      String name = flagName.substring(2);
      Flag flag = flags.get(name);
      if (flag == null) {
        throw new DockerfileException(Suggest.wrap("unknown flag: " + flagName, name, flags.keySet(), true));
      }
      if (used.containsKey(name) && flag.kind != Kind.STRINGS) {
        throw new DockerfileException("duplicate flag specified: " + flagName);
      }
      used.put(name, flag);
      switch (flag.kind) {
        case BOOL -> {
          if (hasValue && value.isEmpty()) {
            throw new DockerfileException("missing a value on flag: " + flagName);
          }
          switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "" -> flag.value = "true";
            case "false" -> flag.value = "false";
            default -> throw new DockerfileException("expecting boolean value for flag " + flagName + ", not: " + value);
          }
        }
        case STRING -> {
          if (!hasValue) {
            throw new DockerfileException("missing a value on flag: " + flagName);
          }
          flag.value = value;
        }
        case STRINGS -> {
          if (!hasValue) {
            throw new DockerfileException("missing a value on flag: " + flagName);
          }
          flag.values.add(value);
        }
      }
    }
  }
}
