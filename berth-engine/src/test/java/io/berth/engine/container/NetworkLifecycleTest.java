package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.BerthException;
import io.berth.engine.container.config.EndpointSettings;
import io.berth.engine.container.config.PortBinding;
import io.berth.network.Endpoint;
import io.berth.network.NetworkCreate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The engine's network decisions (ports, user networks, DNS, links, connect), on the fake network (no root). */
class NetworkLifecycleTest {
  @AutoClose
  private final EngineHarness h;

  NetworkLifecycleTest() throws IOException {
    h = new EngineHarness();
  }

  private Container started(String json) throws Exception {
    Container c = h.create(json);
    h.lifecycle().start(c.id());
    return h.get(c.id());
  }

  private void userNetwork(String name, String subnet, boolean internal) {
    h.network.create(new NetworkCreate(name, "bridge", subnet, "", "", internal, false, false, Map.of(), Map.of(),
        Map.of(), null));
  }

  @Test
  void publishedPortsReachTheFirstEndpointAndInspectAndGoAtExit() throws Exception {
    Container c = started("{\"Image\":\"test\",\"ExposedPorts\":{\"443/tcp\":{}},\"HostConfig\":{\"PortBindings\":"
        + "{\"80/tcp\":[{\"HostPort\":\"8080\"},{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8081\"}]}}}");
    Endpoint e = h.network.endpoints.get(c.id());
    assertEquals(List.of(8080, 8081), e.ports().stream().map(p -> p.hostPort()).toList());
    assertEquals(List.of(new PortBinding("0.0.0.0", "8080"), new PortBinding("127.0.0.1", "8081")),
        c.network().ports().get("80/tcp"));
    assertTrue(c.network().ports().containsKey("443/tcp"));
    assertNull(c.network().ports().get("443/tcp"), "exposed, not published");
    h.lifecycle().stop(c.id(), null, null);
    assertTrue(h.get(c.id()).network().ports().isEmpty());
    assertTrue(h.network.endpoints.isEmpty());
  }

  @Test
  void aPortAnotherContainerHoldsFailsTheStartAndLeavesNothing() throws Exception {
    started("{\"Image\":\"test\",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"8080\"}]}}}");
    Container second = h.create("{\"Image\":\"test\",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":"
        + "\"8080\"}]}}}");
    var e = assertThrows(RuntimeException.class, () -> h.lifecycle().start(second.id()));
    assertTrue(e.getMessage().startsWith("driver failed programming external connectivity on endpoint "
        + second.name()), e.getMessage());
    assertTrue(e.getMessage().endsWith("Bind for 0.0.0.0:8080 failed: port is already allocated"), e.getMessage());
    Container after = h.get(second.id());
    assertEquals("created", after.state().status());
    assertFalse(h.network.endpoints.containsKey(second.id()));
    assertNull(h.runtimes.status(second.id()));
  }

