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

  /** One flag; {@code configKey} is its daemon.json name, null for flags with no file equivalent. */
  record Spec(String name, Character shorthand, Kind kind, String configKey, String defaultValue, String usage) {}

  static final List<Spec> SPECS = List.of(
      new Spec("bip", null, Kind.STRING, "bip", null, "Specify network bridge IP"),
      new Spec("bridge", 'b', Kind.STRING, "bridge", null, "Attach containers to a network bridge"),
      new Spec("config-file", null, Kind.STRING, null, "/etc/berth/daemon.json", "Daemon configuration file"),
      new Spec("data-root", null, Kind.STRING, "data-root", "/var/lib/berth", "Root directory of persistent berth state"),
      new Spec("debug", 'D', Kind.BOOL, "debug", null, "Enable debug mode"),
      new Spec("default-runtime", null, Kind.STRING, "default-runtime", null, "Default OCI runtime for containers"),
      new Spec("exec-root", null, Kind.STRING, "exec-root", "/run/berth", "Root directory for execution state files"),
      new Spec("help", 'h', Kind.BOOL, null, null, "Print usage"),
      new Spec("host", 'H', Kind.LIST, "hosts", null, "Daemon socket(s) to connect to"),
      new Spec("insecure-registry", null, Kind.LIST, "insecure-registries", null, "Enable insecure registry communication"),
      new Spec("label", null, Kind.LIST, "labels", null, "Set key=value labels to the daemon"),
      new Spec("live-restore", null, Kind.BOOL, "live-restore", null, "Enable live restore of containers when the daemon stops"),
      new Spec("log-driver", null, Kind.STRING, "log-driver", "json-file", "Default driver for container logs"),
      new Spec("log-level", 'l', Kind.STRING, "log-level", "info", "Set the logging level (\"debug\"|\"info\"|\"warn\"|\"error\"|\"fatal\")"),
      new Spec("max-concurrent-downloads", null, Kind.INT, "max-concurrent-downloads", "3", "Set the max concurrent downloads"),
      new Spec("max-concurrent-uploads", null, Kind.INT, "max-concurrent-uploads", "5", "Set the max concurrent uploads"),
      new Spec("max-download-attempts", null, Kind.INT, "max-download-attempts", "5", "Set the max download attempts for each pull"),
      new Spec("pidfile", 'p', Kind.STRING, "pidfile", "/var/run/berth.pid", "Path to use for daemon PID file"),
      // berth's own: where its per-registry certificates live (dockerd's is fixed at /etc/docker/certs.d, also read)
      new Spec("registry-certs-dir", null, Kind.STRING, "registry-certs-dir", "/etc/berth/certs.d",
          "Directory of per-registry certificates (HOST:PORT/ca.crt, client.cert, client.key)"),
      new Spec("registry-mirror", null, Kind.LIST, "registry-mirrors", null, "Preferred registry mirror"),
      new Spec("storage-driver", 's', Kind.STRING, "storage-driver", null, "Storage driver to use"),
      new Spec("version", 'v', Kind.BOOL, null, null, "Print version information and quit"));

  /** A command line dockerd would refuse; the message is pflag's. */
  public static final class FlagException extends Exception {
    FlagException(String message) {
      super(message);
    }
  }

  private final Map<String, Object> values = new LinkedHashMap<>();

  private DaemonFlags() {}

  public static DaemonFlags parse(String... args) throws FlagException {
    DaemonFlags flags = new DaemonFlags();
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
    switch (spec.kind) {
      case BOOL -> values.put(spec.name, parseBool(spec, value));
      case STRING -> values.put(spec.name, value);
      case INT -> values.put(spec.name, parseInt(spec, value));
      case LIST -> ((List<String>) values.computeIfAbsent(spec.name, k -> new ArrayList<String>())).add(value);
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

  /** The flag's value, or its default (null when it has none). */
  public String string(String name) {
    Object value = values.get(name);
    return value != null ? String.valueOf(value) : byName(name).map(Spec::defaultValue).orElse(null);
  }

  public boolean bool(String name) {
    return Boolean.TRUE.equals(values.get(name));
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
    StringBuilder text = new StringBuilder("\nUsage:\tberthd [OPTIONS]\n\nA self-sufficient runtime for containers.\n\nOptions:\n");
    for (Spec spec : SPECS) {
      String left = (spec.shorthand == null ? "    " : "-" + spec.shorthand + ", ") + "--" + spec.name
          + switch (spec.kind) {
            case BOOL -> "";
            case STRING -> " string";
            case INT -> " int";
            case LIST -> " list";
          };
      text.append("  ").append(String.format(Locale.ROOT, "%-30s", left)).append(spec.usage);
      if (spec.defaultValue != null) {
        text.append(spec.kind == Kind.INT ? " (default " + spec.defaultValue + ")"
            : " (default \"" + spec.defaultValue + "\")");
      }
      text.append('\n');
    }
    return text.toString();
  }
}
