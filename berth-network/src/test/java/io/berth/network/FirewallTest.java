package io.berth.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule set berth's chains get, rendered without touching the host. */
class FirewallTest {
  private static NetworkRecord network(String name, String bridge, String subnet, boolean internal) {
    return new NetworkRecord("id-" + name, name, Instant.EPOCH.toString(), "bridge", bridge, subnet,
        Cidr.parse(subnet).plus(1).addressString(), "", internal, false, false, true, true, 1500, Map.of(), Map.of(),
        Map.of(), true, false, null);
  }

  private static Endpoint endpoint(String network, String ip, List<PortMapping> ports) {
    return new Endpoint("c", "e", "n", network, ip, 24, "", "", "veth0", "eth0", "web", List.of(), Map.of(), ports, "", 0, "");
  }

  @Test
  void isolatesNetworksPublishesPortsAndClosesInternalOnes() {
    Firewall f = new Firewall("abcd1234", true, true, List::of);
    List<PortMapping> ports = List.of(new PortMapping("tcp", "0.0.0.0", 8080, "10.1.0.2", 80),
        new PortMapping("tcp", "::", 8080, "10.1.0.2", 80),
        new PortMapping("udp", "127.0.0.1", 5353, "10.1.0.2", 53));
    String rules = f.render(List.of(
        new Firewall.View(network("a", "bra", "10.1.0.0/24", false), List.of(endpoint("a", "10.1.0.2", ports))),
        new Firewall.View(network("b", "brb", "10.2.0.0/24", true), List.of())));
    assertEquals("""
        *filter
        :BERTH-FWD-abcd1234 - [0:0]
        :BERTH-ISO-abcd1234 - [0:0]
        -A BERTH-FWD-abcd1234 -i bra ! -o bra -j BERTH-ISO-abcd1234
        -A BERTH-ISO-abcd1234 -o bra -j DROP
        -A BERTH-FWD-abcd1234 -i brb ! -o brb -j BERTH-ISO-abcd1234
        -A BERTH-ISO-abcd1234 -o brb -j DROP
        -A BERTH-FWD-abcd1234 -o bra -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A BERTH-FWD-abcd1234 -d 10.1.0.2/32 ! -i bra -o bra -p tcp -m tcp --dport 80 -j ACCEPT
        -A BERTH-FWD-abcd1234 -d 10.1.0.2/32 ! -i bra -o bra -p udp -m udp --dport 53 -j ACCEPT
        -A BERTH-FWD-abcd1234 -i bra ! -o bra -j ACCEPT
        -A BERTH-FWD-abcd1234 -i bra -o bra -j ACCEPT
        -A BERTH-FWD-abcd1234 -i brb ! -d 10.2.0.0/24 -j DROP
        -A BERTH-FWD-abcd1234 -o brb ! -s 10.2.0.0/24 -j DROP
        -A BERTH-FWD-abcd1234 -i brb -o brb -j ACCEPT
        COMMIT
        *nat
        :BERTH-DNAT-abcd1234 - [0:0]
        :BERTH-POST-abcd1234 - [0:0]
        -A BERTH-POST-abcd1234 -s 10.1.0.0/24 ! -o bra -j MASQUERADE
        -A BERTH-POST-abcd1234 -o bra -m addrtype --src-type LOCAL -j MASQUERADE
        -A BERTH-DNAT-abcd1234 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.1.0.2:80
        -A BERTH-POST-abcd1234 -s 10.1.0.2/32 -d 10.1.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
        -A BERTH-DNAT-abcd1234 -d 127.0.0.1/32 -p udp -m udp --dport 5353 -j DNAT --to-destination 10.1.0.2:53
        -A BERTH-POST-abcd1234 -s 10.1.0.2/32 -d 10.1.0.2/32 -p udp -m udp --dport 53 -j MASQUERADE
        -A BERTH-POST-abcd1234 -o brb -m addrtype --src-type LOCAL -j MASQUERADE
        COMMIT
        """, rules);
  }

  @Test
  void ipv6RulesIsolateEveryBridgeAndForwardTheIpv6Subnets() {
    Firewall f = new Firewall("abcd1234", true, true, List::of);
    NetworkRecord v4 = network("a", "bra", "10.1.0.0/24", false);
    NetworkRecord b = network("b", "brb", "10.2.0.0/24", false);
    NetworkRecord v6 = new NetworkRecord(b.id(), b.name(), b.created(), "bridge", "brb", b.subnet(), b.gateway(), "",
        false, false, true, true, true, 1500, Map.of(), Map.of(), Map.of(), true, false,
        new NetworkRecord.Ipv6Pool("fd00:2::/64", "fd00:2::1", ""));
    assertEquals("""
        *filter
        :BERTH-FWD-abcd1234 - [0:0]
        :BERTH-ISO-abcd1234 - [0:0]
        -A BERTH-FWD-abcd1234 -i bra ! -o bra -j BERTH-ISO-abcd1234
        -A BERTH-ISO-abcd1234 -o bra -j DROP
        -A BERTH-FWD-abcd1234 -i brb ! -o brb -j BERTH-ISO-abcd1234
        -A BERTH-ISO-abcd1234 -o brb -j DROP
        -A BERTH-FWD-abcd1234 -o brb -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A BERTH-FWD-abcd1234 -i brb ! -o brb -j ACCEPT
        -A BERTH-FWD-abcd1234 -i brb -o brb -j ACCEPT
        COMMIT
        *nat
        :BERTH-POST-abcd1234 - [0:0]
        -A BERTH-POST-abcd1234 -s fd00:2::/64 ! -o brb -j MASQUERADE
        COMMIT
        """, f.render6(List.of(new Firewall.View(v4, List.of()), new Firewall.View(v6, List.of()))));
  }
}
