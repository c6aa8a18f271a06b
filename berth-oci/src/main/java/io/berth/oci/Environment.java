package io.berth.oci;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Docker's environment rules for a container's process. */
public final class Environment {
  private Environment() {
  }

  /**
   * The process environment (moby's CreateDaemonEnvironment): PATH, HOSTNAME and, with a tty, TERM=xterm as
   * defaults, which the container's Config.Env replaces by name or extends.
   */
  public static List<String> forProcess(List<String> configEnv, String hostname, boolean tty) {
    List<String> defaults = new ArrayList<>();
    defaults.add("PATH=" + DockerDefaults.PATH);
    defaults.add("HOSTNAME=" + hostname);
    if (tty) {
      defaults.add("TERM=xterm");
    }
    return replaceOrAppend(defaults, configEnv);
  }

  /**
   * moby's ReplaceOrAppendEnvValues: an override replaces the default of the same name or is appended; an
   * override without '=' removes the default of that name.
   */
  public static List<String> replaceOrAppend(List<String> defaults, List<String> overrides) {
    List<String> result = new ArrayList<>(defaults);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < result.size(); i++) {
      index.put(key(result.get(i)), i);
    }
    for (String value : overrides) {
      Integer at = index.get(key(value));
      if (value.indexOf('=') < 0) {
        if (at != null) {
          result.set(at, null);
        }
        continue;
      }
      if (at != null) {
        result.set(at, value);
      } else {
        result.add(value);
      }
    }
    result.removeIf(v -> v == null);
    return result;
  }

  private static String key(String var) {
    int eq = var.indexOf('=');
    return eq < 0 ? var : var.substring(0, eq);
  }
}
