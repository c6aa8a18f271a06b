package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Published ports, user-defined networks with DNS, links, connect/disconnect, isolation, default-address-pools and
 * a crash, through the Docker CLI, bin/berth and docker-py. Traffic goes only to this machine's own addresses and
 * to the containers the tests made.
 */
@org.junit.jupiter.api.extension.ExtendWith(BerthdExtension.class)
class NetworksTest {
  private static final String HTTPD = "mkdir -p /www && echo hello > /www/i && exec httpd -f -p 80 -h /www";
  private static Berthd daemon; // set by BerthdExtension

  @AfterEach
  void cleanUp() {
    daemon.removeContainersAndNetworks();
  }

  private static String get(String url) {
    return Fixtures.get(url, 20);
  }

  /** This machine's first global IPv4 address (reached from the containers through NAT, as from outside). */
  private static String hostAddress() {
    String out = Berthd.exec(List.of("ip", "-4", "-o", "route", "get", "192.0.2.250"), Map.of(), null).out();
    return out.replaceAll("(?s).* src (\\S+).*", "$1").strip();
  }

  @Test
  void everyPublishFormIsReachedFromTheHostAndFromAnotherContainer() {
    int p1 = Berthd.freePort();
    int p2 = Berthd.freePort();
    int p6 = Berthd.freePort();
    int r = Berthd.freePort();
    daemon.docker("run", "-d", "--name", "web", "-p", p1 + ":80", "-p", "127.0.0.1:" + p2 + ":80", "-p", ":80",
        "-p", r + "-" + (r + 1) + ":7000-7001", "-p", "[::1]:" + p6 + ":80", "-p", p1 + ":53/udp", "busybox",
        "sh", "-c", HTTPD).ok();
    List<String> ports = daemon.docker("port", "web").ok().out().lines().toList();
    assertTrue(ports.contains("80/tcp -> 0.0.0.0:" + p1), ports.toString());
    assertTrue(ports.contains("80/tcp -> 127.0.0.1:" + p2), ports.toString());
    assertTrue(ports.contains("80/tcp -> [::1]:" + p6), ports.toString());
    assertTrue(ports.contains("7001/tcp -> 0.0.0.0:" + (r + 1)), ports.toString());
    assertTrue(ports.contains("53/udp -> 0.0.0.0:" + p1), ports.toString());
    String random = ports.stream().filter(l -> l.startsWith("80/tcp -> 0.0.0.0:") && !l.endsWith(":" + p1))
        .findFirst().orElseThrow().replaceAll(".*:", "");
    assertEquals("hello", get("http://127.0.0.1:" + p1 + "/i"));
    assertEquals("hello", get("http://localhost:" + p1 + "/i"));
    assertEquals("hello", get("http://" + hostAddress() + ":" + p1 + "/i"));
    assertEquals("hello", get("http://127.0.0.1:" + p2 + "/i"));
    assertEquals("hello", get("http://[::1]:" + p6 + "/i"));
    assertEquals("hello", get("http://127.0.0.1:" + random + "/i"));
    String ps = daemon.docker("ps", "--format", "{{.Ports}}").ok().line();
    assertTrue(ps.contains("0.0.0.0:" + p1 + "->80/tcp") && ps.contains("127.0.0.1:" + p2 + "->80/tcp"), ps);
    // hairpin: another container reaches the port through the host's addresses
    String gateway = daemon.docker("inspect", "-f", "{{.NetworkSettings.Gateway}}", "web").ok().line();
    assertEquals("hello\nhello", daemon.berth("run", "--rm", "busybox", "sh", "-c", "timeout 5 wget -qO- http://"
        + hostAddress() + ":" + p1 + "/i; timeout 5 wget -qO- http://" + gateway + ":" + p1 + "/i").ok().line());
  }

