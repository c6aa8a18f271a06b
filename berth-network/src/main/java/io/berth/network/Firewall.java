package io.berth.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The daemon's iptables rules, dockerd's rule set (bridge setup, DOCKER-ISOLATION, port mappings with the
 * userland proxy off) in chains of berth's own: {@code BERTH-FWD-<tag>} and {@code BERTH-ISO-<tag>} in filter,
 * {@code BERTH-DNAT-<tag>} and {@code BERTH-POST-<tag>} in nat, where the tag is derived from the daemon's state
 * directory, so that several daemons (and a Docker engine) on one host never touch each other's rules. The
 * built-in chains get one tagged jump each.
 *
 * <p>The chains' whole content is a function of the networks and their endpoints: every change rewrites it
 * with one {@code iptables-restore --noflush}, which replaces the chains atomically. A restart after a crash
 * therefore drops the rules of containers that died meanwhile and keeps those of live ones, by construction.
 *
 * <p>Networks with IPv6 get the same isolation, forwarding and masquerading for their IPv6 subnet through
 * {@code ip6tables-restore}, in chains of the same names ({@code --ip6tables}); ip6tables is not touched by a
 * daemon that never had such a network. Published ports need no IPv6 rule: IPv6 host addresses are served by
 * berthd's forwarder.
 */
final class Firewall {
  /** What the rules are made from: a network and its current endpoints. */
  record View(NetworkRecord network, List<Endpoint> endpoints) {}

  private final String tag;
  private final boolean enabled;
  private final boolean ip6Enabled;
  private final Supplier<List<View>> views;
  private boolean jumpsEnsured;
  private boolean jumps6Ensured;
  private Boolean ip6Chains; // whether berth's IPv6 chains may exist (asked once, lazily)
  private final java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();
  private static final System.Logger LOG = System.getLogger(Firewall.class.getName());

  /**
   * @param enabled false for a daemon run with {@code --iptables=false}: then no rule is ever written
   * @param ip6Enabled false for {@code --ip6tables=false}: then no IPv6 rule is written
   */
  Firewall(String tag, boolean enabled, boolean ip6Enabled, Supplier<List<View>> views) {
    this.tag = tag;
    this.enabled = enabled;
    this.ip6Enabled = enabled && ip6Enabled;
    this.views = views;
  }

  boolean enabled() {
    return enabled;
  }

  /** The tag of the daemon whose state lives in {@code stateDir}: 8 hex digits of its path's SHA-256. */
  static String tagFor(java.nio.file.Path stateDir) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(stateDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String forwardChain() {
    return "BERTH-FWD-" + tag;
  }

  String isolationChain() {
    return "BERTH-ISO-" + tag;
  }

  String dnatChain() {
    return "BERTH-DNAT-" + tag;
  }

  String postroutingChain() {
    return "BERTH-POST-" + tag;
  }

  /**
   * Rewrites the chains soon, off the caller's path: what a container's exit or removal changes (a rule left a
   * moment longer for a dead address forwards nothing; the next {@link #apply} or restart rewrites it anyway).
   * Requests that come while one waits are served by it.
   */
  void applySoon() {
    if (enabled && pending.compareAndSet(false, true)) {
      Thread.ofVirtual().name("firewall").start(() -> {
        pending.set(false);
        try {
          apply();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "rewriting the firewall: " + e.getMessage());
        }
      });
    }
  }

  /** Rewrites berth's chains from the current networks and endpoints. */
  synchronized void apply() {
    if (!enabled) {
      return;
    }
    List<View> networks = views.get();
    String rules = render(networks);
    Command.run(List.of("iptables-restore", "-w", "--noflush"), Map.of(), rules.getBytes(StandardCharsets.UTF_8))
        .check();
    if (!jumpsEnsured) {
      for (List<String> jump : jumps()) {
        ensure("iptables", jump);
      }
      jumpsEnsured = true;
    }
    boolean anyIpv6 = networks.stream().anyMatch(v -> v.network().hasIpv6());
    if (ip6Chains == null) {
      ip6Chains = ip6Enabled && ip6ChainsExist();
    }
    if (ip6Enabled && (anyIpv6 || ip6Chains)) { // the rules of the last IPv6 network go with it
      Command.run(List.of("ip6tables-restore", "-w", "--noflush"), Map.of(),
          render6(networks).getBytes(StandardCharsets.UTF_8)).check();
      ip6Chains = anyIpv6; // once emptied, the chains need no rewrite until an IPv6 network comes
      if (!jumps6Ensured && anyIpv6) {
        for (List<String> jump : jumps6()) {
          ensure("ip6tables", jump);
        }
        jumps6Ensured = true;
      }
    }
  }

