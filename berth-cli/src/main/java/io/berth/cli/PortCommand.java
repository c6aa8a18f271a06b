package io.berth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code port CONTAINER [PRIVATE_PORT[/PROTO]]}: the container's published ports. */
final class PortCommand extends AbstractCommand {

  @Override
  public int run(CliContext ctx) {
    Args.between(flags.args(), 1, 2, "port");
    String container = flags.args().getFirst();
    Map<String, Object> info = ctx.containers().inspect(container, false);
    Map<?, ?> ports = info.get("NetworkSettings") instanceof Map<?, ?> settings
        && settings.get("Ports") instanceof Map<?, ?> p ? p : Map.of();
    List<String> out = new ArrayList<>();
    if (flags.args().size() == 2) {
      String spec = flags.args().get(1);
      int slash = spec.indexOf('/');
      String port = slash < 0 ? spec : spec.substring(0, slash);
      String proto = slash < 0 || slash == spec.length() - 1 ? "tcp" : spec.substring(slash + 1);
      try {
        int value = Integer.parseInt(port);
        if (value < 0 || value > 65535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new CliError("Error: invalid port (" + port + "): strconv.ParseUint: parsing \"" + port + "\": "
            + (port.matches("[0-9]+") ? "value out of range" : "invalid syntax"), 1);
      }
      if (!(ports.get(port + "/" + proto) instanceof List<?> frontends) || frontends.isEmpty()) {
        throw new CliError("Error: No public port '" + spec + "' published for " + container, 1);
      }
      for (Object f : frontends) {
        out.add(hostPort((Map<?, ?>) f));
      }
    } else {
      ports.forEach((from, frontends) -> {
        if (frontends instanceof List<?> list) {
          for (Object f : list) {
            out.add(from + " -> " + hostPort((Map<?, ?>) f));
          }
        }
      });
    }
    if (!out.isEmpty()) {
      out.sort(PortCommand::naturalCompare);
      ctx.out().println(String.join("\n", out));
    }
    return 0;
  }

  private static String hostPort(Map<?, ?> binding) {
    String ip = String.valueOf(binding.get("HostIp"));
    String port = String.valueOf(binding.get("HostPort"));
    return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
  }

  /** sortorder.NaturalLess: digit runs compare as numbers, everything else byte-wise. */
  static int naturalCompare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int si = i;
        int sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && Character.isDigit(b.charAt(j))) {
          j++;
        }
        String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int cmp = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
        if (cmp != 0) {
          return cmp;
        }
        continue;
      }
      if (ca != cb) {
        return Character.compare(ca, cb);
      }
      i++;
      j++;
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