  /** UDP: NAT for IPv4 host addresses, berthd's relay for [::1] (a python echo server in the container's namespace). */
  @Test
  void udpPortsAreForwardedToo() throws Exception {
    int p = Berthd.freePort();
    daemon.docker("run", "-d", "--name", "udp", "-p", p + ":53/udp", "busybox", "sleep", "300").ok();
    String pid = daemon.docker("inspect", "-f", "{{.State.Pid}}", "udp").ok().line();
    String echo = "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.bind(('0.0.0.0', 53))\n"
        + "print('bound', flush=True)\n"
        + "for _ in range(3):\n    d, a = s.recvfrom(512)\n    s.sendto(b'echo:' + d, a)\n";
    Process server = new ProcessBuilder("nsenter", "-n", "-t", pid, "timeout", "20", "python3", "-c", echo).start();
    try {
      // a datagram sent before the bind is lost: wait for it (python starts slowly on a loaded machine)
      assertEquals("bound", new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream()))
          .readLine());
      for (String host : List.of("127.0.0.1", hostAddress(), "::1")) {
        try (DatagramSocket s = new DatagramSocket()) {
          s.setSoTimeout(3000);
          byte[] hi = host.getBytes();
          s.send(new DatagramPacket(hi, hi.length, InetAddress.getByName(host), p));
          DatagramPacket r = new DatagramPacket(new byte[100], 100);
          s.receive(r);
          assertEquals("echo:" + host, new String(r.getData(), 0, r.getLength()));
        }
      }
    } finally {
      server.descendants().forEach(ProcessHandle::destroyForcibly); // timeout's python, not only nsenter
      server.destroyForcibly();
    }
  }

  @Test
  void publishAllAndAConflictRefusedWithDockerdsWordsLeavingNothing() {
    int p = Berthd.freePort();
    daemon.docker("run", "-d", "--name", "first", "-P", "--expose", "80", "-p", p + ":81", "busybox", "sh", "-c",
        HTTPD).ok();
    String published = daemon.docker("port", "first", "80").ok().out().lines().findFirst().orElseThrow();
    assertTrue(published.startsWith("0.0.0.0:"), published);
    assertEquals("hello", get("http://127.0.0.1:" + published.replaceAll(".*:", "") + "/i"));
    int vethsBefore = veths();
    Result second = daemon.docker("run", "-d", "--name", "second", "-p", p + ":80", "busybox", "sleep", "60");
    assertEquals(125, second.exit());
    assertTrue(second.err().contains("driver failed programming external connectivity on endpoint second")
        && second.err().contains("Bind for 0.0.0.0:" + p + " failed: port is already allocated"), second.err());
    assertEquals("created", daemon.docker("inspect", "-f", "{{.State.Status}}", "second").ok().line());
    assertEquals(vethsBefore, veths(), "no veth left behind");
    try (ServerSocket holder = new ServerSocket()) { // a port a program of the host holds
      int q = Berthd.freePort();
      holder.bind(new InetSocketAddress(q));
      Result third = daemon.berth("run", "-d", "-p", q + ":80", "busybox", "sleep", "60");
      assertEquals(125, third.exit());
      assertTrue(third.err().contains("listen tcp4 0.0.0.0:" + q + ": bind: address already in use"), third.err());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static int veths() {
    return Berthd.exec(List.of("ls", "/sys/class/net"), Map.of(), null).out().split("\\s+").length;
  }

  private static String subnet() {
    return "10.24" + ThreadLocalRandom.current().nextInt(0, 10) + "." + ThreadLocalRandom.current().nextInt(1, 250)
        + ".0/24";
  }

  @Test
  void userNetworksResolveNamesAliasesAndLinksAndStayApart() {
    String s = subnet();
    String prefix = s.substring(0, s.lastIndexOf('.') + 1);
    daemon.docker("network", "create", "--subnet", s, "appnet").ok();
    daemon.docker("run", "-d", "--name", "db", "--net", "appnet", "--ip", prefix + "51", "--network-alias",
        "database", "busybox", "sleep", "300").ok();
    assertEquals(prefix + "51", daemon.docker("inspect", "-f", "{{.NetworkSettings.Networks.appnet.IPAddress}}",
        "db").ok().line());
    String out = daemon.berth("run", "--rm", "--net", "appnet", "--link", "db:mydb", "busybox", "sh", "-c",
        "cat /etc/resolv.conf; for n in db database mydb; do nslookup $n | grep -A1 '^Name:' | tail -1; done").ok()
        .out();
    assertTrue(out.contains("nameserver 127.0.0.11"), out);
    assertEquals(3, out.lines().filter(l -> l.equals("Address: " + prefix + "51")).count(), out);
    daemon.docker("network", "create", "othernet").ok();
    daemon.docker("run", "-d", "--name", "stranger", "--net", "othernet", "busybox", "sleep", "300").ok();
    String strangerIp = daemon.docker("inspect", "-f", "{{.NetworkSettings.Networks.othernet.IPAddress}}",
        "stranger").ok().line();
    assertNotEquals(0, daemon.docker("exec", "db", "ping", "-c", "1", "-W", "1", strangerIp).exit(),
        "containers on different networks cannot reach each other");
    assertNotEquals(0, daemon.docker("exec", "db", "nslookup", "stranger").exit(), "nor resolve each other");
    // connect and disconnect while running
    daemon.berth("network", "connect", "--alias", "bridgehead", "othernet", "db").ok();
    assertEquals(0, daemon.docker("exec", "stranger", "ping", "-c", "1", "-W", "2", "bridgehead").exit());
    daemon.berth("network", "disconnect", "othernet", "db").ok();
    assertNotEquals(0, daemon.docker("exec", "stranger", "nslookup", "bridgehead").exit());
    assertEquals("appnet", daemon.docker("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}"
        + "{{end}}", "db").ok().line());
  }

  @Test
  void otherNamesGoUpstreamExceptFromInternalNetworks() throws Exception {
    try (DatagramSocket upstream = new DatagramSocket(new InetSocketAddress("127.0.0.77", 53))) {
      Thread.ofVirtual().start(() -> answerEverything(upstream));
      daemon.docker("network", "create", "outnet").ok();
      daemon.docker("network", "create", "--internal", "innet").ok();
      String out = daemon.docker("run", "--rm", "--net", "outnet", "--dns", "127.0.0.77", "busybox", "nslookup",
          "example.test").ok().out();
      assertTrue(out.contains("Address: 192.0.2.77"), out);
      Result internal = daemon.docker("run", "--rm", "--net", "innet", "--dns", "127.0.0.77", "busybox", "sh",
          "-c", "nslookup example.test; ip route");
      assertFalse(internal.out().contains("192.0.2.77"), internal.out());
      assertFalse(internal.out().contains("default"), "no route out of an internal network: " + internal.out());
    }
  }

  /** A resolver that answers every query with one A record, 192.0.2.77. */
  private static void answerEverything(DatagramSocket socket) {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      try {
        DatagramPacket q = new DatagramPacket(buf, buf.length);
        socket.receive(q);
        byte[] r = Arrays.copyOf(buf, q.getLength() + 16);
        r[2] = (byte) 0x81;
        r[3] = (byte) 0x80;
        r[7] = 1; // one answer
        r[10] = 0;
        r[11] = 0; // no additional records (an EDNS query's OPT is dropped below)
        int end = 12;
        while (r[end] != 0) {
          end += (r[end] & 0xff) + 1;
        }
        end += 5; // the root label, type and class
        byte[] answer = {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) 192, 0, 2, 77};
        System.arraycopy(answer, 0, r, end, answer.length);
        socket.send(new DatagramPacket(r, end + answer.length, q.getSocketAddress()));
      } catch (IOException closed) {
        return;
      }
    }
  }

  @Test
  void legacyLinksOnTheDefaultBridge() {
    daemon.docker("run", "-d", "--name", "linked", "--expose", "5432", "-e", "PGUSER=app", "busybox", "sleep",
        "300").ok();
    String ip = daemon.docker("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "linked").ok().line();
    String out = daemon.docker("run", "--rm", "--link", "linked:pg", "busybox", "sh", "-c",
        "grep pg /etc/hosts; env | grep ^PG_ | sort").ok().out();
    assertTrue(out.contains(ip + "\tpg "), out);
    assertTrue(out.contains("PG_PORT=tcp://" + ip + ":5432\n") && out.contains("PG_PORT_5432_TCP_ADDR=" + ip + "\n")
        && out.contains("PG_ENV_PGUSER=app\n"), out);
  }

  /** rm --link removes a link, never the linked container (dockerd's rmLink). */
  @Test
  void rmLinkRemovesTheLinkNotTheContainer() {
    daemon.docker("run", "-d", "--name", "lk-db", "busybox", "sleep", "300").ok();
    daemon.docker("create", "--name", "lk-web", "--link", "lk-db:dbalias", "busybox", "true").ok();
    Result own = daemon.docker("rm", "--link", "lk-db");
    assertEquals(1, own.exit(), own.toString());
    assertTrue(own.err().contains("Conflict, cannot remove the default link name of the container"), own.toString());
    for (Result unknown : List.of(daemon.berth("rm", "--link", "/lk-web/nope"), daemon.docker("rm", "--link",
        "/lk-web/nope"))) { // both CLIs trim the slashes
      assertTrue(unknown.err().contains("No such container: lk-web/nope"), unknown.toString());
    }
    daemon.docker("rm", "--link", "/lk-web/dbalias").ok();
    assertEquals("[]", daemon.docker("inspect", "-f", "{{json .HostConfig.Links}}", "lk-web").ok().line().replace("null",
        "[]"));
    assertEquals("running", daemon.docker("inspect", "-f", "{{.State.Status}}", "lk-db").ok().line());
    daemon.docker("rm", "-f", "lk-web", "lk-db").ok();
  }

  @Test
  void dockerPyPublishesAndConnects() {
    int p = Berthd.freePort();
    String script = """
        import docker, sys
        c = docker.DockerClient(base_url=sys.argv[1])
        net = c.networks.create("pynet", driver="bridge")
        box = c.containers.run("busybox", ["sh", "-c", sys.argv[3]], detach=True, name="pybox",
                               ports={"80/tcp": int(sys.argv[2])}, network="pynet")
        box.reload()
        print(box.attrs["NetworkSettings"]["Ports"]["80/tcp"][0]["HostPort"])
        print(sorted(box.attrs["NetworkSettings"]["Networks"].keys()))
        print([x.name for x in c.networks.get("pynet").containers])
        box.remove(force=True)
        net.remove()
        """;
    Result py = Berthd.exec(List.of("/usr/bin/python3", "-c", script, daemon.host(), Integer.toString(p), HTTPD),
        Map.of(), null).ok();
    assertEquals(List.of(Integer.toString(p), "['pynet']", "['pybox']"), py.out().lines().toList());
  }

  /** kill -9 of berthd: the ports still forward, DNS answers after the restart, and clean-up leaves nothing. */
  @Test
  void aCrashKeepsForwardingAndCleanUpLeavesNothing() throws Exception {
    try (Berthd own = Berthd.startWithBridgeAndConfig("{\"default-address-pools\":[{\"base\":\"10.23"
        + ThreadLocalRandom.current().nextInt(0, 10) + ".0.0/16\",\"size\":24}]}")) {
      own.dockerIn(java.nio.file.Files.readAllBytes(Fixtures.busyboxTar()), "import", "-", "busybox").ok();
      own.docker("network", "create", "crashnet").ok();
      String subnet = own.docker("network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}", "crashnet").ok()
          .line();
      assertTrue(subnet.matches("10\\.23\\d\\.\\d+\\.0/24"), "from default-address-pools: " + subnet);
      int p = Berthd.freePort();
      own.docker("run", "-d", "--name", "srv", "--net", "crashnet", "-p", p + ":80", "busybox", "sh", "-c", HTTPD)
          .ok();
      own.docker("run", "-d", "--name", "peer", "--net", "crashnet", "busybox", "sleep", "300").ok();
      assertEquals("hello", get("http://127.0.0.1:" + p + "/i"));
      own.kill9();
      assertEquals("hello", get("http://127.0.0.1:" + p + "/i"), "NAT forwards while berthd is down");
      own.restart();
      assertEquals("hello", get("http://127.0.0.1:" + p + "/i"));
      assertEquals("hello", get("http://[::1]:" + p + "/i"), "berthd's forwarder is back");
      assertEquals(0, own.docker("exec", "peer", "nslookup", "srv").exit(), "DNS answers after the restart");
      String bridge = "br-" + own.docker("network", "inspect", "-f", "{{.Id}}", "crashnet").ok().line()
          .substring(0, 12);
      own.docker("rm", "-f", "srv", "peer").ok();
      own.docker("network", "rm", "crashnet").ok();
      assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("/sys/class/net", bridge)), "bridge removed");
      String rules = Berthd.exec(List.of("iptables-save"), Map.of(), null).out();
      assertFalse(rules.contains("--dport " + p + " "), "no DNAT rule left:\n" + rules);
      assertFalse(rules.contains(bridge), "no rule names the removed bridge");
      assertEquals(List.of(), java.nio.file.Files.list(own.dataRoot.resolve("network/endpoints/bridge")).toList());
    }
  }
}
