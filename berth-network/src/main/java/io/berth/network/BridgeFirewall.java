package io.berth.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's iptables rules for a bridge: outbound NAT for the subnet and FORWARD accepts for
 * traffic from, to (replies) and within the bridge. Each rule carries a comment naming the
 * bridge so that an operator can see whose it is; each is checked before it is inserted, so
 * adding is idempotent and several daemons with different bridges never touch each other's.
 */
final class BridgeFirewall {
  /** One rule: table, chain and the match/target arguments shared by -C, -I and -D. */
  record Rule(String table, String chain, List<String> spec) {
    List<String> command(String op) {
      List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-t", table, op, chain));
      argv.addAll(spec);
      return argv;
    }
  }

  private final List<Rule> rules;

  BridgeFirewall(String bridge, Cidr subnet, boolean masquerade) {
    List<String> comment = List.of("-m", "comment", "--comment", "berth bridge " + bridge);
    List<Rule> list = new ArrayList<>();
    if (masquerade) {
      list.add(rule("nat", "POSTROUTING", comment,
          "-s", subnet.network().toString(), "!", "-o", bridge, "-j", "MASQUERADE"));
    }
    list.add(rule("filter", "FORWARD", comment,
        "-o", bridge, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"));
    list.add(rule("filter", "FORWARD", comment, "-i", bridge, "!", "-o", bridge, "-j", "ACCEPT"));
    list.add(rule("filter", "FORWARD", comment, "-i", bridge, "-o", bridge, "-j", "ACCEPT"));
    this.rules = List.copyOf(list);
  }

  private static Rule rule(String table, String chain, List<String> comment, String... matchAndTarget) {
    List<String> spec = new ArrayList<>(List.of(matchAndTarget));
    int target = spec.indexOf("-j");
    spec.addAll(target, comment);
    return new Rule(table, chain, List.copyOf(spec));
  }

  List<Rule> rules() {
    return rules;
  }

  /**
   * Inserts each missing rule at the top of its chain (Docker inserts too: a host whose FORWARD
   * chain ends in a DROP must not shadow them).
   */
  void ensure() {
    for (Rule r : rules.reversed()) {
      if (!present(r)) {
        Command.run(r.command("-I"), Map.of(), null).check();
      }
    }
  }

  /** Deletes every copy of every rule; absent rules are fine. */
  void remove() {
    for (Rule r : rules) {
      while (present(r)) {
        Command.run(r.command("-D"), Map.of(), null).check();
      }
    }
  }

  boolean present(Rule r) {
    return Command.run(r.command("-C"), Map.of(), null).ok();
  }
}
