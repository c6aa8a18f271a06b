package io.berth.network;

import io.berth.common.AtomicFiles;
import io.berth.sys.NetNamespace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * dockerd's embedded DNS server for the containers on user-defined networks. For each container, berthd binds a
 * UDP and a TCP socket to 127.0.0.11 on free ports inside the container's namespace and, as dockerd does,
 * redirects 127.0.0.11:53 to them with NAT rules of that namespace (chains DOCKER_OUTPUT and
 * DOCKER_POSTROUTING), so that port 53 stays free for the container's own use. Sockets are served by berthd's
 * threads: no process per container.
 *
 * <p>The ports are kept in {@code dns/<containerId>}: a berthd restarted after a crash binds the same ports
 * again for its live containers, whose NAT rules then still hold (they are written again if a port was lost).
 */
final class EmbeddedDns {
  private static final System.Logger LOG = System.getLogger(EmbeddedDns.class.getName());
  static final String ADDRESS = "127.0.0.11";

  private final Path stateDir;
  private final DnsAnswers.Names names;
  private final Map<String, DnsServer> servers = new ConcurrentHashMap<>();

  EmbeddedDns(Path stateDir, DnsAnswers.Names names) {
    this.stateDir = stateDir;
    this.names = names;
  }

  /** Starts (or, after a restart, resumes) serving the container whose namespace is {@code netns}. */
  void serve(String containerId, Path netns, List<String> upstream) {
    stop(containerId);
    int[] previous = previousPorts(containerId);
    try {
      DnsServer server = NetNamespace.call(netns, () -> open(containerId, previous, upstream));
      boolean samePorts = previous != null && server.udpPort() == previous[0] && server.tcpPort() == previous[1];
      if (!samePorts) {
        redirect(netns, server.udpPort(), server.tcpPort(), previous == null);
        AtomicFiles.write(portsFile(containerId),
            (server.udpPort() + " " + server.tcpPort()).getBytes(StandardCharsets.UTF_8));
      }
      servers.put(containerId, server);
      server.start();
    } catch (Exception e) {
      stop(containerId);
      throw new NetworkException("starting the embedded DNS server of " + containerId + ": " + e.getMessage(), e);
    }
  }

  /** Runs inside the container's namespace: the two sockets, on the earlier ports if they are still free. */
  private DnsServer open(String containerId, int[] previous, List<String> upstream) throws IOException {
    InetAddress at = InetAddress.getByName(ADDRESS);
    DatagramChannel udp = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
    ServerSocketChannel tcp = ServerSocketChannel.open(java.net.StandardProtocolFamily.INET);
    try {
      bindUdp(udp, at, previous == null ? 0 : previous[0]);
      bindTcp(tcp, at, previous == null ? 0 : previous[1]);
    } catch (IOException e) {
      udp.close();
      tcp.close();
      throw e;
    }
    return new DnsServer(containerId, udp, tcp, names, upstream);
  }

  private static void bindUdp(DatagramChannel ch, InetAddress at, int port) throws IOException {
    try {
      ch.bind(new InetSocketAddress(at, port));
    } catch (IOException taken) {
      if (port == 0) {
        throw taken;
      }
      ch.bind(new InetSocketAddress(at, 0));
    }
  }

  private static void bindTcp(ServerSocketChannel ch, InetAddress at, int port) throws IOException {
    try {
      ch.bind(new InetSocketAddress(at, port), 64);
    } catch (IOException taken) {
      if (port == 0) {
        throw taken;
      }
      ch.bind(new InetSocketAddress(at, 0), 64);
    }
  }

  /** dockerd's setupIPTable in the container's namespace; the jumps only on the first start. */
  private static void redirect(Path netns, int udpPort, int tcpPort, boolean first) {
    StringBuilder rules = new StringBuilder("*nat\n:DOCKER_OUTPUT - [0:0]\n:DOCKER_POSTROUTING - [0:0]\n");
    if (first) {
      rules.append("-A OUTPUT -d ").append(ADDRESS).append("/32 -j DOCKER_OUTPUT\n");
      rules.append("-A POSTROUTING -d ").append(ADDRESS).append("/32 -j DOCKER_POSTROUTING\n");
    }
    for (String proto : List.of("tcp", "udp")) {
      int port = proto.equals("tcp") ? tcpPort : udpPort;
      rules.append("-A DOCKER_OUTPUT -d ").append(ADDRESS).append("/32 -p ").append(proto).append(" -m ")
          .append(proto).append(" --dport 53 -j DNAT --to-destination ").append(ADDRESS).append(':').append(port)
          .append('\n');
      rules.append("-A DOCKER_POSTROUTING -s ").append(ADDRESS).append("/32 -p ").append(proto).append(" -m ")
          .append(proto).append(" --sport ").append(port).append(" -j SNAT --to-source :53\n");
    }
    rules.append("COMMIT\n");
    Command.run(List.of("nsenter", "--net=" + netns, "iptables-restore", "-w", "--noflush"), Map.of(),
        rules.toString().getBytes(StandardCharsets.UTF_8)).check();
  }

  private int[] previousPorts(String containerId) {
    try {
      String[] f = Files.readString(portsFile(containerId)).strip().split(" ");
      return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
    } catch (IOException | RuntimeException none) {
      return null;
    }
  }

  private Path portsFile(String containerId) {
    return stateDir.resolve("dns").resolve(containerId);
  }

  /** Stops serving the container (its namespace, rules included, goes with it); forgets its ports. */
  void stop(String containerId) {
    DnsServer s = servers.remove(containerId);
    if (s != null) {
      s.close();
    }
  }

  /** At exit: the server and its record. */
  void forget(String containerId) {
    stop(containerId);
    try {
      AtomicFiles.delete(portsFile(containerId));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "removing " + portsFile(containerId) + ": " + e.getMessage());
    }
  }

  /** The containers with a ports record (for the sweep after a restart). */
  List<String> recorded() {
    try (var files = Files.list(stateDir.resolve("dns"))) {
      return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
