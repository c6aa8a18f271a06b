package io.berth.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An IP network such as {@code 127.0.0.0/8} or {@code ::1/128}. */
public record Cidr(byte[] network, int bits) {

  public static Optional<Cidr> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    try {
      String ip = text.substring(0, slash);
      if (!ip.matches("[0-9a-fA-F:.]+")) {
        return Optional.empty(); // never resolve a name here
      }
      byte[] addr = InetAddress.getByName(ip).getAddress();
      int bits = Integer.parseInt(text.substring(slash + 1));
      if (bits < 0 || bits > addr.length * 8) {
        return Optional.empty();
      }
      return Optional.of(new Cidr(addr, bits));
    } catch (UnknownHostException | NumberFormatException e) {
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
}
