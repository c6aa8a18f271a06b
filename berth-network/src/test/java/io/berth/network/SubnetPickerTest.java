package io.berth.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetPickerTest {
  @Test
  void parsesProcNetRoute() {
    List<String> lines = List.of(
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
        "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
        "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
        "br0\t000012AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0");
    assertEquals(List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("172.18.0.0/16")),
        SubnetPicker.parseProcRoutes(lines));
  }

  @Test
  void skipsDockersSubnetRoutedSubnetsAndNameservers() {
    assertEquals(Cidr.parse("172.18.0.0/16"), SubnetPicker.pick(List.of(), List.of()));
    assertEquals(Cidr.parse("172.20.0.0/16"), SubnetPicker.pick(
        List.of(Cidr.parse("172.18.3.0/24")), List.of("172.19.0.10", "2001:db8::1")));
    // A wide route covering all of 172.16/12 pushes the choice into 10.x.
    assertEquals(Cidr.parse("10.90.0.0/16"), SubnetPicker.pick(List.of(Cidr.parse("172.16.0.0/12")), List.of()));
  }

  @Test
  void failsWhenEveryCandidateIsTaken() {
    assertThrows(NetworkException.class,
        () -> SubnetPicker.pick(List.of(Cidr.parse("172.16.0.0/12"), Cidr.parse("10.0.0.0/8")), List.of()));
  }
}
