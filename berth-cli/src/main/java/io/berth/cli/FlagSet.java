package io.berth.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's flags, parsed with pflag's rules (what the Docker CLI uses): {@code --name value},
 * {@code --name=value}, clustered shorthands {@code -qa}, {@code -fvalue}, flags and arguments
 * interleaved, {@code --} ends flags. Errors carry cobra's wording. Hand-written rather than
 * reflective so the CLI starts fast.
 */
public final class FlagSet {
  private final List<Flag> flags = new ArrayList<>();
  private final List<String> args = new ArrayList<>();
  private final java.util.Map<String, Flag> aliases = new java.util.HashMap<>();
  private boolean help;
  private boolean interspersed = true;

  /**
   * pflag's SetInterspersed(false): the first positional argument ends the flags, so that
   * {@code run IMAGE CMD -x} passes {@code -x} to the command.
   */
  public FlagSet stopAtFirstArgument() {
    interspersed = false;
    return this;
  }

  public Flag bool(String shorthand, String name, String usage) {
    return add(new Flag(Flag.Kind.BOOL, shorthand, name, null, usage, null, false));
  }

  public Flag boolDefaultTrue(String shorthand, String name, String usage) {
    return add(new Flag(Flag.Kind.BOOL, shorthand, name, null, usage, "true", false));
  }

  public Flag string(String shorthand, String name, String typeLabel, String usage) {
    return add(new Flag(Flag.Kind.STRING, shorthand, name, typeLabel, usage, null, false));
  }

  public Flag list(String shorthand, String name, String typeLabel, String usage) {
    return add(new Flag(Flag.Kind.LIST, shorthand, name, typeLabel, usage, null, false));
  }

  /** A string flag whose default is shown in help as {@code (default "x")}. */
  public Flag stringDefault(String shorthand, String name, String typeLabel, String usage, String defaultValue) {
    return add(new Flag(Flag.Kind.STRING, shorthand, name, typeLabel, usage, defaultValue, false));
  }

  /** A signed integer flag (pflag's Int/Int64Var) with strconv's error wording. */
  public Flag integer(String shorthand, String name, String typeLabel, String usage) {
    return add(new Flag(Flag.Kind.STRING, shorthand, name, typeLabel, usage, null, false)).convert(FlagSet::parseInt);
  }

  /** Accepted for compatibility, not shown in help. */
  public Flag hiddenString(String name) {
    return add(new Flag(Flag.Kind.STRING, null, name, "string", "", null, true));
  }

  /** Accepted for compatibility, not shown in help. */
  public Flag hiddenBool(String name) {
    return add(new Flag(Flag.Kind.BOOL, null, name, null, "", null, true));
  }

  /** A second, hidden name for {@code target} (Docker's --net for --network and the like). */
  public void alias(String name, Flag target) {
    aliases.put(name, target);
  }

  /** Go's strconv.ParseInt(v, 10, 64) as pflag reports it. */
  static String parseInt(String value) {
    try {
      return Long.toString(Long.parseLong(value.startsWith("+") ? value.substring(1) : value));
    } catch (NumberFormatException e) {
      boolean digits = value.matches("[+-]?[0-9]+");
      throw new IllegalArgumentException("strconv.ParseInt: parsing \"" + value + "\": "
          + (digits ? "value out of range" : "invalid syntax"));
    }
  }

  private Flag add(Flag flag) {
    flags.add(flag);
    return flag;
  }

  List<Flag> flags() {
    return flags;
  }

  /** The positional arguments left after parsing. */
  public List<String> args() {
    return args;
  }

  /** True if {@code -h}/{@code --help} was given. */
  public boolean helpRequested() {
    return help;
  }

  /** Parses; throws IllegalArgumentException with cobra's message on a bad flag. */
  public void parse(List<String> argv) {
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.equals("--")) {
        args.addAll(argv.subList(i + 1, argv.size()));
        return;
      }
      if (arg.startsWith("--")) {
        i = parseLong(argv, i);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        i = parseShort(argv, i);
      } else if (interspersed) {
        args.add(arg);
      } else {
        args.addAll(argv.subList(i, argv.size()));
        return;
      }
    }
  }

  private int parseLong(List<String> argv, int i) {
    String arg = argv.get(i);
    String body = arg.substring(2);
    int eq = body.indexOf('=');
    String name = eq < 0 ? body : body.substring(0, eq);
    if (name.equals("help") && eq < 0) {
      help = true;
      return i;
    }
    Flag flag = byName(name);
    if (flag == null || name.isEmpty()) {
      throw new IllegalArgumentException("unknown flag: --" + name);
    }
    if (eq >= 0) {
      flag.set(body.substring(eq + 1));
    } else if (flag.kind == Flag.Kind.BOOL) {
      flag.set("true");
    } else if (i + 1 < argv.size()) {
      flag.set(argv.get(++i));
    } else {
      throw new IllegalArgumentException("flag needs an argument: --" + name);
    }
    return i;
  }

  private int parseShort(List<String> argv, int i) {
    String arg = argv.get(i);
    for (int c = 1; c < arg.length(); c++) {
      String s = String.valueOf(arg.charAt(c));
      Flag flag = byShorthand(s);
      if (flag == null) {
        if (s.equals("h")) {
          help = true;
          continue;
        }
        throw new IllegalArgumentException("unknown shorthand flag: '" + s + "' in " + arg);
      }
      String rest = arg.substring(c + 1);
      if (flag.kind == Flag.Kind.BOOL) {
        if (rest.startsWith("=")) {
          flag.set(rest.substring(1));
          return i;
        }
        flag.set("true");
        continue;
      }
      if (!rest.isEmpty()) {
        flag.set(rest.startsWith("=") ? rest.substring(1) : rest);
      } else if (i + 1 < argv.size()) {
        flag.set(argv.get(++i));
      } else {
        throw new IllegalArgumentException("flag needs an argument: '" + s + "' in -" + s);
      }
      return i;
    }
    return i;
  }

  private Flag byName(String name) {
    for (Flag f : flags) {
      if (f.name.equals(name)) {
        return f;
      }
    }
    return aliases.get(name);
  }

  private Flag byShorthand(String s) {
    for (Flag f : flags) {
      if (s.equals(f.shorthand)) {
        return f;
      }
    }
    return null;
  }
}
