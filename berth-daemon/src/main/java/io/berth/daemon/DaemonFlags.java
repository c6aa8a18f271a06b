package io.berth.daemon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * dockerd's command-line flags, parsed as Go's pflag does ({@code --name=value}, {@code --name
 * value}, {@code -H value}, {@code -Hvalue}, clustered booleans {@code -Dv}, {@code --debug=false}).
 * Remembers which flags were given, to find the ones the config file repeats.
 */
public final class DaemonFlags {
  enum Kind { BOOL, STRING, INT, LIST }

  /**
   * One flag; {@code configKey} is its daemon.json name, null for flags with no file equivalent.
   * Hidden flags are left out of --help; a {@code deprecation} is printed when one is used.
   */
  record Spec(String name, Character shorthand, Kind kind, String configKey, String defaultValue, String usage,
      boolean hidden, String deprecation) {}

  static final List<Spec> SPECS = DockerdFlags.SPECS;

  /** A command line dockerd would refuse; the message is pflag's. */
  public static final class FlagException extends Exception {
    FlagException(String message) {
      super(message);
    }
  }

  private final Map<String, Object> values = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private final Map<String, String> env;

  private DaemonFlags(Map<String, String> env) {
    this.env = env;
  }

  public static DaemonFlags parse(String... args) throws FlagException {
    return parse(System.getenv(), args);
  }

