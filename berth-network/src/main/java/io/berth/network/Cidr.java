package io.berth.network;

import java.util.regex.Pattern;

/**
 * An IPv4 address with a prefix length, as in {@code 10.88.0.1/16}: the address may be a host
 * inside the subnet (a bridge address, {@code --bip}) or the subnet itself.
 */
public record Cidr(int address, int prefixLength) {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  public Cidr {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("invalid prefix length " + prefixLength);
    }
  }

  /** Parses {@code a.b.c.d/n}; a bare address is a /32. */
  public static Cidr parse(String text) {
    int length = prefixLength(text, 32);
    return new Cidr(parseAddress(addressPart(text)), length);
  }

  /**
   * The prefix length after the slash of {@code text}, or {@code max} when there is none: at most {@code max}
   * and written with no more digits than {@code max} has (shared with {@link Cidr6}).
   */
  static int prefixLength(String text, int max) {
    String s = text.strip();
    int slash = s.indexOf('/');
    if (slash < 0) {
      return max;
    }
    String prefix = s.substring(slash + 1);
    if (!prefix.matches("\\d{1," + Integer.toString(max).length() + "}") || Integer.parseInt(prefix) > max) {
      throw new IllegalArgumentException("invalid CIDR address: " + text);
    }
    return Integer.parseInt(prefix);
  }

  /** What comes before the slash of {@code text} (all of it when there is none). */
  static String addressPart(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    return slash < 0 ? s : s.substring(0, slash);
  }

  /** Parses a dotted IPv4 address into its 32 bits. */
  public static int parseAddress(String text) {
    var m = IPV4.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid IPv4 address: " + text);
    }
    int bits = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        throw new IllegalArgumentException("invalid IPv4 address: " + text);
      }
      bits = bits << 8 | octet;
    }
    return bits;
  }

  public static String formatAddress(int bits) {
    return (bits >>> 24) + "." + (bits >>> 16 & 0xff) + "." + (bits >>> 8 & 0xff) + "." + (bits & 0xff);
  }

  public int mask() {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }

  /** The subnet this address belongs to, e.g. 10.88.0.0/16 for 10.88.0.1/16. */
  public Cidr network() {
    return new Cidr(address & mask(), prefixLength);
  }

  public boolean isNetworkAddress() {
    return (address & ~mask()) == 0;
  }

  public boolean contains(int ip) {
    return (ip & mask()) == (address & mask());
  }

  /** True when the two subnets share at least one address. */
  public boolean overlaps(Cidr other) {
    int shorter = Math.min(prefixLength, other.prefixLength);
    int m = shorter == 0 ? 0 : -1 << (32 - shorter);
    return (address & m) == (other.address & m);
  }

  /** The address {@code offset} places after this one, keeping the prefix length. */
  public Cidr plus(int offset) {
    return new Cidr(address + offset, prefixLength);
  }

  public String addressString() {
    return formatAddress(address);
  }

  @Override
  public String toString() {
    return addressString() + "/" + prefixLength;
  }
}
