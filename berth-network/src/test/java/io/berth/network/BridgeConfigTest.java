package io.berth.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.BerthException;
import org.junit.jupiter.api.Test;

class BridgeConfigTest {
  @Test
  void defaults() {
    BridgeConfig c = BridgeConfig.defaultNetwork(null, null);
    assertEquals("bridge", c.networkName());
    assertEquals("berth0", c.bridgeName());
    assertNull(c.bip());
    assertEquals(1500, c.mtu());
  }

  @Test
  void bipNamingTheSubnetGivesTheBridgeItsFirstAddress() {
    assertEquals("10.88.0.1/16", BridgeConfig.defaultNetwork("b0", "10.88.0.0/16").bip().toString());
    assertEquals("10.88.3.7/16", BridgeConfig.defaultNetwork("b0", "10.88.3.7/16").bip().toString());
  }

  @Test
  void rejectsBadNamesAndAddresses() {
    assertThrows(BerthException.InvalidParameter.class, () -> BridgeConfig.defaultNetwork("much-too-long-name", null));
    assertThrows(BerthException.InvalidParameter.class, () -> BridgeConfig.defaultNetwork("a/b", null));
    assertThrows(BerthException.InvalidParameter.class, () -> BridgeConfig.defaultNetwork("b0", "10.88.0.1/31"));
    assertThrows(BerthException.InvalidParameter.class, () -> BridgeConfig.defaultNetwork("b0", "10.88.0.300/16"));
    assertThrows(BerthException.InvalidParameter.class, () -> BridgeConfig.defaultNetwork("b0", null).withMtu(10));
  }
}
