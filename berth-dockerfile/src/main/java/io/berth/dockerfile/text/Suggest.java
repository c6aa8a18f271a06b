package io.berth.dockerfile.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * BuildKit's util/suggest: the closest option within an edit distance of 2 is appended to an
 * error as {@code " (did you mean X?)"}. BuildKit walks a Go map, so ties go to whichever option
 * it meets first; here options are walked in sorted order to keep messages stable.
 */
public final class Suggest {
  private Suggest() {}

  /** The message with the suggestion appended, or the message unchanged. */
  public static String wrap(String message, String value, Collection<String> options, boolean caseSensitive) {
    return search(value, options, caseSensitive).map(m -> message + " (did you mean " + m + "?)").orElse(message);
  }

  /** suggest.Search: nothing on an exact match (the error is about something else). */
  public static Optional<String> search(String value, Collection<String> options, boolean caseSensitive) {
    String val = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
    String match = null;
    int minDistance = 3;
    for (String option : new TreeSet<>(options)) {
      String opt = caseSensitive ? option : option.toLowerCase(Locale.ROOT);
      if (val.equals(opt)) {
        return Optional.empty();
      }
      int distance = distance(val, opt);
      if (distance < minDistance) {
        match = caseSensitive ? opt : matchCase(opt, value);
        minDistance = distance;
      }
    }
    return Optional.ofNullable(match);
  }

  /** Levenshtein distance over code points, every edit costing 1 (agext/levenshtein defaults). */
  static int distance(String a, String b) {
    int[] s = a.codePoints().toArray();
    int[] t = b.codePoints().toArray();
    int[] previous = new int[t.length + 1];
    int[] current = new int[t.length + 1];
    for (int j = 0; j <= t.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= s.length; i++) {
      current[0] = i;
      for (int j = 1; j <= t.length; j++) {
        int substitution = previous[j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[t.length];
  }

  private static String matchCase(String value, String original) {
    if (original.equals(original.toLowerCase(Locale.ROOT))) {
      return value.toLowerCase(Locale.ROOT);
    }
    if (original.equals(original.toUpperCase(Locale.ROOT))) {
      return value.toUpperCase(Locale.ROOT);
    }
    return value;
  }
}
