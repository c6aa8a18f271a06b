package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * User networks with IPv6 ({@code network create --ipv6 --subnet V6}): addresses, {@code --ip6}, names (AAAA) and
 * hosts lines, isolation, internal networks, masquerading and a crash, through the Docker CLI, bin/berth and
 * docker-py. The subnets are random ULA /64s; traffic stays on this machine.
 */
@org.junit.jupiter.api.extension.ExtendWith(BerthdExtension.class)
class Ipv6NetworksTest {
  private static Berthd daemon; // set by BerthdExtension

  @AfterEach
  void cleanUp() {
    daemon.removeContainersAndNetworks();
  }

  /** A random ULA prefix such as {@code fd3a:91c2::}, the subnet being this plus {@code /64}. */
  private static String ula() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("fd%02x:%x::", r.nextInt(256), r.nextInt(1, 0xffff));
  }

  private static String inspect(Berthd d, String format, String container) {
    return d.docker("inspect", "-f", format, container).ok().line();
  }

  @Test
  void containersGetIpv6AddressesNamesAndHostsLines() {
    String p = ula();
    daemon.docker("network", "create", "--ipv6", "--subnet", p + "/64", "v6net").ok();
    assertEquals("true " + p + "/64 " + p + "1", daemon.berth("network", "inspect", "-f",
        "{{.EnableIPv6}} {{(index .IPAM.Config 1).Subnet}} {{(index .IPAM.Config 1).Gateway}}", "v6net").ok().line());
    daemon.docker("run", "-d", "--name", "web", "--net", "v6net", "--ip6", p + "99", "busybox", "sleep", "300").ok();
    daemon.berth("run", "-d", "--name", "client", "--net", "v6net", "busybox", "sleep", "300").ok();
    String v6 = "{{.NetworkSettings.Networks.v6net.GlobalIPv6Address}}/"
        + "{{.NetworkSettings.Networks.v6net.GlobalIPv6PrefixLen}} {{.NetworkSettings.Networks.v6net.IPv6Gateway}}";
    assertEquals(p + "99/64 " + p + "1", inspect(daemon, v6, "web"));
    assertEquals(p + "2/64 " + p + "1", inspect(daemon, v6, "client"), "the first free address after the gateway");
    String aaaa = daemon.docker("exec", "client", "nslookup", "-type=AAAA", "web").ok().out();
    assertTrue(aaaa.contains("Address: " + p + "99"), aaaa);
    assertEquals(0, daemon.docker("exec", "client", "ping6", "-c", "1", "-W", "2", "web").exit(), "by name");
    assertEquals(0, daemon.docker("exec", "client", "ping", "-c", "1", "-W", "2", p + "1").exit(), "the gateway");
    String hosts = daemon.docker("exec", "web", "cat", "/etc/hosts").ok().out();
    String hostname = inspect(daemon, "{{.Config.Hostname}}", "web");
    assertTrue(hosts.contains(p + "99\t" + hostname + "\n"), hosts);
    String members = daemon.docker("network", "inspect", "-f", "{{range .Containers}}{{.IPv6Address}} {{end}}",
        "v6net").ok().out();
    assertTrue(members.contains(p + "99/64") && members.contains(p + "2/64"), members);
    // a second IPv6 network for the running container, with its own address
    String q = ula();
    daemon.berth("network", "create", "--ipv6", "--subnet", q + "/64", "v6two").ok();
    daemon.berth("network", "connect", "--ip6", q + "5", "v6two", "client").ok();
    assertEquals(q + "5", inspect(daemon, "{{.NetworkSettings.Networks.v6two.GlobalIPv6Address}}", "client"));
    assertTrue(daemon.docker("exec", "client", "ip", "-6", "addr", "show", "eth1").ok().out().contains(q + "5/64"));
  }

  @Test
  void badIpv6RequestsAreRefusedInDockerdsWords() {
    String p = ula();
    daemon.docker("network", "create", "--ipv6", "--subnet", p + "/64", "v6net").ok();
    Result outside = daemon.docker("run", "--rm", "--net", "v6net", "--ip6", "fd00:ffff::5", "busybox", "true");
    assertEquals(125, outside.exit());
    assertTrue(outside.err().contains("Invalid address fd00:ffff::5: It does not belong to any of this network's "
        + "subnets"), outside.err());
    Result noSubnet = daemon.docker("network", "create", "--ipv6", "nov6");
    assertEquals(1, noSubnet.exit());
    assertTrue(noSubnet.err().contains("could not find an available, non-overlapping IPv6 address pool"),
        noSubnet.err());
    Result overlap = daemon.docker("network", "create", "--ipv6", "--subnet", p + "/80", "over");
    assertTrue(overlap.err().contains("Pool overlaps with other one on this address space"), overlap.err());
    Result badGateway = daemon.berth("network", "create", "--ipv6", "--subnet", ula() + "/64", "--gateway",
        "fd00:ffff::1", "badgw");
    assertTrue(badGateway.err().contains("no matching subnet for gateway fd00:ffff::1"), badGateway.err());
    Result garbage = daemon.docker("run", "--rm", "--net", "v6net", "--ip6", "zz", "busybox", "true");
    assertNotEquals(0, garbage.exit());
    assertTrue(garbage.err().contains("zz"), garbage.err());
    // an IPv6 subnet without --ipv6 is kept, as dockerd 20.10 keeps it, but gives no addresses
    String q = ula();
    daemon.docker("network", "create", "--subnet", q + "/64", "plain").ok();
    assertEquals("false " + q + "/64", daemon.docker("network", "inspect", "-f",
        "{{.EnableIPv6}} {{(index .IPAM.Config 1).Subnet}}", "plain").ok().line());
    assertTrue(daemon.docker("run", "--rm", "--net", "plain", "--ip6", q + "5", "busybox", "true").err()
        .contains("It does not belong to any of this network's subnets"));
    assertEquals("", daemon.docker("run", "--rm", "--net", "plain", "busybox", "ip", "-6", "addr", "show", "scope",
        "global").ok().out().strip());
    assertEquals(List.of("plain", "v6net"), daemon.docker("network", "ls", "--filter", "type=custom", "--format",
        "{{.Name}}").ok().out().lines().sorted().toList(), "nothing of the refused ones is left");
  }

  @Test
  void networksStayApartInternalOnesHaveNoRouteOutAndTrafficOutIsMasqueraded() {
    String a = ula();
    String b = ula();
    String i = ula();
    daemon.docker("network", "create", "--ipv6", "--subnet", a + "/64", "v6a").ok();
    daemon.docker("network", "create", "--ipv6", "--subnet", b + "/64", "v6b").ok();
    daemon.docker("network", "create", "--internal", "--ipv6", "--subnet", i + "/64", "v6in").ok();
    daemon.docker("run", "-d", "--name", "ca", "--net", "v6a", "busybox", "sleep", "300").ok();
    daemon.docker("run", "-d", "--name", "cb", "--net", "v6b", "busybox", "sleep", "300").ok();
    assertNotEquals(0, daemon.docker("exec", "cb", "ping", "-c", "1", "-W", "1", a + "2").exit(),
        "containers on different networks cannot reach each other over IPv6 either");
    String routes = daemon.docker("run", "--rm", "--net", "v6in", "busybox", "ip", "-6", "route").ok().out();
    assertFalse(routes.contains("default"), "no route out of an internal network: " + routes);
    assertTrue(routes.contains(i + "/64"), routes);
    // an "outside" host that knows no route back to the container's subnet: only masquerading gets replies there
    String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    String ns = "berth-out-" + tag;
    String outside = ula();
    try {
      sh("ip", "netns", "add", ns);
      sh("ip", "link", "add", "vo" + tag, "type", "veth", "peer", "name", "vi" + tag, "netns", ns);
      sh("ip", "-6", "addr", "add", outside + "1/64", "dev", "vo" + tag, "nodad");
      sh("ip", "link", "set", "vo" + tag, "up");
      sh("ip", "-n", ns, "-6", "addr", "add", outside + "2/64", "dev", "vi" + tag, "nodad");
      sh("ip", "-n", ns, "link", "set", "vi" + tag, "up");
      assertEquals(0, daemon.docker("exec", "ca", "ping", "-c", "1", "-W", "3", outside + "2").exit(),
          "out through the host, answered to the host's address");
    } finally {
      Berthd.exec(List.of("ip", "netns", "del", ns), Map.of(), null);
    }
    String bridge = "br-" + daemon.docker("network", "inspect", "-f", "{{.Id}}", "v6a").ok().line().substring(0, 12);
    assertTrue(ip6tablesSave().contains("-s " + a + "/64 ! -o " + bridge + " -j MASQUERADE"), ip6tablesSave());
    daemon.docker("rm", "-f", "ca", "cb").ok();
    daemon.docker("network", "rm", "v6a", "v6b", "v6in").ok();
    assertFalse(ip6tablesSave().contains(bridge), "no IPv6 rule names a removed bridge");
  }

  @Test
  void dockerPyCreatesAnIpv6Network() {
    String p = ula();
    String script = """
        import docker, sys
        c = docker.DockerClient(base_url=sys.argv[1])
        ipam = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet=sys.argv[2] + "/64")])
        net = c.networks.create("py6", driver="bridge", enable_ipv6=True, ipam=ipam)
        box = c.containers.run("busybox", ["sleep", "60"], detach=True, name="py6box", network="py6")
        box.reload()
        print(box.attrs["NetworkSettings"]["Networks"]["py6"]["GlobalIPv6Address"])
        print(c.networks.get("py6").attrs["EnableIPv6"])
        box.remove(force=True)
        net.remove()
        """;
    Result py = Berthd.exec(List.of("/usr/bin/python3", "-c", script, daemon.host(), p), Map.of(), null).ok();
    assertEquals(List.of(p + "2", "True"), py.out().lines().toList());
  }

  /** kill -9 of berthd: IPv6 names answer after the restart, and clean-up leaves no lease, rule or bridge. */
  @Test
  void aCrashKeepsIpv6AndCleanUpLeavesNothing() throws Exception {
    try (Berthd own = Berthd.startWithBridge()) {
      own.dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-", "busybox").ok();
      String p = ula();
      own.docker("network", "create", "--ipv6", "--subnet", p + "/64", "crash6").ok();
      own.docker("run", "-d", "--name", "srv", "--net", "crash6", "busybox", "sleep", "300").ok();
      own.docker("run", "-d", "--name", "peer", "--net", "crash6", "busybox", "sleep", "300").ok();
      own.kill9();
      own.restart();
      String aaaa = own.docker("exec", "peer", "nslookup", "-type=AAAA", "srv").ok().out();
      assertTrue(aaaa.contains("Address: " + p + "2"), aaaa);
      assertEquals(0, own.docker("exec", "peer", "ping6", "-c", "1", "-W", "2", "srv").exit());
      own.docker("run", "--rm", "--net", "crash6", "busybox", "true").ok();
      String bridge = "br-" + own.docker("network", "inspect", "-f", "{{.Id}}", "crash6").ok().line()
          .substring(0, 12);
      assertTrue(ip6tablesSave().contains(bridge), "the IPv6 rules are back after the restart");
      own.docker("rm", "-f", "srv", "peer").ok();
      own.docker("network", "rm", "crash6").ok();
      assertFalse(Files.exists(java.nio.file.Path.of("/sys/class/net", bridge)), "bridge removed");
      assertFalse(ip6tablesSave().contains(bridge), "no IPv6 rule names the removed bridge");
      assertFalse(Files.exists(own.dataRoot.resolve("network/ipam/crash6")), "no lease left");
    }
  }

  private static String ip6tablesSave() {
    return Berthd.exec(List.of("ip6tables-save"), Map.of(), null).out();
  }

  private static void sh(String... argv) {
    Berthd.exec(List.of(argv), Map.of(), null).ok();
  }
}
