package io.berth.engine.system;

import io.berth.common.AtomicFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Facts about the host that {@code /info} and {@code /version} report, read from the kernel. */
public final class Host {
  private final String engineId;

  public Host(Path dataRoot) throws IOException {
    Path idFile = dataRoot.resolve("engine-id");
    if (Files.exists(idFile)) {
      engineId = Files.readString(idFile).trim();
    } else {
      engineId = UUID.randomUUID().toString();
      AtomicFiles.write(idFile, engineId.getBytes());
    }
  }

  /** A stable identity of this engine, kept in the data root (Docker's {@code ID}). */
  public String engineId() {
    return engineId;
  }

  public String kernelVersion() {
    return read(Path.of("/proc/sys/kernel/osrelease"), "unknown");
  }

  /** PRETTY_NAME from os-release, as Docker's "Operating System". */
  public String operatingSystem() {
    return osRelease("PRETTY_NAME", "Linux");
  }

  public String osVersion() {
    return osRelease("VERSION_ID", "");
  }

  private static String osRelease(String key, String fallback) {
    for (Path p : List.of(Path.of("/etc/os-release"), Path.of("/usr/lib/os-release"))) {
      try {
        for (String line : Files.readAllLines(p)) {
          if (line.startsWith(key + "=")) {
            return line.substring(key.length() + 1).replaceAll("^\"|\"$", "");
          }
        }
      } catch (IOException ignored) {
        // try the next location
      }
    }
    return fallback;
  }

  public int cpus() {
    return Runtime.getRuntime().availableProcessors();
  }

  public long memoryBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException ignored) {
      // unknown
    }
    return 0;
  }

  public String hostname() {
    String name = read(Path.of("/proc/sys/kernel/hostname"), "");
    if (!name.isEmpty()) {
      return name;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** "2" on a unified (pure v2) hierarchy, "1" otherwise (including hybrid hosts). */
  public String cgroupVersion() {
    return cgroupV2() ? "2" : "1";
  }

  /** Whether the host's cgroups are v2 (io.berth.runtime.Cgroups decides). */
  public static boolean cgroupV2() {
    return io.berth.runtime.Cgroups.unified();
  }

  private static String read(Path p, String fallback) {
    try {
      return Files.readString(p).trim();
    } catch (IOException e) {
      return fallback;
    }
  }
}
