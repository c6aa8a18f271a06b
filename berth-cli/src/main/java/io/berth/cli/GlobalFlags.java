package io.berth.cli;

/**
 * Docker's global flags, read up to the first argument that is not one of them (the command).
 * Unknown flags there are usage errors with exit status 125, as in Docker.
 */
record GlobalFlags(GlobalOptions options, boolean version, boolean help, int consumed) {

  static GlobalFlags parse(String[] argv) {
    String host = null;
    String logLevel = "info";
    String config = null;
    String context = null;
    boolean debug = false;
    boolean version = false;
    boolean help = false;
    Boolean tls = null;
    Boolean tlsVerify = null;
    String tlsCaCert = null;
    String tlsCert = null;
    String tlsKey = null;
    int i = 0;
    while (i < argv.length && argv[i].startsWith("-") && !argv[i].equals("-")) {
      String arg = argv[i];
      if (arg.equals("--")) {
        i++;
        break;
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (!arg.startsWith("--") && arg.length() > 2) {
        name = arg.substring(0, 2);
        value = arg.substring(2);
        if (value.startsWith("=")) {
          value = value.substring(1);
        }
      }
      switch (name) {
        case "-D", "--debug" -> debug = true;
        case "-v", "--version" -> version = true;
        case "-h", "--help" -> help = true;
        case "--tls" -> tls = parseBool(name, value);
        case "--tlsverify" -> tlsVerify = parseBool(name, value);
        case "-H", "--host", "-l", "--log-level", "--config", "-c", "--context", "--tlscacert", "--tlscert",
            "--tlskey" -> {
          if (value == null) {
            if (i + 1 >= argv.length) {
              String flag = name.startsWith("--") ? name : "'" + name.charAt(1) + "' in " + name;
              throw new CliError("flag needs an argument: " + flag, 125, "");
            }
            value = argv[++i];
          }
          switch (name) {
            case "-H", "--host" -> host = value;
            case "-l", "--log-level" -> logLevel = value;
            case "--config" -> config = value;
            case "-c", "--context" -> context = value;
            case "--tlscacert" -> tlsCaCert = value;
            case "--tlscert" -> tlsCert = value;
            case "--tlskey" -> tlsKey = value;
            default -> { }
          }
        }
        default -> throw new CliError(Cli.flagError(arg), 125, "");
      }
      i++;
    }
    return new GlobalFlags(new GlobalOptions(host, debug, logLevel, config, context, tls, tlsVerify, tlsCaCert, tlsCert,
        tlsKey), version, help, i);
  }

  /** A boolean flag, {@code --tls} or {@code --tls=false}, as pflag's strconv.ParseBool reads it. */
  private static Boolean parseBool(String name, String value) {
    if (value == null) {
      return true;
    }
    return switch (value) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False" -> false;
      default -> throw new CliError("invalid argument \"" + value + "\" for \"" + name + "\" flag: strconv.ParseBool: parsing \""
          + value + "\": invalid syntax", 125, "");
    };
  }
}
