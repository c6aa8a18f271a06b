package io.berth.network;

import io.berth.sys.ErrnoException;
import io.berth.sys.InterfaceFlags;
import io.berth.sys.NetNamespace;
import io.berth.sys.Netlink;
import io.berth.sys.NetlinkMessage;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A container's veth pair on a bridge, made with rtnetlink from berthd: the host end enslaved to the bridge
 * in hairpin mode, the container end created straight in the container's namespace under its final name with
 * its MAC and MTU, then its addresses, default routes and loopback set up from berthd's namespace thread. What
 * the containernetworking bridge plugin did (same sysctls: no DAD, ARP notify), without a process per start.
 */
final class VethPair {
  private static final int RTM_NEWLINK = 16;
  private static final int RTM_DELLINK = 17;
  private static final int RTM_NEWADDR = 20;
  private static final int RTM_NEWROUTE = 24;
  private static final int AF_UNSPEC = 0;
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int IFLA_ADDRESS = 1;
  private static final int IFLA_IFNAME = 3;
  private static final int IFLA_MTU = 4;
  private static final int IFLA_MASTER = 10;
  private static final int IFLA_LINKINFO = 18;
  private static final int IFLA_NET_NS_FD = 28;
  private static final int IFLA_INFO_KIND = 1;
  private static final int IFLA_INFO_DATA = 2;
  private static final int VETH_INFO_PEER = 1;
  private static final int IFF_UP = 1;
  private static final int IFA_ADDRESS = 1;
  private static final int IFA_LOCAL = 2;
  private static final int IFA_BROADCAST = 4;
  private static final int IFA_F_NODAD = 0x02;
  private static final int RTA_GATEWAY = 5;
  private static final int RTA_OIF = 4;
  private static final int RT_TABLE_MAIN = 254;
  private static final int RTPROT_BOOT = 3;
  private static final int RTN_UNICAST = 1;
  private static final int ENODEV = 19;

  /**
   * The container's end: its interface name, MAC, addresses, and the gateways of its default routes (null for
   * none: an internal network, or not the container's first network).
   */
  record Inside(String ifName, String mac, Cidr address, Cidr6 address6, String gateway, String gateway6) {}

  private VethPair() {}