  @Test
  void aUserNetworkGivesAddressAliasesAndTheEmbeddedDns() throws Exception {
    userNetwork("app", "10.10.10.0/24", false);
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"NetworkMode\":\"app\",\"Dns\":[\"9.9.9.9\"]},"
        + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"app\":{\"Aliases\":[\"db\"],\"IPAMConfig\":"
        + "{\"IPv4Address\":\"10.10.10.51\"}}}}}");
    EndpointSettings s = c.network().networks().get("app");
    assertEquals("10.10.10.51", s.ipAddress());
    assertEquals(List.of(c.name(), "db", c.shortId()), s.dnsNames());
    assertEquals(List.of("9.9.9.9"), h.network.dns.get(c.id()), "DNS served, forwarding to --dns");
    String resolv = Files.readString(h.engine.containers().containerDir(c.id()).resolve("resolv.conf"));
    assertEquals("nameserver 127.0.0.11\noptions ndots:0\n", resolv);
    h.lifecycle().stop(c.id(), null, null);
    assertFalse(h.network.dns.containsKey(c.id()), "DNS stopped at exit");
  }

  @Test
  void severalNetworksGetInterfacesInOrderAndPortsOnlyOnTheFirst() throws Exception {
    userNetwork("front", "", false);
    userNetwork("back", "", true);
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"NetworkMode\":\"front\",\"PortBindings\":"
        + "{\"80/tcp\":[{\"HostPort\":\"9090\"}]}},\"NetworkingConfig\":{\"EndpointsConfig\":{\"front\":{},"
        + "\"back\":{}}}}");
    Endpoint front = h.network.byNetwork.get("front").get(c.id());
    Endpoint back = h.network.byNetwork.get("back").get(c.id());
    assertEquals("eth0", front.containerInterface());
    assertEquals("eth1", back.containerInterface());
    assertEquals(1, front.ports().size());
    assertTrue(back.ports().isEmpty());
    assertEquals("", back.gateway(), "an internal network gives no route out");
  }

  @Test
  void createChecksNetworksAsDockerd() {
    assertEquals("network nosuch not found", assertThrows(BerthException.NotFound.class,
        () -> h.create("{\"Image\":\"test\",\"HostConfig\":{\"NetworkMode\":\"nosuch\"}}")).getMessage());
    assertEquals("user specified IP address is supported on user defined networks only",
        assertThrows(BerthException.InvalidParameter.class, () -> h.create("{\"Image\":\"test\","
            + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"bridge\":{\"IPAMConfig\":{\"IPv4Address\":\"10.1.1.1\"}}}}}"))
            .getMessage());
    userNetwork("auto", "", false);
    h.network.networks.put("auto", new io.berth.network.NetworkRecord(h.network.networks.get("auto").id(), "auto",
        java.time.Instant.now().toString(), "bridge", "br-auto", "10.100.9.0/24", "10.100.9.1", "", false, false,
        false, true, true, 1500, Map.of(), Map.of(), Map.of(), false, false, null));
    assertEquals("user specified IP address is supported only when connecting to networks with user configured "
        + "subnets", assertThrows(BerthException.InvalidParameter.class, () -> h.create("{\"Image\":\"test\","
            + "\"HostConfig\":{\"NetworkMode\":\"auto\"},\"NetworkingConfig\":{\"EndpointsConfig\":{\"auto\":"
            + "{\"IPAMConfig\":{\"IPv4Address\":\"10.100.9.9\"}}}}}")).getMessage());
    assertEquals("conflicting options: port publishing and the container type network mode",
        assertThrows(BerthException.InvalidParameter.class, () -> {
          Container other = h.create("{\"Image\":\"test\"}");
          h.create("{\"Image\":\"test\",\"HostConfig\":{\"NetworkMode\":\"container:" + other.id()
              + "\",\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"1\"}]}}}");
        }).getMessage());
    assertEquals("invalid port specification: \"80x\"", assertThrows(BerthException.InvalidParameter.class,
        () -> h.create("{\"Image\":\"test\",\"HostConfig\":{\"PortBindings\":{\"80x/tcp\":[]}}}")).getMessage());
  }

  @Test
  void anIpv6AddressMustBeValidAndInTheNetworksIpv6Subnet() throws Exception {
    h.network.networks.put("v6", new io.berth.network.NetworkRecord("id-v6", "v6", java.time.Instant.now().toString(),
        "bridge", "br-v6", "10.100.8.0/24", "10.100.8.1", "", false, false, true, true, true, 1500, Map.of(),
        Map.of(), Map.of(), true, false, new io.berth.network.NetworkRecord.Ipv6Pool("fd00:8::/64", "fd00:8::1", "")));
    h.network.networks.put("v4", new io.berth.network.NetworkRecord("id-v4", "v4", java.time.Instant.now().toString(),
        "bridge", "br-v4", "10.100.7.0/24", "10.100.7.1", "", false, false, false, true, true, 1500, Map.of(),
        Map.of(), Map.of(), true, false, null));
    java.util.function.BiFunction<String, String, String> create = (network, ip6) -> "{\"Image\":\"test\","
        + "\"HostConfig\":{\"NetworkMode\":\"" + network + "\"},\"NetworkingConfig\":{\"EndpointsConfig\":{\""
        + network + "\":{\"IPAMConfig\":{\"IPv6Address\":\"" + ip6 + "\"}}}}}";
    assertEquals("invalid IPv6 address: zz", assertThrows(BerthException.InvalidParameter.class,
        () -> h.create(create.apply("v6", "zz"))).getMessage());
    assertEquals("Invalid address fd00:9::5: It does not belong to any of this network's subnets",
        assertThrows(BerthException.InvalidParameter.class, () -> h.create(create.apply("v6", "fd00:9::5")))
            .getMessage());
    assertEquals("Invalid address fd00:8::5: It does not belong to any of this network's subnets",
        assertThrows(BerthException.InvalidParameter.class, () -> h.create(create.apply("v4", "fd00:8::5")))
            .getMessage(), "a network without IPv6");
    assertEquals("user specified IP address is supported on user defined networks only",
        assertThrows(BerthException.InvalidParameter.class, () -> h.create(create.apply("bridge", "fd00:8::5")))
            .getMessage());
    Container ok = h.create(create.apply("v6", "fd00:8::5"));
    assertEquals("fd00:8::5", ok.networkingConfig().endpointsConfig().get("v6").ipamConfig().ipv6Address());
  }

  @Test
  void legacyLinksGiveHostsAndEnvironmentAsDocker() throws Exception {
    Container web = started("{\"Image\":\"test\",\"Hostname\":\"webhost\",\"Env\":[\"FOO=bar\",\"PATH=/x\"],"
        + "\"ExposedPorts\":{\"80/tcp\":{},\"81/tcp\":{},\"82/tcp\":{},\"53/udp\":{}}}");
    Container c = h.create("{\"Image\":\"test\",\"HostConfig\":{\"Links\":[\"" + web.name() + ":db\"]}}");
    assertEquals(List.of("/" + web.name() + ":/" + c.name() + "/db"), c.hostConfig().links());
    h.lifecycle().start(c.id());
    String ip = web.network().ipAddress("bridge");
    String hosts = Files.readString(h.engine.containers().containerDir(c.id()).resolve("hosts"));
    assertTrue(hosts.contains(ip + "\tdb webhost " + web.name() + "\n"), hosts);
    @SuppressWarnings("unchecked")
    List<String> env = (List<String>) ((Map<String, Object>) h.runtimes.held.get(c.id()).config.get("process"))
        .get("env");
    for (String expected : List.of("DB_PORT=udp://" + ip + ":53", "DB_PORT_80_TCP_START=tcp://" + ip + ":80",
        "DB_PORT_80_TCP_PORT_END=82", "DB_PORT_81_TCP_ADDR=" + ip, "DB_PORT_53_UDP_PROTO=udp",
        "DB_NAME=/" + c.name() + "/db", "DB_ENV_FOO=bar")) {
      assertTrue(env.contains(expected), expected + " in " + env);
    }
    assertFalse(env.stream().anyMatch(v -> v.startsWith("DB_ENV_PATH=")));
    assertEquals("could not get container for nosuch", assertThrows(BerthException.NotFound.class,
        () -> h.create("{\"Image\":\"test\",\"HostConfig\":{\"Links\":[\"nosuch:x\"]}}")).getMessage());
  }

  @Test
  void connectAndDisconnectARunningContainer() throws Exception {
    userNetwork("extra", "", false);
    Container c = started("{\"Image\":\"test\"}");
    h.lifecycle().connect(c.id(), "extra", null);
    Container connected = h.get(c.id());
    assertEquals("eth1", h.network.byNetwork.get("extra").get(c.id()).containerInterface());
    assertTrue(connected.network().networks().containsKey("extra"));
    assertTrue(connected.networkingConfig().endpointsConfig().containsKey("extra"));
    assertTrue(h.network.dns.containsKey(c.id()), "a user network brings the embedded DNS");
    assertThrows(BerthException.Forbidden.class, () -> h.lifecycle().connect(c.id(), "extra", null));
    h.lifecycle().disconnect(c.id(), "extra", false);
    assertFalse(h.get(c.id()).network().networks().containsKey("extra"));
    assertFalse(h.network.dns.containsKey(c.id()));
    assertTrue(h.get(c.id()).network().networks().containsKey("bridge"));
    var e = assertThrows(BerthException.Forbidden.class, () -> h.lifecycle().disconnect(c.id(), "extra", false));
    assertEquals("container " + c.id() + " is not connected to network extra", e.getMessage());
  }

  /**
   * docker-compose disconnects a created container from its own network and connects it again with its
   * aliases; a container disconnected from every network has none (dockerd), not its mode's network back.
   */
  @Test
  void aCreatedContainerLeavesItsOwnNetworkAndJoinsItAgain() throws Exception {
    userNetwork("proj", "", false);
    Container c = h.create("{\"Image\":\"test\",\"HostConfig\":{\"NetworkMode\":\"proj\"},"
        + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"proj\":{\"Aliases\":[\"db\"]}}}}");
    assertEquals(List.of("db"), h.engine.containers().networks(c).get("proj").aliases());
    h.lifecycle().disconnect(c.id(), "proj", false);
    assertTrue(h.engine.containers().networks(h.get(c.id())).isEmpty());
    h.lifecycle().connect(c.id(), "proj", new EndpointSettings(null, null, "", List.of("db", c.shortId()), null, 0,
        "", "", "", "", 0, "", "", 0, null));
    assertEquals(List.of("db", c.shortId()), h.engine.containers().networks(h.get(c.id())).get("proj").aliases());
    h.lifecycle().start(c.id());
    assertTrue(h.get(c.id()).network().networks().get("proj").dnsNames().contains("db"));
    h.lifecycle().stop(c.id(), 1, null);
    h.lifecycle().disconnect(c.id(), "proj", false);
    h.lifecycle().start(c.id());
    assertTrue(h.get(c.id()).network().networks().isEmpty(), "a container on no network starts with loopback");
  }

  @Test
  void theDaemonsDnsSettingsFillWhatTheContainerLeavesOut() throws Exception {
    h.engine.containers().setDnsDefaults(new DnsDefaults(List.of("9.9.9.9"), List.of("timeout:2"),
        List.of("example.org")));
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"DnsSearch\":[\"mine.test\"]}}");
    assertEquals("search mine.test\nnameserver 9.9.9.9\noptions timeout:2\n",
        Files.readString(h.engine.containers().containerDir(c.id()).resolve("resolv.conf")));
    userNetwork("app", "", false);
    Container u = started("{\"Image\":\"test\",\"HostConfig\":{\"NetworkMode\":\"app\"}}");
    assertEquals(List.of("9.9.9.9"), h.network.dns.get(u.id()), "the embedded DNS forwards to the daemon's dns");
    assertNull(h.get(u.id()).hostConfig().dns(), "the container's own HostConfig is unchanged");
  }

  @Test
  void aRenamedContainerAnswersToItsNewNameOnItsUserNetworks() throws Exception {
    userNetwork("app", "", false);
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"NetworkMode\":\"app\"},\"NetworkingConfig\":"
        + "{\"EndpointsConfig\":{\"app\":{\"Aliases\":[\"db\"]}}}}");
    h.engine.containers().rename(c.id(), "renamed");
    Endpoint e = h.network.byNetwork.get("app").get(c.id());
    assertEquals("renamed", e.containerName());
    assertEquals(List.of("renamed", "db", c.shortId()), e.dnsNames());
    assertEquals(List.of("renamed", "db", c.shortId()), h.get(c.id()).network().networks().get("app").dnsNames());
  }

  @Test
  void aRestartKeepsLiveEndpointsAndServesTheirDnsAgain() throws Exception {
    userNetwork("app", "", false);
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"NetworkMode\":\"app\"}}");
    h.network.dns.clear(); // what a kill -9 of berthd takes along
    h.restart();
    assertEquals(java.util.Set.of(c.id()), h.network.lastSweep);
    assertTrue(h.network.dns.containsKey(c.id()));
    assertTrue(h.network.byNetwork.get("app").containsKey(c.id()));
  }
}
