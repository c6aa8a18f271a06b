package io.berth.network;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv6 address with a prefix length, as in {@code fd00:1::1/64}: the IPv6 twin of {@link Cidr}, the address
 * held as an unsigned 128-bit number.
 */
public record Cidr6(BigInteger address, int prefixLength) {
  private static final BigInteger ALL = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  public Cidr6 {
    if (prefixLength < 0 || prefixLength > 128) {
      throw new IllegalArgumentException("invalid prefix length " + prefixLength);
    }
    if (address.signum() < 0 || address.bitLength() > 128) {
      throw new IllegalArgumentException("not an IPv6 address: " + address);
    }
  }

  /** Parses {@code addr/n}; a bare address is a /128. */
  public static Cidr6 parse(String text) {
    int length = Cidr.prefixLength(text, 128);
    return new Cidr6(parseAddress(Cidr.addressPart(text)), length);
  }

  /** True when {@code text} looks like an IPv6 address or subnet (the family test of a pool or an address). */
  public static boolean isIpv6(String text) {
    return text != null && text.contains(":");
  }

  /** Parses an IPv6 literal (no zone, no name lookup) into its 128 bits. */
  public static BigInteger parseAddress(String text) {
    String s = text.strip();
    if (!s.matches("[0-9A-Fa-f:.]+") || !s.contains(":")) {
      throw new IllegalArgumentException("invalid IPv6 address: " + text);
    }
    try {
      InetAddress a = InetAddress.getByName(s); // a literal: never a lookup
      byte[] bytes = a.getAddress();
      if (bytes.length == 4) { // ::ffff:a.b.c.d comes back as IPv4: keep it mapped
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        bytes = mapped;
      }
      return new BigInteger(1, bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("invalid IPv6 address: " + text);
    }
  }

  /** RFC 5952's form, as Go prints an IPv6 address: lower case, the longest run of zero groups as {@code ::}. */
  public static String formatAddress(BigInteger bits) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = bits.shiftRight(112 - 16 * i).intValue() & 0xffff;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  public BigInteger mask() {
    return ALL.shiftRight(prefixLength).xor(ALL);
  }

  /** The subnet this address belongs to, e.g. fd00:1::/64 for fd00:1::1/64. */
  public Cidr6 network() {
    return new Cidr6(address.and(mask()), prefixLength);
  }

  /** The last address of the subnet. */
  public BigInteger last() {
    return address.or(mask().xor(ALL));
  }

  public boolean contains(BigInteger ip) {
    return ip.and(mask()).equals(address.and(mask()));
  }

  /** True when the two subnets share at least one address. */
  public boolean overlaps(Cidr6 other) {
    Cidr6 wider = prefixLength <= other.prefixLength ? this : other;
    Cidr6 narrower = wider == this ? other : this;
    return wider.contains(narrower.address);
  }

  /** The address {@code offset} places after this one, keeping the prefix length. */
  public Cidr6 plus(long offset) {
    return new Cidr6(address.add(BigInteger.valueOf(offset)), prefixLength);
  }

  public String addressString() {
    return formatAddress(address);
  }

  /** The address as the JDK's InetAddress (for DNS records). */
  public static InetAddress inetAddress(String text) {
    try {
      byte[] raw = parseAddress(text).toByteArray();
      byte[] bytes = new byte[16];
      int n = Math.min(raw.length, 16);
      System.arraycopy(raw, raw.length - n, bytes, 16 - n, n);
      return Inet6Address.getByAddress(null, bytes, -1);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public String toString() {
    return addressString() + "/" + prefixLength;
  }
}
