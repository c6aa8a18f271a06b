package io.berth.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Cidr6Test {
  @Test
  void parsesAndPrintsAsGoDoes() {
    assertEquals("fd00:1::/64", Cidr6.parse("FD00:0001:0:0:0:0:0:0/64").toString());
    assertEquals("fd00:1::1", Cidr6.parse("fd00:1::1/64").addressString());
    assertEquals("2001:db8::1:0:0:1", Cidr6.formatAddress(Cidr6.parseAddress("2001:db8:0:0:1:0:0:1")));
    assertEquals("2001:db8:0:1:1:1:1:1", Cidr6.formatAddress(Cidr6.parseAddress("2001:db8:0:1:1:1:1:1")));
    assertEquals("::", Cidr6.formatAddress(Cidr6.parseAddress("::")));
    assertEquals("::1", Cidr6.formatAddress(Cidr6.parseAddress("::1")));
    assertEquals("fd00::", Cidr6.formatAddress(Cidr6.parseAddress("fd00::")));
    assertEquals(128, Cidr6.parse("fd00::5").prefixLength());
  }

  @Test
  void refusesWhatIsNotAnIpv6Literal() {
    for (String bad : new String[] {"zz", "10.0.0.1", "fd00::/129", "fd00::/x", "example.com", "fe80::1%eth0", "1:2:3"}) {
      assertThrows(IllegalArgumentException.class, () -> Cidr6.parse(bad), bad);
    }
  }

  @Test
  void subnetArithmetic() {
    Cidr6 subnet = Cidr6.parse("fd00:1::17/64").network();
    assertEquals("fd00:1::/64", subnet.toString());
    assertEquals("fd00:1::ffff:ffff:ffff:ffff", Cidr6.formatAddress(subnet.last()));
    assertTrue(subnet.contains(Cidr6.parseAddress("fd00:1::99")));
    assertFalse(subnet.contains(Cidr6.parseAddress("fd00:2::99")));
    assertTrue(subnet.overlaps(Cidr6.parse("fd00:1::/80")));
    assertTrue(Cidr6.parse("fd00::/16").overlaps(subnet));
    assertFalse(subnet.overlaps(Cidr6.parse("fd00:2::/64")));
    assertEquals("fd00:1::1/64", subnet.plus(1).toString());
    assertEquals(java.net.InetAddress.ofLiteral("fd00:1::5"), Cidr6.inetAddress("fd00:1::5"));
  }
}
