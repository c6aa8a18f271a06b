package io.berth.registry.server;

import io.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads `serve`'s flags and its --config file into {@link Settings}. The file is a JSON object whose keys are
 * the flags' names without dashes ({@code {"addr": "127.0.0.1:5000", "root": "/srv/registry"}}); an
 * unknown key, a value that is not a string, or a setting given both as a flag and in the file is refused
 * (as dockerd refuses its daemon.json).
 */
final class SettingsParser {
  /** A whole number of one unit: Go's duration syntax without fractions and sub-millisecond units. */
  private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
  static final List<String> KEYS = List.of("addr", "root", "gc-interval", "gc-grace", "log-level", "htpasswd", "access", "tls-cert", "tls-key", "proxy");

  static final String USAGE = """
      Usage:  berth registry serve [OPTIONS]

      Run a private registry (the OCI distribution API) on this host

      Options:
            --access string        Serve tokens (Bearer auth at /token) with these per-repository permissions
            --addr string          Address to listen on, HOST:PORT (default "0.0.0.0:5000")
            --config string        Read these settings from a JSON file (keys: the flag names)
            --gc-grace duration    Keep blobs no manifest references yet this long (default 1h0m0s)
            --gc-interval duration Collect garbage this often while serving; 0 turns it off (default 0s)
            --htpasswd string      Users (bcrypt, htpasswd -B); alone: Basic auth for everything
            --log-level string     Log level: debug, info or error (default "info")
            --proxy string         Pull-through cache of this upstream registry (repeat: tried in order)
            --root string          Directory holding the registry's data (default "/var/lib/berth-registry")
            --tls-cert string      Serve HTTPS with this PEM certificate (chain)
            --tls-key string       The PEM private key of --tls-cert
      """;

  private SettingsParser() {}

  /** Null when the arguments ask for help. */
  static Settings parse(List<String> args) throws IOException {
    Map<String, String> flags = new LinkedHashMap<>();
    String config = null;
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String arg = rest.removeFirst();
      if (arg.equals("-h") || arg.equals("--help")) {
        return null;
      }
      if (!arg.startsWith("--")) {
        throw new SettingsException("\"berth registry serve\" accepts no arguments.");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      String bare = eq >= 0 ? name.substring(0, eq) : name;
      if (!bare.equals("config") && !KEYS.contains(bare)) {
        throw new SettingsException("unknown flag: --" + bare);
      }
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = bare;
      } else {
        if (rest.isEmpty()) {
          throw new SettingsException("flag needs an argument: --" + name);
        }
        value = rest.removeFirst();
      }
      if (name.equals("config")) {
        config = value;
      } else if (name.equals("proxy") && flags.containsKey("proxy")) {
        flags.put(name, flags.get(name) + "," + value); // repeated: upstreams in order
      } else if (KEYS.contains(name)) {
        flags.put(name, value);
      } else {
        throw new SettingsException("unknown flag: --" + name);
      }
    }
    Map<String, String> merged = new LinkedHashMap<>(flags);
    if (config != null) {
      Map<String, String> file = readFile(Path.of(config));
      List<String> both = new ArrayList<>();
      file.forEach((key, value) -> {
        if (flags.containsKey(key)) {
          both.add(key + ": (from flag: " + flags.get(key) + ", from file: " + value + ")");
        }
        merged.putIfAbsent(key, value);
      });
      if (!both.isEmpty()) {
        throw new SettingsException("the following directives are specified both as a flag and in the "
            + "configuration file: " + String.join(", ", both));
      }
    }
    Path htpasswd = merged.containsKey("htpasswd") ? Path.of(merged.get("htpasswd")).toAbsolutePath() : null;
    Path access = merged.containsKey("access") ? Path.of(merged.get("access")).toAbsolutePath() : null;
    if (access != null && htpasswd == null) {
      throw new SettingsException("--access needs --htpasswd: the token service's users and their passwords");
    }
    Path tlsCert = merged.containsKey("tls-cert") ? Path.of(merged.get("tls-cert")).toAbsolutePath() : null;
    Path tlsKey = merged.containsKey("tls-key") ? Path.of(merged.get("tls-key")).toAbsolutePath() : null;
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new SettingsException("--tls-cert and --tls-key go together");
    }
    return new Settings(
        Settings.address(merged.getOrDefault("addr", Settings.DEFAULT_ADDR)),
        Path.of(merged.getOrDefault("root", Settings.DEFAULT_ROOT)).toAbsolutePath(),
        duration("gc-interval", merged.getOrDefault("gc-interval", "0s")),
        duration("gc-grace", merged.getOrDefault("gc-grace", "1h")),
        Log.level(merged.getOrDefault("log-level", "info")), htpasswd, access, tlsCert, tlsKey, proxies(merged));
  }

  /** --proxy, repeated, or the file's "proxy": upstream URLs separated by commas. */
  private static List<java.net.URI> proxies(Map<String, String> merged) {
    List<java.net.URI> out = new ArrayList<>();
    String text = merged.get("proxy");
    if (text != null) {
      for (String one : text.split(",")) {
        out.add(Settings.upstream(one));
      }
    }
    return out;
  }

  private static Map<String, String> readFile(Path file) throws IOException {
    Map<String, Object> json;
    try {
      json = Json.object(Files.readAllBytes(file));
    } catch (IOException e) {
      if (e instanceof java.nio.file.NoSuchFileException) {
        throw new SettingsException("unable to read configuration file " + file + ": no such file");
      }
      throw new SettingsException("unable to read configuration file " + file + ": invalid JSON");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : json.entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        throw new SettingsException("configuration file " + file + ": unknown setting \"" + e.getKey() + "\"");
      }
      if (!(e.getValue() instanceof String s)) {
        throw new SettingsException("configuration file " + file + ": \"" + e.getKey() + "\" must be a string");
      }
      out.put(e.getKey(), s);
    }
    return out;
  }

  private static Duration duration(String name, String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION_PART.matcher(text);
    Duration d = Duration.ZERO;
    int at = 0;
    while (at < text.length() && m.find(at) && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
      at = m.end();
    }
    if (at == 0 || at != text.length()) {
      throw new SettingsException("invalid --" + name + " \"" + text + "\": want a duration such as 30s, 5m or 1h30m");
    }
    return d;
  }
}