  /** Whether an earlier berthd of this state left IPv6 chains (false on a host without ip6tables). */
  private boolean ip6ChainsExist() {
    try {
      return Command.run("ip6tables", "-w", "-t", "filter", "-S", forwardChain()).ok();
    } catch (NetworkException noIp6tables) {
      return false;
    }
  }

  /**
   * The IPv6 rules as ip6tables-restore input: every bridge isolated from the others, and for each network with
   * IPv6 the forwarding and masquerading of its IPv6 subnet, as the IPv4 rules do for the IPv4 one.
   */
  String render6(List<View> networks) {
    StringBuilder filter = isolatedFilter(networks);
    StringBuilder nat = new StringBuilder("*nat\n");
    nat.append(':').append(postroutingChain()).append(" - [0:0]\n");
    for (View v : networks) {
      NetworkRecord n = v.network();
      if (!n.hasIpv6()) {
        continue;
      }
      String br = n.bridge();
      String subnet = n.ipv6().subnet();
      if (n.internal()) {
        add(filter, forwardChain(), "-i", br, "!", "-d", subnet, "-j", "DROP");
        add(filter, forwardChain(), "-o", br, "!", "-s", subnet, "-j", "DROP");
      } else {
        add(filter, forwardChain(), "-o", br, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT");
        add(filter, forwardChain(), "-i", br, "!", "-o", br, "-j", "ACCEPT");
      }
      add(filter, forwardChain(), "-i", br, "-o", br, "-j", n.icc() ? "ACCEPT" : "DROP");
      if (!n.internal() && n.masquerade()) {
        add(nat, postroutingChain(), "-s", subnet, "!", "-o", br, "-j", "MASQUERADE");
      }
    }
    filter.append("COMMIT\n");
    nat.append("COMMIT\n");
    return filter.append(nat).toString();
  }

  /** The rules of berth's chains as iptables-restore input; declaring a chain flushes it. */
  String render(List<View> networks) {
    StringBuilder filter = isolatedFilter(networks);
    StringBuilder nat = new StringBuilder("*nat\n");
    nat.append(':').append(dnatChain()).append(" - [0:0]\n");
    nat.append(':').append(postroutingChain()).append(" - [0:0]\n");
    for (View v : networks) {
      NetworkRecord n = v.network();
      String br = n.bridge();
      String subnet = n.subnet();
      if (n.internal()) { // no way in or out of the subnet
        add(filter, forwardChain(), "-i", br, "!", "-d", subnet, "-j", "DROP");
        add(filter, forwardChain(), "-o", br, "!", "-s", subnet, "-j", "DROP");
      } else {
        add(filter, forwardChain(), "-o", br, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT");
        for (Endpoint e : v.endpoints()) {
          for (PortMapping p : e.ports()) {
            if (!p.ipv6()) {
              add(filter, forwardChain(), "-d", p.containerIp() + "/32", "!", "-i", br, "-o", br, "-p", p.proto(),
                  "-m", p.proto(), "--dport", Integer.toString(p.containerPort()), "-j", "ACCEPT");
            }
          }
        }
        add(filter, forwardChain(), "-i", br, "!", "-o", br, "-j", "ACCEPT");
      }
      add(filter, forwardChain(), "-i", br, "-o", br, "-j", n.icc() ? "ACCEPT" : "DROP");
      if (!n.internal() && n.masquerade()) {
        add(nat, postroutingChain(), "-s", subnet, "!", "-o", br, "-j", "MASQUERADE");
      }
      // 127.0.0.1:PORT reaches a container through route_localnet: its source must not stay a loopback one
      add(nat, postroutingChain(), "-o", br, "-m", "addrtype", "--src-type", "LOCAL", "-j", "MASQUERADE");
      for (Endpoint e : v.endpoints()) {
        for (PortMapping p : e.ports()) {
          if (p.ipv6()) {
            continue; // IPv6 host addresses are served by berthd's forwarder
          }
          List<String> dnat = new ArrayList<>();
          if (!p.anyAddress()) {
            dnat.addAll(List.of("-d", p.hostIp() + "/32"));
          }
          dnat.addAll(List.of("-p", p.proto(), "-m", p.proto(), "--dport", Integer.toString(p.hostPort()),
              "-j", "DNAT", "--to-destination", p.containerIp() + ":" + p.containerPort()));
          add(nat, dnatChain(), dnat.toArray(String[]::new));
          add(nat, postroutingChain(), "-s", p.containerIp() + "/32", "-d", p.containerIp() + "/32", "-p", p.proto(),
              "-m", p.proto(), "--dport", Integer.toString(p.containerPort()), "-j", "MASQUERADE");
        }
      }
    }
    filter.append("COMMIT\n");
    nat.append("COMMIT\n");
    return filter.append(nat).toString();
  }

  /**
   * The filter table's chains, declared (which flushes them), with DOCKER-ISOLATION-STAGE-1/2's rules: no
   * traffic between two of the daemon's bridges.
   */
  private StringBuilder isolatedFilter(List<View> networks) {
    StringBuilder filter = new StringBuilder("*filter\n");
    filter.append(':').append(forwardChain()).append(" - [0:0]\n");
    filter.append(':').append(isolationChain()).append(" - [0:0]\n");
    for (View v : networks) {
      String br = v.network().bridge();
      add(filter, forwardChain(), "-i", br, "!", "-o", br, "-j", isolationChain());
      add(filter, isolationChain(), "-o", br, "-j", "DROP");
    }
    return filter;
  }

  private static void add(StringBuilder out, String chain, String... spec) {
    out.append("-A ").append(chain);
    for (String s : spec) {
      out.append(' ').append(s);
    }
    out.append('\n');
  }

  /** The jumps from the built-in chains, each as {@code table chain spec...}. */
  private List<List<String>> jumps() {
    List<String> comment = List.of("-m", "comment", "--comment", "berth " + tag);
    List<List<String>> jumps = new ArrayList<>();
    jumps.add(jump("filter", "FORWARD", comment, List.of(), forwardChain()));
    List<String> local = List.of("-m", "addrtype", "--dst-type", "LOCAL");
    jumps.add(jump("nat", "PREROUTING", comment, local, dnatChain()));
    jumps.add(jump("nat", "OUTPUT", comment, local, dnatChain()));
    jumps.add(jump("nat", "POSTROUTING", comment, List.of(), postroutingChain()));
    return jumps;
  }

  /** The IPv6 jumps: forwarding and masquerading (no DNAT: IPv6 ports are forwarded in berthd). */
  private List<List<String>> jumps6() {
    List<String> comment = List.of("-m", "comment", "--comment", "berth " + tag);
    return List.of(jump("filter", "FORWARD", comment, List.of(), forwardChain()),
        jump("nat", "POSTROUTING", comment, List.of(), postroutingChain()));
  }

  private static List<String> jump(String table, String chain, List<String> comment, List<String> match,
      String target) {
    List<String> rule = new ArrayList<>(List.of(table, chain));
    rule.addAll(match);
    rule.addAll(comment);
    rule.addAll(List.of("-j", target));
    return rule;
  }

  /** Inserts a jump at the top of its chain unless present (a host whose FORWARD ends in DROP must not shadow it). */
  private static void ensure(String program, List<String> rule) {
    if (!Command.run(iptables(program, rule, "-C")).ok()) {
      Command.run(iptables(program, rule, "-I")).check();
    }
  }

  private static String[] iptables(String program, List<String> rule, String op) {
    List<String> argv = new ArrayList<>(List.of(program, "-w", "-t", rule.get(0), op, rule.get(1)));
    argv.addAll(rule.subList(2, rule.size()));
    return argv.toArray(String[]::new);
  }

  /** Removes the jumps and the chains: {@code network rm} of the daemon's last network, and tests. */
  synchronized void removeAll() {
    removeAll("iptables", jumps());
    jumpsEnsured = false;
    if (ip6Enabled) {
      removeAll("ip6tables", jumps6());
      jumps6Ensured = false;
      ip6Chains = false;
    }
  }

  private void removeAll(String program, List<List<String>> jumps) {
    for (List<String> jump : jumps) {
      while (Command.run(iptables(program, jump, "-C")).ok()) {
        Command.run(iptables(program, jump, "-D")).check();
      }
    }
    for (String[] chain : List.of(new String[] {"filter", forwardChain()}, new String[] {"filter", isolationChain()},
        new String[] {"nat", dnatChain()}, new String[] {"nat", postroutingChain()})) {
      Command.run(program, "-w", "-t", chain[0], "-F", chain[1]);
      Command.run(program, "-w", "-t", chain[0], "-X", chain[1]);
    }
  }
}
