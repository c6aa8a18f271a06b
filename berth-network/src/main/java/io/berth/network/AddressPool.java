package io.berth.network;

import io.berth.common.AtomicFiles;
import io.berth.common.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One network's addresses on loan, in the layout of CNI's {@code host-local} plugin (which earlier berthds
 * used): a file per leased address under {@code <dir>/}, named by the address and holding the owner's
 * container ID and interface, and {@code last_reserved_ip.0}. Creating a lease file is the allocation (it
 * fails if the file exists), so a lease is either whole on disk or absent, and the files are the whole state:
 * a restarted daemon reads the leases back. Addresses go round the range as host-local hands them out (after
 * the last one reserved), so that a released address is not reused at once. A network with IPv6 has a
 * second pool in the same directory, for its IPv6 subnet ({@code last_reserved_ip.1}, as host-local's second
 * range).
 */
final class AddressPool {
  /** An address on loan to a container. */
  record Lease(String address, String containerId) {}

  /** The address family a pool hands out: its numbers, its spelling, and host-local's range index. */
  enum Family {
    V4("last_reserved_ip.0", "IPv4"), V6("last_reserved_ip.1", "IPv6");

    private final String lastReservedFile;
    private final String label;

    Family(String lastReservedFile, String label) {
      this.lastReservedFile = lastReservedFile;
      this.label = label;
    }

    BigInteger parse(String text) {
      return this == V4 ? BigInteger.valueOf(Integer.toUnsignedLong(Cidr.parseAddress(text)))
          : Cidr6.parseAddress(text);
    }

    String format(BigInteger ip) {
      return this == V4 ? Cidr.formatAddress(ip.intValue()) : Cidr6.formatAddress(ip);
    }

    boolean isAddress(String name) {
      if ((this == V6) != Cidr6.isIpv6(name)) {
        return false;
      }
      try {
        parse(name);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  private final Path dir;
  private final Family family;
  private final BigInteger subnetFirst;
  private final BigInteger subnetLast;
  private final BigInteger gateway;
  private final BigInteger first;
  private final BigInteger last;

  /**
   * An IPv4 pool: the subnet's network and broadcast addresses are never handed out.
   *
   * @param range the part handed out ({@code --ip-range}), or null for the whole subnet
   */
  static AddressPool v4(Path dir, Cidr subnet, int gateway, Cidr range) {
    Cidr s = subnet.network();
    Cidr r = range == null ? s : range.network();
    BigInteger lo = unsigned(s.address());
    BigInteger hi = unsigned(s.address() | ~s.mask());
    BigInteger rangeLo = unsigned(r.address());
    BigInteger rangeHi = unsigned(r.address() | ~r.mask());
    return new AddressPool(dir, Family.V4, lo, hi, unsigned(gateway), rangeLo.max(lo.add(BigInteger.ONE)),
        rangeHi.min(s.prefixLength() >= 31 ? hi : hi.subtract(BigInteger.ONE)));
  }

  /** An IPv6 pool: the subnet's first address (the subnet-router anycast) is never handed out. */
  static AddressPool v6(Path dir, Cidr6 subnet, BigInteger gateway, Cidr6 range) {
    Cidr6 s = subnet.network();
    Cidr6 r = range == null ? s : range.network();
    return new AddressPool(dir, Family.V6, s.address(), s.last(), gateway,
        r.address().max(s.address().add(BigInteger.ONE)), r.last().min(s.last()));
  }

  private AddressPool(Path dir, Family family, BigInteger subnetFirst, BigInteger subnetLast, BigInteger gateway,
      BigInteger first, BigInteger last) {
    this.dir = dir;
    this.family = family;
    this.subnetFirst = subnetFirst;
    this.subnetLast = subnetLast;
    this.gateway = gateway;
    this.first = first;
    this.last = last;
  }

  private static BigInteger unsigned(int v4) {
    return BigInteger.valueOf(Integer.toUnsignedLong(v4));
  }

  /** Leases {@code requested} (if given) or the next free address of the range to the container. */
  synchronized String allocate(String containerId, String ifName, String requested) {
    try {
      Files.createDirectories(dir);
      if (!requested.isEmpty()) {
        BigInteger ip = family.parse(requested);
        if (ip.compareTo(subnetFirst) <= 0 || ip.compareTo(subnetLast) > 0
            || (family == Family.V4 && ip.equals(subnetLast))) {
          throw new BerthException.InvalidParameter("Requested address is out of range");
        }
        if (ip.equals(gateway) || !claim(ip, containerId, ifName)) {
          throw new BerthException.Forbidden("Address already in use");
        }
        return family.format(ip);
      }
      BigInteger size = last.subtract(first).add(BigInteger.ONE);
      BigInteger start = nextAfter(lastReserved());
      // a full pool is tried once round; a huge one (IPv6) never comes close to that
      long tries = size.min(BigInteger.valueOf(1L << 20)).longValueExact();
      for (long i = 0; i < tries; i++) {
        BigInteger ip = first.add(start.subtract(first).add(BigInteger.valueOf(i)).mod(size));
        if (!ip.equals(gateway) && claim(ip, containerId, ifName)) {
          // a hint for the next allocation only: no need to make it durable
          Files.writeString(dir.resolve(family.lastReservedFile), family.format(ip), StandardCharsets.UTF_8);
          return family.format(ip);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new NetworkException("no available " + family.label + " addresses on this network's address pools: "
        + family.format(subnetFirst));
  }

  private boolean claim(BigInteger ip, String containerId, String ifName) throws IOException {
    try {
      Files.writeString(dir.resolve(family.format(ip)), containerId + "\r\n" + ifName, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException taken) {
      return false;
    }
  }

  private BigInteger lastReserved() {
    try {
      return family.parse(Files.readString(dir.resolve(family.lastReservedFile)).strip());
    } catch (IOException | IllegalArgumentException none) {
      return first.subtract(BigInteger.ONE);
    }
  }

  private BigInteger nextAfter(BigInteger ip) {
    return ip.compareTo(first) < 0 || ip.compareTo(last) >= 0 ? first : ip.add(BigInteger.ONE);
  }

  /** Returns every address leased to {@code containerId}; nothing leased is fine. */
  synchronized void release(String containerId) {
    for (Lease lease : leases()) {
      if (lease.containerId().equals(containerId)) {
        delete(lease.address());
      }
    }
  }

  /** Deletes one lease file (a crash may leave one without an owner). */
  synchronized void delete(String address) {
    try {
      AtomicFiles.delete(dir.resolve(address));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The leases on disk: what a restarted daemon checks against the containers still alive. */
  List<Lease> leases() {
    List<Lease> leases = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (!family.isAddress(name)) {
          continue; // the other family's leases, "lock", "last_reserved_ip.0", temp files
        }
        try {
          String owner = Files.readString(f, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
          leases.add(new Lease(name, owner));
        } catch (NoSuchFileException raced) {
          // released while we listed
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return leases;
  }

  Path directory() {
    return dir;
  }
}
