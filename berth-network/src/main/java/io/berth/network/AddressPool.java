package io.berth.network;

import io.berth.common.AtomicFiles;
import io.berth.common.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * the last one reserved), so that a released address is not reused at once.
 */
final class AddressPool {
  private static final String LAST_RESERVED = "last_reserved_ip.0";

  /** An address on loan to a container. */
  record Lease(String address, String containerId) {}

  private final Path dir;
  private final Cidr subnet;
  private final int gateway;
  private final int first;
  private final int last;

  /**
   * @param range the part handed out ({@code --ip-range}), or null for the whole subnet
   */
  AddressPool(Path dir, Cidr subnet, int gateway, Cidr range) {
    this.dir = dir;
    this.subnet = subnet.network();
    this.gateway = gateway;
    Cidr r = range == null ? this.subnet : range.network();
    int lo = r.address();
    int hi = lo | ~r.mask();
    int subnetLo = this.subnet.address();
    int subnetHi = subnetLo | ~this.subnet.mask();
    this.first = Math.max(lo, subnetLo + 1);
    this.last = Math.min(hi, this.subnet.prefixLength() >= 31 ? subnetHi : subnetHi - 1);
  }

  /** Leases {@code requested} (if given) or the next free address of the range to the container. */
  synchronized Cidr allocate(String containerId, String ifName, String requested) {
    try {
      Files.createDirectories(dir);
      if (!requested.isEmpty()) {
        int ip = Cidr.parseAddress(requested);
        if (!subnet.contains(ip) || ip == subnet.address() || ip == (subnet.address() | ~subnet.mask())) {
          throw new BerthException.InvalidParameter("Requested address is out of range");
        }
        if (ip == gateway || !claim(ip, containerId, ifName)) {
          throw new BerthException.Forbidden("Address already in use");
        }
        return new Cidr(ip, subnet.prefixLength());
      }
      long size = (long) last - first + 1;
      int start = nextAfter(lastReserved());
      for (long i = 0; i < size; i++) {
        int ip = (int) (first + Math.floorMod((long) start - first + i, size));
        if (ip != gateway && claim(ip, containerId, ifName)) {
          // a hint for the next allocation only: no need to make it durable
          Files.writeString(dir.resolve(LAST_RESERVED), Cidr.formatAddress(ip), StandardCharsets.UTF_8);
          return new Cidr(ip, subnet.prefixLength());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new NetworkException("no available IPv4 addresses on this network's address pools: " + subnet);
  }

  private boolean claim(int ip, String containerId, String ifName) throws IOException {
    try {
      Files.writeString(dir.resolve(Cidr.formatAddress(ip)), containerId + "\r\n" + ifName, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException taken) {
      return false;
    }
  }

  private int lastReserved() {
    try {
      return Cidr.parseAddress(Files.readString(dir.resolve(LAST_RESERVED)).strip());
    } catch (IOException | IllegalArgumentException none) {
      return first - 1;
    }
  }

  private int nextAfter(int ip) {
    return ip < first || ip >= last ? first : ip + 1;
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
        if (!isAddress(name)) {
          continue; // "lock", "last_reserved_ip.0", temp files
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

  private static boolean isAddress(String name) {
    try {
      Cidr.parseAddress(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
