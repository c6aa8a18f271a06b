package io.berth.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.BerthException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressPoolTest {
  @TempDir
  Path dir;

  @Test
  void handsOutAddressesAfterTheGatewayRoundTheRangeWithoutReuseAtOnce() {
    AddressPool pool = AddressPool.v4(dir, Cidr.parse("10.5.0.0/29"), Cidr.parseAddress("10.5.0.1"), null);
    assertEquals("10.5.0.2", pool.allocate("a", "eth0", ""));
    assertEquals("10.5.0.3", pool.allocate("b", "eth0", ""));
    pool.release("a");
    assertEquals("10.5.0.4", pool.allocate("c", "eth0", ""), "a released address is not reused at once");
    assertEquals(List.of("b", "c"), pool.leases().stream().map(AddressPool.Lease::containerId).sorted().toList());
    pool.allocate("d", "eth0", "");
    pool.allocate("e", "eth0", "");
    assertEquals("10.5.0.2", pool.allocate("f", "eth1", ""), "round the range to the free one");
    assertThrows(NetworkException.class, () -> pool.allocate("g", "eth0", ""), ".7 is the broadcast address");
  }

  @Test
  void staticAddressesInTheSubnetButNotTakenNorTheGateway() {
    AddressPool pool = AddressPool.v4(dir, Cidr.parse("10.10.10.0/24"), Cidr.parseAddress("10.10.10.1"),
        Cidr.parse("10.10.10.128/25"));
    assertEquals("10.10.10.51", pool.allocate("a", "eth0", "10.10.10.51"), "outside the ip-range is fine");
    assertEquals("10.10.10.128", pool.allocate("b", "eth0", ""), "dynamic ones from the ip-range");
    BerthException.Forbidden taken = assertThrows(BerthException.Forbidden.class,
        () -> pool.allocate("c", "eth0", "10.10.10.51"));
    assertEquals("Address already in use", taken.getMessage());
    assertThrows(BerthException.Forbidden.class, () -> pool.allocate("c", "eth0", "10.10.10.1"));
    assertEquals("Requested address is out of range", assertThrows(BerthException.InvalidParameter.class,
        () -> pool.allocate("c", "eth0", "10.10.11.5")).getMessage());
    assertTrue(pool.leases().stream().noneMatch(l -> l.containerId().equals("c")));
  }

  @Test
  void anIpv6PoolSharesTheDirectoryAndKeepsToItsOwnLeases() {
    AddressPool v4 = AddressPool.v4(dir, Cidr.parse("10.5.0.0/24"), Cidr.parseAddress("10.5.0.1"), null);
    Cidr6 subnet = Cidr6.parse("fd00:1::/64");
    AddressPool v6 = AddressPool.v6(dir, subnet, Cidr6.parseAddress("fd00:1::1"), null);
    assertEquals("10.5.0.2", v4.allocate("a", "eth0", ""));
    assertEquals("fd00:1::2", v6.allocate("a", "eth0", ""));
    assertEquals("fd00:1::3", v6.allocate("b", "eth0", ""));
    assertEquals("fd00:1::99", v6.allocate("c", "eth0", "fd00:1::99"));
    assertEquals("Address already in use", assertThrows(BerthException.Forbidden.class,
        () -> v6.allocate("d", "eth0", "fd00:1::1")).getMessage(), "the gateway");
    assertThrows(BerthException.InvalidParameter.class, () -> v6.allocate("d", "eth0", "fd00:2::5"));
    assertThrows(BerthException.InvalidParameter.class, () -> v6.allocate("d", "eth0", "fd00:1::"));
    assertEquals(List.of("10.5.0.2"), v4.leases().stream().map(AddressPool.Lease::address).toList());
    assertEquals(3, v6.leases().size());
    v6.release("a");
    assertEquals(List.of("10.5.0.2"), v4.leases().stream().map(AddressPool.Lease::address).toList(),
        "releasing the IPv6 lease keeps the IPv4 one");
    assertEquals("fd00:1::4", v6.allocate("e", "eth0", ""), "after the last one reserved");
  }

  @Test
  void anIpv6RangeIsHonoured() {
    AddressPool v6 = AddressPool.v6(dir, Cidr6.parse("fd00:1::/64"), Cidr6.parseAddress("fd00:1::1"),
        Cidr6.parse("fd00:1::ff00/120"));
    assertEquals("fd00:1::ff00", v6.allocate("a", "eth0", ""));
  }
}
