package io.berth.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host's network links: reads go through sysfs (cheap, no process), changes through
 * {@code ip}. Only ever touches links it is named, never guesses.
 */
final class LinkDevices {
  private static final Path SYS_NET = Path.of("/sys/class/net");

  private LinkDevices() {}

  static boolean exists(String name) {
    return Files.exists(SYS_NET.resolve(name));
  }

  static boolean isBridge(String name) {
    return Files.isDirectory(SYS_NET.resolve(name).resolve("bridge"));
  }

  /**
   * Makes {@code name} an up bridge whose only IPv4 address is {@code address} (as Docker does
   * with docker0: a different address left by an earlier --bip is replaced).
   */
  static void ensureBridge(String name, Cidr address, int mtu) {
    if (!exists(name)) {
      Command.Result add = Command.run("ip", "link", "add", "name", name, "mtu", Integer.toString(mtu), "type", "bridge");
      if (!add.ok() && !exists(name)) { // another daemon may have raced us to it
        add.check();
      }
    }
    if (!isBridge(name)) {
      throw new NetworkException("interface " + name + " exists and is not a bridge");
    }
    List<Cidr> current = ipv4Addresses(name);
    if (!current.contains(address)) {
      for (Cidr stale : current) {
        Command.run("ip", "addr", "del", stale.toString(), "dev", name).check();
      }
      Command.run("ip", "addr", "add", address.toString(), "brd", "+", "dev", name).check();
    }
    Command.run("ip", "link", "set", "dev", name, "up").check();
  }

  /**
   * Gives bridge {@code name} the IPv6 address {@code address} unless it has it, without duplicate address
   * detection (the gateway must answer at once; dockerd adds it so too).
   */
  static void ensureIpv6Address(String name, Cidr6 address) {
    Command.Result r = Command.run("ip", "-j", "-6", "addr", "show", "dev", name);
    r.check();
    try {
      for (JsonNode link : Json.MAPPER.readTree(r.stdout())) {
        for (JsonNode info : link.path("addr_info")) {
          if ("inet6".equals(info.path("family").asText()) && info.path("prefixlen").asInt() == address.prefixLength()
              && Cidr6.parseAddress(info.path("local").asText()).equals(address.address())) {
            return;
          }
        }
      }
    } catch (IOException e) {
      throw new NetworkException("ip addr show " + name + ": unreadable output", e);
    }
    Command.run("ip", "-6", "addr", "add", address.toString(), "dev", name, "nodad").check();
  }

  /** The IPv4 addresses on {@code name}, with their prefix lengths; none when it is absent. */
  static List<Cidr> ipv4Addresses(String name) {
    if (!exists(name)) {
      return List.of();
    }
    Command.Result r = Command.run("ip", "-j", "-4", "addr", "show", "dev", name);
    if (!r.ok()) {
      if (!exists(name)) {
        return List.of();
      }
      r.check();
    }
    List<Cidr> addresses = new ArrayList<>();
    try {
      for (JsonNode link : Json.MAPPER.readTree(r.stdout())) {
        for (JsonNode info : link.path("addr_info")) {
          if ("inet".equals(info.path("family").asText())) {
            addresses.add(new Cidr(Cidr.parseAddress(info.path("local").asText()), info.path("prefixlen").asInt()));
          }
        }
      }
    } catch (IOException e) {
      throw new NetworkException("ip addr show " + name + ": unreadable output", e);
    }
    return addresses;
  }

  /** The links enslaved to bridge {@code bridge} (the host ends of container veths). */
  static List<String> ports(String bridge) {
    try (var entries = Files.list(SYS_NET.resolve(bridge).resolve("brif"))) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bridge {@code link} is a port of, if any. */
  static Optional<String> masterOf(String link) {
    try {
      return Optional.of(Files.readSymbolicLink(SYS_NET.resolve(link).resolve("master")).getFileName().toString());
    } catch (NoSuchFileException | NotLinkException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code link} (a veth takes its peer with it); false when it was already gone. */
  static boolean delete(String link) {
    return exists(link) && VethPair.delete(link);
  }
}
