package io.berth.network;

import static io.berth.network.HostFixture.inNs;
import static io.berth.network.HostFixture.nsPath;
import static io.berth.network.HostFixture.ping;
import static io.berth.network.HostFixture.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.BerthException;
import io.berth.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real bridges, veths, namespaces and iptables rules, as root; each test cleans up after itself. */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class BridgeNetworkTest {
  private HostFixture host;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(HostFixture.isRoot(), "needs root");
    host = new HostFixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void openSetsUpBridgeAddressAndRules() {
    BridgeNetwork net = openNetwork();
    assertTrue(LinkDevices.isBridge(host.bridge));
    assertEquals(List.of(host.bip), LinkDevices.ipv4Addresses(host.bridge));
    assertTrue(sh("ip", "link", "show", "dev", host.bridge).stdout().contains(",UP"), "bridge is up");
    assertEquals(host.bip.network(), net.subnet());
    assertEquals(host.bip.addressString(), net.gateway());
    assertTrue(net.id().matches("[0-9a-f]{64}"));
    String tag = Firewall.tagFor(host.stateDir);
    assertTrue(sh("iptables", "-t", "nat", "-C", "BERTH-POST-" + tag, "-s", host.bip.network().toString(), "!",
        "-o", host.bridge, "-j", "MASQUERADE").ok());
    assertTrue(sh("iptables", "-C", "BERTH-FWD-" + tag, "-i", host.bridge, "!", "-o", host.bridge, "-j",
        "ACCEPT").ok());
    assertTrue(sh("iptables", "-C", "FORWARD", "-m", "comment", "--comment", "berth " + tag, "-j",
        "BERTH-FWD-" + tag).ok());
    assertEquals("1", sh("cat", "/proc/sys/net/ipv4/ip_forward").stdout().strip());
  }

  @Test
  void reopeningKeepsIdAndDoesNotDuplicateRules() {
    String id = openNetwork().id();
    BridgeNetwork again = openNetwork();
    assertEquals(id, again.id());
    String tag = Firewall.tagFor(host.stateDir);
    long masquerades = sh("iptables", "-t", "nat", "-S", "BERTH-POST-" + tag).stdout().lines()
        .filter(l -> l.contains("! -o " + host.bridge + " -j MASQUERADE")).count();
    assertEquals(1, masquerades);
    long jumps = sh("iptables", "-S", "FORWARD").stdout().lines()
        .filter(l -> l.contains("berth " + tag)).count();
    assertEquals(1, jumps);
  }

  @Test
  void attachGivesAddressRouteMacAndReachesGateway() throws Exception {
    BridgeNetwork net = openNetwork();
    String ns = host.netns();
    Endpoint ep = attach(net, "c1", ns);

    assertEquals(24, ep.prefixLen());
    assertEquals(host.bip.addressString(), ep.gateway());
    assertTrue(host.bip.contains(Cidr.parseAddress(ep.ipAddress())));
    assertNotEquals(ep.gateway(), ep.ipAddress());
    assertEquals(Endpoint.dockerMac(Cidr.parseAddress(ep.ipAddress())), ep.macAddress());
    assertTrue(ep.macAddress().startsWith("02:42:0a:d5:"), ep.macAddress());
    assertEquals(net.id(), ep.networkId());
    assertTrue(ep.endpointId().matches("[0-9a-f]{64}"));
    assertEquals("eth0", ep.containerInterface());

    JsonNode eth0 = Json.MAPPER.readTree(sh("ip", "-n", ns, "-j", "addr", "show", "dev", "eth0").check().stdout()).get(0);
    assertEquals(ep.macAddress(), eth0.path("address").asText());
    assertEquals(1500, eth0.path("mtu").asInt());
    JsonNode inet = eth0.path("addr_info").get(0);
    assertEquals(ep.ipAddress(), inet.path("local").asText());
    assertEquals(24, inet.path("prefixlen").asInt());

    String routes = sh("ip", "-n", ns, "route").check().stdout();
    assertTrue(routes.contains("default via " + ep.gateway() + " dev eth0"), routes);
    assertTrue(sh("ip", "-n", ns, "link", "show", "lo").stdout().contains(",UP"), "loopback is up");
    assertEquals(Optional.of(host.bridge), LinkDevices.masterOf(ep.hostVeth()));
    assertTrue(ping(ns, ep.gateway()), "container reaches its gateway");
    assertEquals(Optional.of(ep), net.endpoint("c1"));
  }

  @Test
  void detachReleasesAddressAndRemovesVeth() {
    BridgeNetwork net = openNetwork();
    String ns = host.netns();
    Endpoint ep = attach(net, "c1", ns);
    Path lease = leaseFile(ep.ipAddress());
    assertTrue(Files.exists(lease));

    net.disconnect("c1");
    assertFalse(Files.exists(lease), "address released");
    assertFalse(LinkDevices.exists(ep.hostVeth()), "host veth removed");
    assertFalse(sh("ip", "-n", ns, "link", "show", "eth0").ok(), "container end removed");
    assertEquals(Optional.empty(), net.endpoint("c1"));
    assertFalse(Files.exists(host.stateDir.resolve("endpoints/bridge/c1.json")));
    net.disconnect("c1"); // idempotent
    net.disconnect("never-attached");
  }

  @Test
  void anExitedContainersAddressIsFreeAtOnceAndItsVethGoesSoonAfter() throws InterruptedException {
    BridgeNetwork net = openNetwork();
    Endpoint ep = attach(net, "c1", host.netns());
    net.disconnectExited("c1");
    assertFalse(Files.exists(leaseFile(ep.ipAddress())), "address released");
    assertEquals(Optional.empty(), net.endpoint("c1"));
    awaitVethGone(ep);
    assertFalse(LinkDevices.exists(ep.hostVeth()), "host veth removed in the background");
  }

  @Test
  void twoContainersGetDifferentAddressesAndReachEachOther() {
    BridgeNetwork net = openNetwork();
    String ns1 = host.netns();
    Endpoint a = attach(net, "c1", ns1);
    Endpoint b = attach(net, "c2", host.netns());
    assertNotEquals(a.ipAddress(), b.ipAddress());
    assertNotEquals(a.macAddress(), b.macAddress());
    assertNotEquals(a.hostVeth(), b.hostVeth());
    assertTrue(ping(ns1, b.ipAddress()), "c1 reaches c2 over the bridge");
    assertEquals(2, net.endpoints().size());
  }

  @Test
  void detachAfterNamespaceIsGoneStillReleases() throws Exception {
    BridgeNetwork net = openNetwork();
    Process init = host.unsharedSleeper();
    Endpoint ep = net.connect(EndpointRequest.simple("c1", Path.of("/proc", Long.toString(init.pid()), "ns", "net"), ""));
    assertTrue(LinkDevices.exists(ep.hostVeth()));

    init.destroyForcibly().waitFor();
    awaitVethGone(ep); // the kernel tears the namespace (and the veth pair) down asynchronously
    net.disconnect("c1");
    assertFalse(Files.exists(leaseFile(ep.ipAddress())));
    assertFalse(LinkDevices.exists(ep.hostVeth()));
    assertEquals(Optional.empty(), net.endpoint("c1"));
  }

  @Test
  void restartKeepsLiveContainersAndReleasesTheRest() {
    BridgeNetwork before = openNetwork();
    Endpoint gone = attach(before, "gone", host.netns());
    String liveNs = host.netns();
    Endpoint live = attach(before, "live", liveNs);
    // kill -9: the object is dropped without close; a new daemon opens the same state.

    BridgeNetwork after = openNetwork();
    assertEquals(before.id(), after.id());
    assertEquals(Optional.of(live), after.endpoint("live"));
    BridgeNetwork.Swept swept = after.sweepAndReport(Set.of("live"));

    assertEquals(List.of("gone"), swept.releasedContainers());
    assertFalse(Files.exists(leaseFile(gone.ipAddress())));
    assertFalse(LinkDevices.exists(gone.hostVeth()));
    assertEquals(Optional.empty(), after.endpoint("gone"));
    assertTrue(Files.exists(leaseFile(live.ipAddress())));
    assertTrue(ping(liveNs, live.gateway()), "the live container kept its network");

    after.sweep(Set.of());
    assertFalse(Files.exists(leaseFile(live.ipAddress())));
    assertFalse(LinkDevices.exists(live.hostVeth()));
    assertTrue(after.endpoints().isEmpty());
  }

  @Test
  void sweepRemovesOrphanVethsAndLeasesOfHalfDoneAttaches() {
    BridgeNetwork net = openNetwork();
    // What a crash between the plugin's ADD and the endpoint record leaves: a lease and a veth.
    AddressPool ipam = addressPool();
    String orphanAddress = ipam.allocate("crashed", "eth0", "");
    String veth = "veth" + host.tag + "o";
    host.ownLink(veth);
    sh("ip", "link", "add", veth, "type", "veth", "peer", "name", "p" + host.tag + "o").check();
    sh("ip", "link", "set", veth, "master", host.bridge).check();

    BridgeNetwork.Swept swept = net.sweepAndReport(Set.of());
    assertEquals(List.of("crashed"), swept.releasedContainers());
    assertEquals(List.of(veth), swept.removedLinks());
    assertFalse(LinkDevices.exists(veth));
    assertFalse(Files.exists(leaseFile(orphanAddress)));
  }

  @Test
  void attachTwiceIsAConflictAndReattachAfterDetachWorks() {
    BridgeNetwork net = openNetwork();
    String ns = host.netns();
    attach(net, "c1", ns);
    assertThrows(BerthException.Forbidden.class, () -> attach(net, "c1", ns));
    net.disconnect("c1");
    Endpoint again = attach(net, "c1", ns);
    assertTrue(ping(ns, again.gateway()));
  }

  @Test
  void refusesTheDaemonsOwnNamespaceAndMissingOnes() {
    BridgeNetwork net = openNetwork();
    assertThrows(IllegalArgumentException.class, () -> net.connect(EndpointRequest.simple("c1", Path.of("/proc/self/ns/net"), "")));
    assertThrows(NetworkException.class, () -> net.connect(EndpointRequest.simple("c1", Path.of("/var/run/netns/no-such-" + host.tag), "")));
    assertThrows(BerthException.InvalidParameter.class, () -> net.connect(EndpointRequest.simple("../x", Path.of("/proc/self/ns/net"), "")));
    assertTrue(addressPool().leases().isEmpty(), "nothing leased");
  }

  @Test
  void failedAttachLeavesNothingBehind() {
    BridgeNetwork net = openNetwork();
    String ns = host.netns();
    // An eth0 already in the namespace makes the bridge plugin fail after the address was leased.
    sh("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0peer").check();
    assertThrows(NetworkException.class, () -> attach(net, "c1", ns));
    assertTrue(addressPool().leases().isEmpty(), "lease rolled back");
    assertTrue(LinkDevices.ports(host.bridge).isEmpty(), "no veth left on the bridge");
    assertEquals(Optional.empty(), net.endpoint("c1"));
  }

  @Test
  void changedBipReplacesTheBridgeAddress() {
    openNetwork();
    Cidr other = host.bip.plus(9); // same /24, other host address
    BridgeConfig moved = new BridgeConfig("bridge", host.bridge, other, 1500, true, true);
    BridgeNetwork net = BridgeNetwork.open(moved, host.stateDir);
    assertEquals(List.of(other), LinkDevices.ipv4Addresses(host.bridge));
    assertEquals(other.addressString(), net.gateway());
  }

  @Test
  void withoutBipAnExistingBridgeKeepsItsAddress() {
    openNetwork();
    BridgeConfig noBip = new BridgeConfig("bridge", host.bridge, null, 1500, true, true);
    BridgeNetwork net = BridgeNetwork.open(noBip, host.stateDir);
    assertEquals(host.bip.addressString(), net.gateway());
  }

  @Test
  void destroyRemovesRulesBridgeAndStateButNotWhileEndpointsExist() {
    BridgeNetwork net = openNetwork();
    String ns = host.netns();
    attach(net, "c1", ns);
    assertThrows(BerthException.Forbidden.class, net::destroy);
    net.disconnect("c1");
    net.destroy();
    assertFalse(LinkDevices.exists(host.bridge));
    assertFalse(Files.exists(host.stateDir.resolve("networks/bridge.json")));
    assertThrows(IllegalStateException.class, () -> attach(net, "c2", ns));
  }

  @Test
  void closeLeavesBridgeRulesAndEndpoints() {
    BridgeNetwork net = openNetwork();
    String ns = host.netns();
    Endpoint ep = attach(net, "c1", ns);
    net.close();
    assertThrows(IllegalStateException.class, () -> net.disconnect("c1"));
    assertTrue(LinkDevices.exists(host.bridge));
    assertTrue(LinkDevices.exists(ep.hostVeth()));
    assertTrue(ping(ns, ep.gateway()));
  }

  /** The test's bridge network, opened (or opened again) over its state directory. */
  private BridgeNetwork openNetwork() {
    return BridgeNetwork.open(host.config(), host.stateDir);
  }

  /** Attaches {@code container} to {@code net} through the named namespace {@code ns}. */
  private static Endpoint attach(BridgeNetwork net, String container, String ns) {
    return net.connect(EndpointRequest.simple(container, nsPath(ns), ""));
  }

  /** The network's address pool over the same lease files the bridge uses. */
  private AddressPool addressPool() {
    return AddressPool.v4(host.stateDir.resolve("ipam/bridge"), host.bip, host.bip.address(), null);
  }

  /** Where the lease of {@code address} is kept while it is allocated. */
  private Path leaseFile(String address) {
    return host.stateDir.resolve("ipam/bridge").resolve(address);
  }

  /** Waits up to two seconds for the host end of {@code ep}'s veth pair to go (it is removed asynchronously). */
  private static void awaitVethGone(Endpoint ep) throws InterruptedException {
    for (int i = 0; i < 100 && LinkDevices.exists(ep.hostVeth()); i++) {
      Thread.sleep(20);
    }
  }
}
