package io.berth.engine.image;

import io.berth.common.BerthException;
import io.berth.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies Dockerfile instructions given as {@code --change} to an image's runtime config, as
 * Docker's BuildFromConfig does for {@code import} and {@code commit}.
 */
public final class ConfigChanges {
  private static final Set<String> VALID = Set.of("cmd", "entrypoint", "env", "expose", "label", "onbuild",
      "stopsignal", "user", "volume", "workdir");

  private ConfigChanges() {}

  /** Docker's empty container config, in Docker's field order. */
  public static Map<String, Object> emptyConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("Hostname", "");
    c.put("Domainname", "");
    c.put("User", "");
    c.put("AttachStdin", false);
    c.put("AttachStdout", false);
    c.put("AttachStderr", false);
    c.put("Tty", false);
    c.put("OpenStdin", false);
    c.put("StdinOnce", false);
    c.put("Env", null);
    c.put("Cmd", null);
    c.put("Image", "");
    c.put("Volumes", null);
    c.put("WorkingDir", "");
    c.put("Entrypoint", null);
    c.put("OnBuild", null);
    c.put("Labels", null);
    return c;
  }

  /** Applies each change in order to {@code config} (modified in place). */
  public static void apply(Map<String, Object> config, List<String> changes) {
    for (String change : changes) {
      String line = change.strip();
      if (line.isEmpty()) {
        continue;
      }
      int space = indexOfSpace(line);
      String keyword = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
      String args = space < 0 ? "" : line.substring(space).strip();
      if (!VALID.contains(keyword)) {
        throw new BerthException.InvalidParameter(keyword + " is not a valid change command");
      }
      if (args.isEmpty()) {
        throw new BerthException.InvalidParameter(keyword.toUpperCase(Locale.ROOT) + " requires at least one argument");
      }
      switch (keyword) {
        case "cmd" -> config.put("Cmd", commandForm(args));
        case "entrypoint" -> config.put("Entrypoint", commandForm(args));
        case "env" -> setEnv(config, keyValues(args, "ENV"));
        case "label" -> putAll(config, "Labels", keyValues(args, "LABEL"));
        case "expose" -> {
          Map<String, Object> ports = objectMap(config, "ExposedPorts");
          for (String port : args.split("\\s+")) {
            ports.put(port.contains("/") ? port.toLowerCase(Locale.ROOT) : port + "/tcp", Map.of());
          }
          moveBefore(config, "ExposedPorts", "Tty");
        }
        case "volume" -> {
          Map<String, Object> volumes = objectMap(config, "Volumes");
          List<String> paths = jsonArray(args);
          for (String v : paths != null ? paths : List.of(args.split("\\s+"))) {
            if (v.isBlank()) {
              throw new BerthException.InvalidParameter("VOLUME specified can not be an empty string");
            }
            volumes.put(v, Map.of());
          }
        }
        case "workdir" -> {
          String current = (String) config.getOrDefault("WorkingDir", "");
          config.put("WorkingDir", args.startsWith("/") || current.isEmpty()
              ? normalize(args.startsWith("/") ? args : "/" + args)
              : normalize(current + "/" + args));
        }
        case "user" -> config.put("User", args);
        case "stopsignal" -> config.put("StopSignal", args);
        case "onbuild" -> {
          String inner = args.strip();
          String innerKeyword = inner.split("\\s+")[0].toUpperCase(Locale.ROOT);
          if (innerKeyword.equals("ONBUILD")) {
            throw new BerthException.InvalidParameter("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
          }
          if (innerKeyword.equals("FROM") || innerKeyword.equals("MAINTAINER")) {
            throw new BerthException.InvalidParameter(innerKeyword + " isn't allowed as an ONBUILD trigger");
          }
          List<Object> onbuild = config.get("OnBuild") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
          onbuild.add(inner);
          config.put("OnBuild", onbuild);
        }
        default -> throw new IllegalStateException(keyword);
      }
    }
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** JSON array form, or shell form run by {@code /bin/sh -c}. */
  private static List<String> commandForm(String args) {
    List<String> json = jsonArray(args);
    return json != null ? json : List.of("/bin/sh", "-c", args);
  }

  private static List<String> jsonArray(String args) {
    if (!args.startsWith("[")) {
      return null;
    }
    try {
      List<Object> list = Json.array(args.getBytes(StandardCharsets.UTF_8));
      List<String> strings = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String s)) {
          return null;
        }
        strings.add(s);
      }
      return strings;
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code k=v k2="v 2"} pairs, or the legacy {@code k v} form with one pair. */
  static List<String[]> keyValues(String args, String instruction) {
    List<String> words = words(args);
    List<String[]> pairs = new ArrayList<>();
    if (!words.isEmpty() && !words.getFirst().contains("=")) {
      int space = indexOfSpace(args);
      if (space < 0) {
        throw new BerthException.InvalidParameter(instruction + " must have two arguments");
      }
      pairs.add(new String[] {args.substring(0, space), unquote(args.substring(space).strip())});
      return pairs;
    }
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq <= 0) {
        throw new BerthException.InvalidParameter("Syntax error - can't find = in \"" + word
            + "\". Must be of the form: name=value");
      }
      pairs.add(new String[] {unquote(word.substring(0, eq)), unquote(word.substring(eq + 1))});
    }
    return pairs;
  }

  /** Splits on unquoted whitespace, keeping quotes for {@link #unquote}. */
  private static List<String> words(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && quote != '\'') {
        word.append(c).append(s.charAt(++i));
      } else if (quote != 0) {
        word.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        word.append(c);
      } else if (Character.isWhitespace(c)) {
        if (!word.isEmpty()) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    return words;
  }

  private static String unquote(String s) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && quote != '\'') {
        out.append(s.charAt(++i));
      } else if (quote != 0 && c == quote) {
        quote = 0;
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void setEnv(Map<String, Object> config, List<String[]> pairs) {
    List<String> env = config.get("Env") instanceof List<?> l ? new ArrayList<>(l.stream().map(String::valueOf).toList())
        : new ArrayList<>();
    for (String[] kv : pairs) {
      String entry = kv[0] + "=" + kv[1];
      boolean replaced = false;
      for (int i = 0; i < env.size(); i++) {
        if (env.get(i).startsWith(kv[0] + "=")) {
          env.set(i, entry);
          replaced = true;
        }
      }
      if (!replaced) {
        env.add(entry);
      }
    }
    config.put("Env", env);
  }

  private static void putAll(Map<String, Object> config, String key, List<String[]> pairs) {
    Map<String, Object> map = objectMap(config, key);
    for (String[] kv : pairs) {
      map.put(kv[0], kv[1]);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> objectMap(Map<String, Object> config, String key) {
    Map<String, Object> map = config.get(key) instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
        : new LinkedHashMap<>();
    config.put(key, map);
    return map;
  }

  /** Keeps Docker's field order for fields that are absent from the empty config. */
  private static void moveBefore(Map<String, Object> config, String key, String before) {
    if (!config.containsKey(before)) {
      return;
    }
    Map<String, Object> copy = new LinkedHashMap<>(config);
    config.clear();
    Object value = copy.remove(key);
    copy.forEach((k, v) -> {
      if (k.equals(before)) {
        config.put(key, value);
      }
      config.put(k, v);
    });
  }

  private static String normalize(String path) {
    String normalized = java.nio.file.Path.of(path).normalize().toString();
    return normalized.isEmpty() ? "/" : normalized;
  }
}
