package io.berth.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header ({@code Bearer realm="…",service="…",scope="…"}
 * or {@code Basic realm="…"}), parsed as distribution's challenge package does.
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

  public String parameter(String name) {
    return parameters.getOrDefault(name, "");
  }

  public boolean bearer() {
    return scheme.equals("bearer");
  }

  public boolean basic() {
    return scheme.equals("basic");
  }

  /** Every challenge in the given header values; the scheme in lower case. */
  public static List<AuthChallenge> parse(List<String> headers) {
    List<AuthChallenge> out = new ArrayList<>();
    for (String header : headers) {
      int i = 0;
      int n = header.length();
      while (i < n) {
        while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',')) {
          i++;
        }
        int start = i;
        while (i < n && header.charAt(i) != ' ' && header.charAt(i) != ',') {
          i++;
        }
        if (start == i) {
          break;
        }
        String scheme = header.substring(start, i).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        i = parameters(header, i, params);
        out.add(new AuthChallenge(scheme, params));
      }
    }
    return out;
  }

  /** Reads {@code key=value} or {@code key="quoted"} pairs until the next scheme; returns the index after them. */
  private static int parameters(String s, int i, Map<String, String> into) {
    int n = s.length();
    while (i < n) {
      int save = i;
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
        i++;
      }
      int keyStart = i;
      while (i < n && s.charAt(i) != '=' && s.charAt(i) != ' ' && s.charAt(i) != ',') {
        i++;
      }
      if (i >= n || s.charAt(i) != '=') {
        return save; // not a parameter: the start of another challenge
      }
      String key = s.substring(keyStart, i).toLowerCase(Locale.ROOT);
      i++;
      StringBuilder value = new StringBuilder();
      if (i < n && s.charAt(i) == '"') {
        i++;
        while (i < n && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          value.append(s.charAt(i++));
        }
        i++;
      } else {
        while (i < n && s.charAt(i) != ',' && s.charAt(i) != ' ') {
          value.append(s.charAt(i++));
        }
      }
      into.put(key, value.toString());
    }
    return i;
  }
}
