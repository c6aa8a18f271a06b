package io.berth.runtime;

import io.berth.common.BerthException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Linux signal names and numbers, parsed the way Docker's signal.ParseSignal does. */
public final class Signals {
  private Signals() {
  }

  public static final int SIGHUP = 1;
  public static final int SIGINT = 2;
  public static final int SIGKILL = 9;
  public static final int SIGTERM = 15;

  private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();
  private static final Map<Integer, String> BY_NUMBER = new LinkedHashMap<>();

  static {
    Object[] table = {
      "HUP", 1, "INT", 2, "QUIT", 3, "ILL", 4, "TRAP", 5, "ABRT", 6, "BUS", 7, "FPE", 8, "KILL", 9,
      "USR1", 10, "SEGV", 11, "USR2", 12, "PIPE", 13, "ALRM", 14, "TERM", 15, "STKFLT", 16, "CHLD", 17,
      "CONT", 18, "STOP", 19, "TSTP", 20, "TTIN", 21, "TTOU", 22, "URG", 23, "XCPU", 24, "XFSZ", 25,
      "VTALRM", 26, "PROF", 27, "WINCH", 28, "IO", 29, "PWR", 30, "SYS", 31,
    };
    for (int i = 0; i < table.length; i += 2) {
      BY_NAME.put((String) table[i], (Integer) table[i + 1]);
      BY_NUMBER.put((Integer) table[i + 1], (String) table[i]);
    }
    // Aliases Docker accepts; they do not name numbers back.
    BY_NAME.put("IOT", 6);
    BY_NAME.put("CLD", 17);
    BY_NAME.put("POLL", 29);
    BY_NAME.put("RTMIN", 34);
    BY_NUMBER.put(34, "RTMIN");
    for (int i = 1; i <= 15; i++) {
      BY_NAME.put("RTMIN+" + i, 34 + i);
      BY_NUMBER.put(34 + i, "RTMIN+" + i);
      BY_NAME.put("RTMAX-" + i, 64 - i);
    }
    for (int i = 14; i >= 1; i--) {
      BY_NUMBER.putIfAbsent(64 - i, "RTMAX-" + i);
    }
    BY_NAME.put("RTMAX", 64);
    BY_NUMBER.put(64, "RTMAX");
  }

  /**
   * "TERM", "SIGTERM", "sigterm" or "15" to 15. Throws InvalidParameter("Invalid signal: x") like
   * Docker for an unknown name, 0, or a number outside 1..64.
   */
  public static int parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new BerthException.InvalidParameter("Invalid signal: " + raw);
    }
    if (raw.chars().allMatch(Character::isDigit)) {
      int n;
      try {
        n = Integer.parseInt(raw);
      } catch (NumberFormatException e) {
        throw new BerthException.InvalidParameter("Invalid signal: " + raw);
      }
      if (n < 1 || n > 64) {
        throw new BerthException.InvalidParameter("Invalid signal: " + raw);
      }
      return n;
    }
    String name = raw.toUpperCase(Locale.ROOT);
    if (name.startsWith("SIG")) {
      name = name.substring(3);
    }
    Integer n = BY_NAME.get(name);
    if (n == null) {
      throw new BerthException.InvalidParameter("Invalid signal: " + raw);
    }
    return n;
  }

  /** "SIGTERM" for 15; "SIG" + number for numbers without a name. */
  public static String name(int signal) {
    String n = BY_NUMBER.get(signal);
    return "SIG" + (n == null ? Integer.toString(signal) : n);
  }
}
