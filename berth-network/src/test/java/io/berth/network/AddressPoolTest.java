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
    AddressPool pool = new AddressPool(dir, Cidr.parse("10.5.0.0/29"), Cidr.parseAddress("10.5.0.1"), null);
    assertEquals("10.5.0.2/29", pool.allocate("a", "eth0", "").toString());
    assertEquals("10.5.0.3/29", pool.allocate("b", "eth0", "").toString());
    pool.release("a");
    assertEquals("10.5.0.4/29", pool.allocate("c", "eth0", "").toString(), "a released address is not reused at once");
    assertEquals(List.of("b", "c"), pool.leases().stream().map(AddressPool.Lease::containerId).sorted().toList());
    pool.allocate("d", "eth0", "");
    pool.allocate("e", "eth0", "");
    assertEquals("10.5.0.2/29", pool.allocate("f", "eth1", "").toString(), "round the range to the free one");
    assertThrows(NetworkException.class, () -> pool.allocate("g", "eth0", ""), ".7 is the broadcast address");
  }

  @Test
  void staticAddressesInTheSubnetButNotTakenNorTheGateway() {
    AddressPool pool = new AddressPool(dir, Cidr.parse("10.10.10.0/24"), Cidr.parseAddress("10.10.10.1"),
        Cidr.parse("10.10.10.128/25"));
    assertEquals("10.10.10.51/24", pool.allocate("a", "eth0", "10.10.10.51").toString(), "outside the ip-range is fine");
    assertEquals("10.10.10.128/24", pool.allocate("b", "eth0", "").toString(), "dynamic ones from the ip-range");
    BerthException.Forbidden taken = assertThrows(BerthException.Forbidden.class,
        () -> pool.allocate("c", "eth0", "10.10.10.51"));
    assertEquals("Address already in use", taken.getMessage());
    assertThrows(BerthException.Forbidden.class, () -> pool.allocate("c", "eth0", "10.10.10.1"));
    assertEquals("Requested address is out of range", assertThrows(BerthException.InvalidParameter.class,
        () -> pool.allocate("c", "eth0", "10.10.11.5")).getMessage());
    assertTrue(pool.leases().stream().noneMatch(l -> l.containerId().equals("c")));
  }
}
