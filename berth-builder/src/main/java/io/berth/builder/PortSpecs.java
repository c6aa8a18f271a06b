package io.berth.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * EXPOSE's port specs as moby's parsePortSpecs reads them ({@code [ip:[hostPort]:]port[-end][/proto]}): the
 * exposed ports they name ({@code 80/tcp}; a range gives every port in it), or dockerd's error.
 */
final class PortSpecs {
  private PortSpecs() {}

  static List<String> parse(String raw) {
    String[] parts = raw.split(":", -1);
    String container = parts[parts.length - 1];
    String proto = "tcp";
    int slash = container.indexOf('/');
    if (slash >= 0) {
      proto = container.substring(slash + 1);
      container = container.substring(0, slash);
      if (proto.isEmpty()) {
        proto = "tcp";
      }
    }
    if (container.isEmpty()) {
      throw new BuildException("no port specified: " + raw + "<empty>");
    }
    proto = proto.toLowerCase(Locale.ROOT);
    if (!List.of("tcp", "udp", "sctp").contains(proto)) {
      throw new BuildException("invalid proto: " + proto);
    }
    int[] range = range(container);
    List<String> out = new ArrayList<>();
    for (int p = range[0]; p <= range[1]; p++) {
      out.add(p + "/" + proto);
    }
    return out;
  }

  private static int[] range(String text) {
    String[] ends = text.split("-", -1);
    try {
      if (ends.length > 2) {
        throw new NumberFormatException();
      }
      int start = port(ends[0]);
      int end = ends.length == 2 ? port(ends[1]) : start;
      if (end < start) {
        throw new NumberFormatException();
      }
      return new int[] {start, end};
    } catch (NumberFormatException e) {
      throw new BuildException("invalid containerPort: " + text);
    }
  }

  private static int port(String text) {
    int p = Integer.parseInt(text);
    if (p < 0 || p > 65535) {
      throw new NumberFormatException();
    }
    return p;
  }
}
