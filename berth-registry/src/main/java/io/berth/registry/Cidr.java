package io.berth.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IP network such as {@code 127.0.0.0/8} or {@code ::1/128}, held as Go's net.ParseCIDR holds
 * it: the address masked to the network ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
 */
public record Cidr(byte[] network, int bits) {

  public Cidr {
    network = network.clone();
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  public static Optional<Cidr> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String ip = text.substring(0, slash);
    String length = text.substring(slash + 1);
    if (!ip.matches("[0-9a-fA-F:.]+") || !length.matches("[0-9]{1,3}")) {
      return Optional.empty(); // never resolve a name here
    }
    try {
      byte[] addr = InetAddress.getByName(ip).getAddress();
      int bits = Integer.parseInt(length);
      if (bits > addr.length * 8) {
        return Optional.empty();
      }
      for (int i = bits; i < addr.length * 8; i++) {
        addr[i / 8] &= (byte) ~(0x80 >> (i % 8));
      }
      return Optional.of(new Cidr(addr, bits));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code host} is an IP literal inside this network (names are not resolved). */
  boolean containsHost(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!h.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      return contains(InetAddress.getByName(h));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.bits == bits && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + bits;
  }

  /** Go's IPNet.String: {@code 10.0.0.0/8}, {@code ::1/128}. */
  @Override
  public String toString() {
    try {
      String ip = InetAddress.getByAddress(network).getHostAddress();
      return (network.length == 16 ? compressV6(ip) : ip) + "/" + bits;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 5952's short form, as Go prints IPv6 addresses: the longest run of zero groups becomes {@code ::}. */
  private static String compressV6(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; ) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }
}
