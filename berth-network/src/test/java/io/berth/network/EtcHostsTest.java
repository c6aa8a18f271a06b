package io.berth.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker 20.10's container /etc/hosts, line for line. */
class EtcHostsTest {
  private static final String DEFAULTS = """
      127.0.0.1\tlocalhost
      ::1\tlocalhost ip6-localhost ip6-loopback
      fe00::0\tip6-localnet
      ff00::0\tip6-mcastprefix
      ff02::1\tip6-allnodes
      ff02::2\tip6-allrouters
      """;

  @Test
  void bridgedContainerEndsWithItsOwnRecord() {
    assertEquals(DEFAULTS + "172.17.0.2\t3f4e5a6b7c8d\n", EtcHosts.build("3f4e5a6b7c8d", null, List.of("172.17.0.2"), List.of()));
  }

  @Test
  void fqdnListsFullAndShortName() {
    assertEquals(DEFAULTS + "10.0.0.5\tweb.example.com web\n", EtcHosts.build("web", "example.com", List.of("10.0.0.5"), List.of()));
    assertEquals(DEFAULTS + "10.0.0.5\tdb.local db\n", EtcHosts.build("db.local", "", List.of("10.0.0.5"), List.of()));
  }

  @Test
  void extraHostsComeBeforeTheOwnRecordAndNoneHasNoOwnRecord() {
    List<EtcHosts.Entry> extra = List.of(new EtcHosts.Entry("192.0.2.9", "gateway.test"));
    assertEquals(DEFAULTS + "192.0.2.9\tgateway.test\n10.0.0.5\tabc\n", EtcHosts.build("abc", null, List.of("10.0.0.5"), extra));
    assertEquals(DEFAULTS, EtcHosts.build("abc", null, List.of(), List.of()));
  }

  @Test
  void bridgeNetworkHostsIsTheSameBuild() {
    assertEquals(EtcHosts.build("h", null, List.of("10.1.1.2"), List.of()), EtcHosts.build("h", "", List.of("10.1.1.2"), List.of()));
  }

  @Test
  void anIpv6AddressFollowsTheIpv4One() {
    assertEquals(DEFAULTS + "172.19.0.2\tweb\nfd00:1::2\tweb\n",
        EtcHosts.build("web", null, List.of("172.19.0.2", "fd00:1::2"), List.of()));
  }
}
