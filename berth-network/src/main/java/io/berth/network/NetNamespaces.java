package io.berth.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Checks on a network namespace path before a plugin is let loose in it; its loopback brought up. */
final class NetNamespaces {
  private static final Path OWN = Path.of("/proc/self/ns/net");

  private NetNamespaces() {}

  /**
   * Fails unless {@code netns} names an existing namespace other than berthd's own: configuring
   * "eth0" in the host's namespace would take the host off its network.
   */
  static void requireContainerNamespace(Path netns) {
    Object key;
    Object own;
    try {
      key = Files.readAttributes(netns, BasicFileAttributes.class).fileKey();
      own = Files.readAttributes(OWN, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      throw new NetworkException("network namespace " + netns + " does not exist");
    } catch (IOException e) {
      throw new NetworkException("network namespace " + netns + ": " + e.getMessage(), e);
    }
    if (key != null && key.equals(own)) {
      throw new IllegalArgumentException("refusing to configure the daemon's own network namespace " + netns);
    }
  }

  /**
   * Brings up {@code lo} in the container's namespace from berthd's namespace thread: what the CNI loopback
   * plugin does, without a process per container start.
   */
  static void loopbackUp(Path netns) {
    requireContainerNamespace(netns);
    try {
      io.berth.sys.NetNamespace.call(netns, () -> {
        io.berth.sys.InterfaceFlags.up("lo");
        return null;
      });
    } catch (Exception e) {
      throw new NetworkException("bringing up the loopback of " + netns + ": " + e.getMessage(), e);
    }
  }
}