  /** Parses with {@code env} for the defaults that come from it (TLS file locations). */
  public static DaemonFlags parse(Map<String, String> env, String... args) throws FlagException {
    DaemonFlags flags = new DaemonFlags(env);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        if (i + 1 < args.length) {
          throw new FlagException("\"berthd\" accepts no arguments");
        }
        break;
      }
      if (arg.startsWith("--")) {
        i = flags.parseLong(args, i);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        i = flags.parseShorts(args, i);
      } else {
        throw new FlagException("\"berthd\" accepts no arguments");
      }
    }
    return flags;
  }

  private int parseLong(String[] args, int i) throws FlagException {
    String body = args[i].substring(2);
    int eq = body.indexOf('=');
    String name = eq < 0 ? body : body.substring(0, eq);
    Spec spec = byName(name).orElseThrow(() -> new FlagException("unknown flag: --" + name));
    if (eq >= 0) {
      set(spec, body.substring(eq + 1));
      return i;
    }
    if (spec.kind == Kind.BOOL) {
      set(spec, "true");
      return i;
    }
    if (i + 1 >= args.length) {
      throw new FlagException("flag needs an argument: --" + name);
    }
    set(spec, args[i + 1]);
    return i + 1;
  }

  private int parseShorts(String[] args, int i) throws FlagException {
    String cluster = args[i].substring(1);
    for (int c = 0; c < cluster.length(); c++) {
      char letter = cluster.charAt(c);
      Spec spec = byShorthand(letter).orElseThrow(
          () -> new FlagException("unknown shorthand flag: '" + letter + "' in -" + cluster));
      String rest = cluster.substring(c + 1);
      if (rest.startsWith("=")) {
        set(spec, rest.substring(1));
        return i;
      }
      if (spec.kind == Kind.BOOL) {
        set(spec, "true");
        continue;
      }
      if (!rest.isEmpty()) {
        set(spec, rest);
        return i;
      }
      if (i + 1 >= args.length) {
        throw new FlagException("flag needs an argument: '" + letter + "' in -" + cluster);
      }
      set(spec, args[i + 1]);
      return i + 1;
    }
    return i;
  }

  @SuppressWarnings("unchecked")
  private void set(Spec spec, String value) throws FlagException {
    if (spec.deprecation != null && !values.containsKey(spec.name)) {
      warnings.add("Flag --" + spec.name + " has been deprecated, " + spec.deprecation);
    }
    switch (spec.kind) {
      case BOOL -> values.put(spec.name, parseBool(spec, value));
      case STRING -> values.put(spec.name, value);
      case INT -> values.put(spec.name, parseInt(spec, value));
      case LIST -> ((List<String>) values.computeIfAbsent(spec.name, k -> new ArrayList<String>()))
          .addAll(spec.name.equals("dns") ? List.of(value.split(",", -1)) : List.of(value));
    }
  }

  /** strconv.ParseInt(s, 0, 64), as pflag's int flags parse. */
  private static Long parseInt(Spec spec, String value) throws FlagException {
    try {
      if (value.contains("#")) {
        throw new NumberFormatException(value); // Long.decode's '#' hex is not Go's
      }
      return Long.decode(value);
    } catch (NumberFormatException e) {
      throw new FlagException("invalid argument \"" + value + "\" for \"" + display(spec)
          + "\" flag: strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
    }
  }

  /** strconv.ParseBool. */
  private static boolean parseBool(Spec spec, String value) throws FlagException {
    return switch (value) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False" -> false;
      default -> throw new FlagException("invalid argument \"" + value + "\" for \"" + display(spec)
          + "\" flag: strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
    };
  }

  private static String display(Spec spec) {
    return (spec.shorthand == null ? "" : "-" + spec.shorthand + ", ") + "--" + spec.name;
  }

  static Optional<Spec> byName(String name) {
    return SPECS.stream().filter(s -> s.name.equals(name)).findFirst();
  }

  static Optional<Spec> byShorthand(char letter) {
    return SPECS.stream().filter(s -> s.shorthand != null && s.shorthand == letter).findFirst();
  }

  public boolean isSet(String name) {
    return values.containsKey(name);
  }

  /** pflag's deprecation notices for the deprecated flags that were used, to print on stderr. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** The flag's value, or its default (null when it has none). */
  public String string(String name) {
    Object value = values.get(name);
    return value != null ? String.valueOf(value) : defaultOf(name);
  }

  public boolean bool(String name) {
    Object value = values.get(name);
    return value != null ? (Boolean) value : Boolean.parseBoolean(defaultOf(name));
  }

  /** The flag's value as it would sit in daemon.json (Boolean, Long, String or list), null when not given. */
  Object given(String name) {
    return values.get(name);
  }

  /**
   * A flag's default. dockerd's TLS files default to {@code ca.pem}, {@code cert.pem} and
   * {@code key.pem} in $DOCKER_CERT_PATH, else $DOCKER_CONFIG, else ~/.docker.
   */
  String defaultOf(String name) {
    return switch (name) {
      case "tlscacert" -> io.berth.common.tls.TlsFiles.dockerCertPath(env) + "/ca.pem";
      case "tlscert" -> io.berth.common.tls.TlsFiles.dockerCertPath(env) + "/cert.pem";
      case "tlskey" -> io.berth.common.tls.TlsFiles.dockerCertPath(env) + "/key.pem";
      default -> byName(name).map(Spec::defaultValue).orElse(null);
    };
  }


  @SuppressWarnings("unchecked")
  public List<String> list(String name) {
    Object value = values.get(name);
    return value == null ? List.of() : List.copyOf((List<String>) value);
  }

  /** The flags that were given, by name, in name order (as pflag's Visit walks them). */
  Map<String, Object> given() {
    Map<String, Object> sorted = new java.util.TreeMap<>(values);
    return sorted;
  }

  /** The usage text of {@code berthd --help}. */
  public static String usage() {
    return usage(System.getenv());
  }

  static String usage(Map<String, String> env) {
    DaemonFlags defaults = new DaemonFlags(env);
    StringBuilder text = new StringBuilder("\nUsage:\tberthd [OPTIONS]\n\nA self-sufficient runtime for containers.\n\nOptions:\n");
    for (Spec spec : SPECS) {
      if (spec.hidden) {
        continue;
      }
      String type = switch (spec.kind) {
        case BOOL -> "";
        case STRING -> " string";
        case INT -> " int";
        case LIST -> " list";
      };
      String left = (spec.shorthand == null ? "    " : "-" + spec.shorthand + ", ") + "--" + spec.name + type;
      text.append("  ").append(String.format(Locale.ROOT, "%-36s", left)).append(spec.usage);
      String defaultValue = defaults.defaultOf(spec.name);
      if (defaultValue != null && !(spec.kind == Kind.BOOL && defaultValue.equals("false"))) {
        text.append(spec.kind == Kind.STRING ? " (default \"" + defaultValue + "\")" : " (default " + defaultValue + ")");
      }
      text.append('\n');
    }
    return text.toString();
  }
}
