package io.berth.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code --network} values (Docker's NetworkOpt: a name, or csv of name=, alias=, ip=, ...) and
 * the endpoint settings Docker's parseNetworkOpts derives from them and from --network-alias,
 * --ip, --ip6, --mac-address, --link and --link-local-ip.
 */
final class NetworkSpecs {
  private static final Pattern LONG_SYNTAX = Pattern.compile("\\w+=\\w+(,\\w+=\\w+)*");
  private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}");

  /** One network to attach to, with its per-network options. */
  record Attachment(String target, List<String> aliases, String ipv4, String ipv6, String mac,
      List<String> linkLocalIps, Map<String, String> driverOpts, int gwPriority, List<String> links) {}

  private NetworkSpecs() {}

  static String networkFlag(String value) {
    attachment(value);
    return value;
  }

  static Attachment attachment(String value) {
    if (!LONG_SYNTAX.matcher(value).find()) {
      return new Attachment(value, List.of(), "", "", "", List.of(), Map.of(), 0, List.of());
    }
    String target = "";
    List<String> aliases = new ArrayList<>();
    String ipv4 = "";
    String ipv6 = "";
    String mac = "";
    List<String> linkLocal = new ArrayList<>();
    Map<String, String> driverOpts = new TreeMap<>();
    int gwPriority = 0;
    for (String field : Csv.fields(value)) {
      String lower = field.toLowerCase(Locale.ROOT);
      int eq = lower.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("invalid field " + field);
      }
      String key = lower.substring(0, eq).strip();
      String val = lower.substring(eq + 1).strip();
      switch (key) {
        case "name" -> target = val;
        case "alias" -> aliases.add(val);
        case "ip" -> ipv4 = val;
        case "ip6" -> ipv6 = val;
        case "mac-address" -> mac = val;
        case "link-local-ip" -> linkLocal.add(val);
        case "driver-opt" -> {
          int deq = val.indexOf('=');
          if (deq < 0) {
            throw new IllegalArgumentException("invalid key value pair format in driver options");
          }
          driverOpts.put(val.substring(0, deq).strip().toLowerCase(Locale.ROOT), val.substring(deq + 1).strip());
        }
        case "gw-priority" -> {
          try {
            gwPriority = Integer.parseInt(val);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid gw-priority: " + val);
          }
        }
        default -> throw new IllegalArgumentException("invalid field key " + key);
      }
    }
    if (target.isEmpty()) {
      throw new IllegalArgumentException("network name not specified");
    }
    return new Attachment(target, aliases, ipv4, ipv6, mac, linkLocal, driverOpts, gwPriority, List.of());
  }

  /** container.NetworkMode.IsUserDefined. */
  static boolean isUserDefined(String mode) {
    return !(mode.equals("default") || mode.equals("bridge") || mode.equals("host") || mode.equals("none")
        || mode.startsWith("container:"));
  }

  /** The container-wide network options (flags outside --network). */
  record ContainerOptions(List<String> aliases, String ipv4, String ipv6, String mac, List<String> links,
      List<String> linkLocalIps) {}

  /** parseNetworkOpts: NetworkingConfig.EndpointsConfig, in the order the networks were given. */
  static Map<String, Object> endpoints(List<String> networkValues, ContainerOptions copts) {
    Map<String, Object> endpoints = new LinkedHashMap<>();
    if (networkValues.isEmpty()) {
      Attachment def = apply(new Attachment("default", List.of(), "", "", "", List.of(), Map.of(), 0, List.of()),
          copts);
      endpoints.put("default", settings(def));
      return endpoints;
    }
    boolean userDefined = false;
    boolean nonUserDefined = false;
    for (int i = 0; i < networkValues.size(); i++) {
      Attachment a = attachment(networkValues.get(i));
      if (isUserDefined(a.target())) {
        userDefined = true;
      } else {
        nonUserDefined = true;
      }
      if (i == 0) {
        a = apply(a, copts);
      }
      Map<String, Object> ep = settings(a);
      if (endpoints.containsKey(a.target())) {
        throw new IllegalArgumentException("network \"" + a.target() + "\" is specified multiple times");
      }
      if (i == 0 && networkValues.size() == 1 && isEmpty(a)) {
        continue;
      }
      endpoints.put(a.target(), ep);
    }
    if (userDefined && nonUserDefined) {
      throw new IllegalArgumentException(
          "conflicting options: cannot attach both user-defined and non-user-defined network-modes");
    }
    return endpoints;
  }

  private static boolean isEmpty(Attachment a) {
    return a.aliases().isEmpty() && a.ipv4().isEmpty() && a.ipv6().isEmpty() && a.mac().isEmpty()
        && a.linkLocalIps().isEmpty() && a.driverOpts().isEmpty() && a.gwPriority() == 0 && a.links().isEmpty();
  }

  /** applyContainerOptions: the first network also takes the container-wide options. */
  private static Attachment apply(Attachment n, ContainerOptions c) {
    conflict(!n.aliases().isEmpty() && !c.aliases().isEmpty(), "--network-alias and per-network alias");
    conflict(!n.ipv4().isEmpty() && !c.ipv4().isEmpty(), "--ip and per-network IPv4 address");
    conflict(!n.ipv6().isEmpty() && !c.ipv6().isEmpty(), "--ip6 and per-network IPv6 address");
    conflict(!n.mac().isEmpty() && !c.mac().isEmpty(), "--mac-address and per-network MAC address");
    conflict(!n.linkLocalIps().isEmpty() && !c.linkLocalIps().isEmpty(),
        "--link-local-ip and per-network link-local IP addresses");
    return new Attachment(n.target(),
        c.aliases().isEmpty() ? n.aliases() : c.aliases(),
        c.ipv4().isEmpty() ? n.ipv4() : c.ipv4(),
        c.ipv6().isEmpty() ? n.ipv6() : c.ipv6(),
        c.mac().isEmpty() ? n.mac() : c.mac(),
        c.linkLocalIps().isEmpty() ? n.linkLocalIps() : c.linkLocalIps(),
        n.driverOpts(), n.gwPriority(),
        isUserDefined(n.target()) && !c.links().isEmpty() ? c.links() : n.links());
  }

  private static void conflict(boolean both, String what) {
    if (both) {
      throw new IllegalArgumentException("conflicting options: cannot specify both " + what);
    }
  }

  /** parseNetworkAttachmentOpt: EndpointSettings in Go's field order. */
  private static Map<String, Object> settings(Attachment a) {
    if (!isUserDefined(a.target())) {
      if (!a.aliases().isEmpty()) {
        throw new IllegalArgumentException("network-scoped aliases are only supported for user-defined networks");
      }
      if (!a.links().isEmpty()) {
        throw new IllegalArgumentException("links are only supported for user-defined networks");
      }
    }
    Map<String, Object> ipam = null;
    if (!a.ipv4().isEmpty() || !a.ipv6().isEmpty() || !a.linkLocalIps().isEmpty()) {
      ipam = new LinkedHashMap<>();
      if (!a.ipv4().isEmpty()) {
        ipam.put("IPv4Address", a.ipv4());
      }
      if (!a.ipv6().isEmpty()) {
        ipam.put("IPv6Address", a.ipv6());
      }
      if (!a.linkLocalIps().isEmpty()) {
        ipam.put("LinkLocalIPs", a.linkLocalIps());
      }
    }
    if (!a.mac().isEmpty() && !MAC.matcher(a.mac().strip()).matches()) {
      throw new IllegalArgumentException(a.mac() + " is not a valid mac address");
    }
    Map<String, Object> ep = new LinkedHashMap<>();
    ep.put("IPAMConfig", ipam);
    ep.put("Links", a.links().isEmpty() ? null : a.links());
    ep.put("Aliases", a.aliases().isEmpty() ? null : a.aliases());
    ep.put("MacAddress", a.mac());
    ep.put("DriverOpts", a.driverOpts().isEmpty() ? null : a.driverOpts());
    ep.put("GwPriority", a.gwPriority());
    ep.put("NetworkID", "");
    ep.put("EndpointID", "");
    ep.put("Gateway", "");
    ep.put("IPAddress", "");
    ep.put("IPPrefixLen", 0);
    ep.put("IPv6Gateway", "");
    ep.put("GlobalIPv6Address", "");
    ep.put("GlobalIPv6PrefixLen", 0);
    ep.put("DNSNames", null);
    return ep;
  }
}