  /**
   * Makes the pair, or nothing: when a step fails the host end is deleted (taking the container end along).
   *
   * @throws NetworkException saying which step failed and why
   */
  static void create(String hostVeth, String bridge, int mtu, Path netns, Inside inside) {
    int bridgeIndex = sysfsIndex(bridge);
    try {
      int nsFd = Netlink.openNamespace(netns);
      try (Netlink nl = Netlink.open()) {
        nl.call(newVeth(hostVeth, bridgeIndex, mtu, nsFd, inside), "add link", hostVeth);
      } finally {
        Netlink.closeFd(nsFd);
      }
    } catch (ErrnoException e) {
      throw new NetworkException("creating the veth pair " + hostVeth + " on " + bridge + ": " + e.getMessage(), e);
    }
    try {
      // as the plugin's hairpinMode: a container reaches its own published ports through the host
      Files.writeString(Path.of("/sys/class/net", hostVeth, "brport", "hairpin_mode"), "1");
      NetNamespace.call(netns, () -> {
        configureInside(inside);
        InterfaceFlags.up("lo");
        return null;
      });
    } catch (Exception e) {
      try {
        delete(hostVeth);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new NetworkException("setting up " + inside.ifName() + " in " + netns + ": " + e.getMessage(), e);
    }
  }

  /**
   * RTM_NEWLINK of a veth whose peer is born in the namespace {@code nsFd}, the host end up and enslaved. The
   * peer cannot be brought up in the same request (a veth without its peer yet refuses with ENOTCONN).
   */
  static NetlinkMessage newVeth(String hostVeth, int bridgeIndex, int mtu, int nsFd, Inside inside) {
    NetlinkMessage m = new NetlinkMessage(RTM_NEWLINK, NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL);
    ifinfo(m, 0, IFF_UP);
    m.attrString(IFLA_IFNAME, hostVeth).attrU32(IFLA_MTU, mtu).attrU32(IFLA_MASTER, bridgeIndex);
    m.begin(IFLA_LINKINFO).attrString(IFLA_INFO_KIND, "veth").begin(IFLA_INFO_DATA).begin(VETH_INFO_PEER);
    ifinfo(m, 0, 0);
    m.attrString(IFLA_IFNAME, inside.ifName()).attrU32(IFLA_MTU, mtu).attrU32(IFLA_NET_NS_FD, nsFd)
        .attr(IFLA_ADDRESS, HexFormat.ofDelimiter(":").parseHex(inside.mac()));
    return m.end().end().end();
  }

  /** struct ifinfomsg: any family, the link's index (0: a new one, or by name), the flags given. */
  private static void ifinfo(NetlinkMessage m, int index, int flags) {
    m.u8(AF_UNSPEC).u8(0).u16(0).u32(index).u32(flags).u32(flags);
  }

  /** RTM_NEWLINK bringing link {@code index} up. */
  static NetlinkMessage up(int index) {
    NetlinkMessage m = new NetlinkMessage(RTM_NEWLINK, 0);
    ifinfo(m, index, IFF_UP);
    return m;
  }

  /** In the container's namespace (on the namespace thread): sysctls, addresses, routes. */
  private static void configureInside(Inside in) throws IOException {
    sysctl("ipv6/conf/" + in.ifName() + "/accept_dad", "0");
    sysctl("ipv4/conf/" + in.ifName() + "/arp_notify", "1");
    if (in.address6() != null) {
      sysctl("ipv6/conf/" + in.ifName() + "/disable_ipv6", "0");
    }
    int index = Netlink.index(in.ifName());
    try (Netlink nl = Netlink.open()) {
      nl.call(up(index), "set link up", in.ifName());
      nl.call(address4(index, in.address()), "add address", in.address() + " on " + in.ifName());
      if (in.address6() != null) {
        nl.call(address6(index, in.address6()), "add address", in.address6() + " on " + in.ifName());
      }
      if (in.gateway() != null) {
        nl.call(defaultRoute(AF_INET, index, v4Bytes(Cidr.parseAddress(in.gateway()))), "add default route via",
            in.gateway());
      }
      if (in.gateway6() != null) {
        nl.call(defaultRoute(AF_INET6, index, v6Bytes(Cidr6.parseAddress(in.gateway6()))), "add default route via",
            in.gateway6());
      }
    }
  }

  static NetlinkMessage address4(int index, Cidr address) {
    NetlinkMessage m = new NetlinkMessage(RTM_NEWADDR, NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL);
    m.u8(AF_INET).u8(address.prefixLength()).u8(0).u8(0).u32(index);
    byte[] ip = v4Bytes(address.address());
    m.attr(IFA_LOCAL, ip).attr(IFA_ADDRESS, ip);
    if (address.prefixLength() < 31) { // as netlink.AddrAdd: the subnet's broadcast address
      m.attr(IFA_BROADCAST, v4Bytes(address.address() | ~address.mask()));
    }
    return m;
  }

  static NetlinkMessage address6(int index, Cidr6 address) {
    NetlinkMessage m = new NetlinkMessage(RTM_NEWADDR, NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL);
    m.u8(AF_INET6).u8(address.prefixLength()).u8(IFA_F_NODAD).u8(0).u32(index);
    byte[] ip = v6Bytes(address.address());
    return m.attr(IFA_LOCAL, ip).attr(IFA_ADDRESS, ip);
  }

  static NetlinkMessage defaultRoute(int family, int index, byte[] gateway) {
    NetlinkMessage m = new NetlinkMessage(RTM_NEWROUTE, NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL);
    m.u8(family).u8(0).u8(0).u8(0).u8(RT_TABLE_MAIN).u8(RTPROT_BOOT).u8(0).u8(RTN_UNICAST).u32(0);
    return m.attr(RTA_GATEWAY, gateway).attrU32(RTA_OIF, index);
  }

  /**
   * Deletes {@code link} of berthd's namespace (a veth takes its peer with it); false when it was already gone.
   */
  static boolean delete(String link) {
    NetlinkMessage m = new NetlinkMessage(RTM_DELLINK, 0);
    ifinfo(m, 0, 0);
    m.attrString(IFLA_IFNAME, link);
    try (Netlink nl = Netlink.open()) {
      nl.call(m, "delete link", link);
      return true;
    } catch (ErrnoException e) {
      if (e.errno() == ENODEV) {
        return false;
      }
      throw new NetworkException(e.getMessage(), e);
    }
  }

  /** A sysctl of the calling thread's network namespace (the namespace thread's: /proc/sys/net follows it). */
  private static void sysctl(String key, String value) throws IOException {
    try {
      Files.writeString(Path.of("/proc/sys/net", key), value);
    } catch (NoSuchFileException e) {
      if (!key.startsWith("ipv6/")) { // a kernel without IPv6 has no such keys
        throw e;
      }
    }
  }

  private static int sysfsIndex(String link) {
    try {
      return Integer.parseInt(Files.readString(Path.of("/sys/class/net", link, "ifindex")).strip());
    } catch (IOException | NumberFormatException e) {
      throw new NetworkException("bridge " + link + " not found", e);
    }
  }

  static byte[] v4Bytes(int address) {
    return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
  }

  static byte[] v6Bytes(BigInteger address) {
    byte[] raw = address.toByteArray();
    byte[] out = new byte[16];
    int n = Math.min(raw.length, 16);
    System.arraycopy(raw, raw.length - n, out, 16 - n, n);
    return out;
  }
}
