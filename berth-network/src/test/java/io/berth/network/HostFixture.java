package io.berth.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A test's own corner of the host: a uniquely named bridge on an unrouted 10.213.X.0/24, network
 * namespaces and a state directory, all removed by {@link #close} whatever the test did. Traffic
 * only ever goes to the test's own bridge and namespaces.
 */
final class HostFixture implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  final String tag = HexFormat.of().formatHex(randomBytes(3));
  final String bridge = "bt" + tag;
  final Cidr bip;
  final Path stateDir;
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final List<String> links = new ArrayList<>();

  HostFixture() throws IOException {
    this.bip = unroutedSubnet().plus(1);
    this.stateDir = Files.createTempDirectory("berth-net-test-");
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  BridgeConfig config() {
    return new BridgeConfig("bridge", bridge, bip, 1500, true, true);
  }

  /** A new named namespace (ip netns add); its path is /var/run/netns/NAME. */
  String netns() {
    String name = "bnt" + tag + namespaces.size();
    sh("ip", "netns", "add", name).check();
    namespaces.add(name);
    return name;
  }

  static Path nsPath(String name) {
    return Path.of("/var/run/netns", name);
  }

  /** A process in a fresh network namespace of its own, as a container's init would be. */
  Process unsharedSleeper() throws IOException {
    Process p = new ProcessBuilder(Command.locate("unshare"), "--net", "sleep", "600").start();
    processes.add(p);
    Path ns = Path.of("/proc", Long.toString(p.pid()), "ns", "net");
    for (int i = 0; i < 200; i++) { // wait until unshare has exec'd into the new namespace
      try {
        if (!Files.readSymbolicLink(ns).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")))) {
          return p;
        }
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("unshare did not enter a new namespace");
  }

  /** Remembers a link this test made itself, to delete it at the end. */
  void ownLink(String name) {
    links.add(name);
  }

  static Command.Result sh(String... argv) {
    return Command.run(List.of(argv), Map.of(), null);
  }

  static Command.Result inNs(String ns, String... argv) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    all.addAll(List.of(argv));
    return Command.run(all, Map.of(), null);
  }

  /** One ICMP echo from inside {@code ns} to an address of this test's bridge or namespaces. */
  static boolean ping(String ns, String address) {
    return inNs(ns, "busybox", "ping", "-c", "1", "-W", "2", address).ok();
  }

  @Override
  public void close() throws IOException {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (String ns : namespaces) {
      sh("ip", "netns", "del", ns);
    }
    for (String link : links) {
      sh("ip", "link", "del", link);
    }
    // The bridge's veths go with their namespaces or with the bridge; the rules need asking.
    new Firewall(Firewall.tagFor(stateDir), true, true, List::of).removeAll();
    sh("ip", "link", "del", bridge);
    AtomicFiles.deleteTree(stateDir);
    assertTrue(!LinkDevices.exists(bridge), "bridge " + bridge + " left behind");
  }

  /** A 10.213.X.0/24 that no host route touches. */
  private static Cidr unroutedSubnet() {
    List<Cidr> routes = SubnetPicker.hostRoutes();
    for (int attempt = 0; attempt < 100; attempt++) {
      Cidr candidate = Cidr.parse("10.213." + RANDOM.nextInt(1, 255) + ".0/24");
      if (routes.stream().noneMatch(candidate::overlaps)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no unrouted 10.213.X.0/24 left");
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
