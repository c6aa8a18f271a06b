package io.berth.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void parsesAndFormats() {
    Cidr c = Cidr.parse("10.88.0.1/16");
    assertEquals("10.88.0.1/16", c.toString());
    assertEquals("10.88.0.0/16", c.network().toString());
    assertEquals("10.88.0.1", c.addressString());
    assertEquals("255.255.255.255/32", Cidr.parse("255.255.255.255").toString());
    assertEquals("0.0.0.0/0", Cidr.parse("0.0.0.0/0").toString());
  }

  @Test
  void rejectsMalformed() {
    for (String bad : new String[] {"10.88.0.1/33", "10.88.0/16", "256.1.1.1/8", "a.b.c.d/8", "10.0.0.1/x", ""}) {
      assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
    }
  }

  @Test
  void containsAndOverlaps() {
    Cidr sixteen = Cidr.parse("172.18.0.0/16");
    assertTrue(sixteen.contains(Cidr.parseAddress("172.18.255.254")));
    assertFalse(sixteen.contains(Cidr.parseAddress("172.19.0.1")));
    assertTrue(sixteen.overlaps(Cidr.parse("172.18.5.0/24")));
    assertTrue(Cidr.parse("172.18.5.0/24").overlaps(sixteen));
    assertTrue(sixteen.overlaps(Cidr.parse("172.0.0.0/8")));
    assertFalse(sixteen.overlaps(Cidr.parse("172.19.0.0/16")));
    assertTrue(Cidr.parse("10.0.0.0/24").isNetworkAddress());
    assertFalse(Cidr.parse("10.0.0.1/24").isNetworkAddress());
  }

  @Test
  void dockerMacIsTheAddressBytesAfter0242() {
    assertEquals("02:42:ac:11:00:02", Endpoint.dockerMac(Cidr.parseAddress("172.17.0.2")));
    assertEquals("02:42:0a:ff:fe:fd", Endpoint.dockerMac(Cidr.parseAddress("10.255.254.253")));
  }
}
