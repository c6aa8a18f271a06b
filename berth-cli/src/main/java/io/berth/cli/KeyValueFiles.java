package io.berth.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Docker's --env-file / --label-file reader (kvfile.Parse): one KEY=value per line, blank lines
 * and '#' comments skipped, leading whitespace dropped; a bare KEY takes its value from the
 * environment (env files) or is skipped when there is none.
 */
final class KeyValueFiles {
  private KeyValueFiles() {}

  /** opts.ReadKVEnvStrings: the files' entries then the flags', bare names looked up in env. */
  static List<String> env(List<String> files, List<String> flags, Map<String, String> env, Path cwd) {
    List<String> out = new ArrayList<>();
    for (String file : files) {
      out.addAll(read(file, env::get, cwd));
    }
    for (String flag : flags) {
      if (flag.indexOf('=') < 0 && env.containsKey(flag)) {
        out.add(flag + "=" + env.get(flag));
      } else {
        out.add(flag);
      }
    }
    return out;
  }

  /** opts.ReadKVStrings: labels from the files, then the flags. */
  static List<String> labels(List<String> files, List<String> flags, Path cwd) {
    List<String> out = new ArrayList<>();
    for (String file : files) {
      out.addAll(read(file, name -> null, cwd));
    }
    out.addAll(flags);
    return out;
  }

  private static List<String> read(String file, Function<String, String> lookup, Path cwd) {
    List<String> lines;
    try {
      lines = Files.readAllLines(cwd.resolve(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("open " + file + ": no such file or directory");
    } catch (IOException e) {
      throw new IllegalArgumentException("open " + file + ": " + e.getMessage());
    }
    List<String> out = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (n == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      line = line.stripLeading();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String name = eq < 0 ? line : line.substring(0, eq);
      if (name.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("variable '" + name + "' contains whitespaces");
      }
      if (eq >= 0) {
        out.add(line);
      } else {
        String value = lookup.apply(name);
        if (value != null) {
          out.add(name + "=" + value);
        }
      }
    }
    return out;
  }
}
