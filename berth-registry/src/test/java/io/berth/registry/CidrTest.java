package io.berth.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void parsedAsGoHoldsThem() throws Exception {
    Cidr c = Cidr.parse("10.1.2.3/8").orElseThrow();
    assertEquals("10.0.0.0/8", c.toString(), "masked to the network");
    assertEquals(Cidr.parse("10.0.0.0/8").orElseThrow(), c);
    assertTrue(c.contains(InetAddress.getByName("10.200.0.1")));
    assertFalse(c.contains(InetAddress.getByName("11.0.0.1")));
    assertFalse(c.contains(InetAddress.getByName("::1")), "another family");
    assertEquals("::1/128", Cidr.parse("::1/128").orElseThrow().toString());
    assertEquals("fd00::/8", Cidr.parse("fd00:1::5/8").orElseThrow().toString());
    assertEquals(Optional.empty(), Cidr.parse("10.0.0.0/33"));
    assertEquals(Optional.empty(), Cidr.parse("example.com/8"), "names are never resolved");
    assertEquals(Optional.empty(), Cidr.parse("10.0.0.1"));
    assertTrue(c.containsHost("10.9.9.9"));
    assertFalse(c.containsHost("localhost"));
  }
}
