package io.berth.daemon;

import io.berth.common.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The settings dockerd checks only when it creates its daemon (NewDaemon), in its words: the
 * storage driver's options (moby {@code overlay2.parseOptions}, {@code vfs.parseOptions}) and
 * the cgroup driver (verifyCgroupDriver). berth implements no storage option and only the
 * cgroupfs driver, so every value dockerd would take is refused here too, saying why.
 */
final class StartupChecks {
  static final Path SYSTEMD_RUNNING = Path.of("/run/systemd/system");

  private StartupChecks() {}

  static void check(DaemonOptions options) throws StartupException {
    cgroupDriver(options.execOpts().getOrDefault("native.cgroupdriver", ""), Files.isDirectory(SYSTEMD_RUNNING));
    storageOptions(options.storageDriver(), options.storageOpts(), options.dataRoot());
  }

  static void cgroupDriver(String driver, boolean systemdRunning) throws StartupException {
    switch (driver) {
      case "", "cgroupfs" -> { }
      case "systemd" -> {
        if (!systemdRunning) {
          throw new StartupException("failed to start daemon: native.cgroupdriver option systemd not supported:"
              + " systemd not running on this host, cannot use systemd cgroups manager");
        }
        throw new StartupException("berth does not support the following directives yet: exec-opts (native.cgroupdriver=systemd)");
      }
      case "none" -> throw new StartupException(
          "failed to start daemon: native.cgroupdriver option none is internally used and cannot be specified manually");
      default -> throw new StartupException("failed to start daemon: native.cgroupdriver option " + driver + " not supported");
    }
  }

  static void storageOptions(String configured, List<String> options, Path dataRoot) throws StartupException {
    if (options.isEmpty()) {
      return;
    }
    String driver = configured.isEmpty() ? priorDriver(dataRoot) : configured;
    String problem = switch (driver) {
      case "overlay2" -> overlay2(options, dataRoot);
      case "vfs" -> vfs(options);
      default -> null; // an unknown driver is refused when the engine opens it
    };
    if (problem != null) {
      throw new StartupException("failed to start daemon: error initializing graphdriver: " + problem
          + (configured.isEmpty() ? "" : ": " + configured));
    }
  }

  /** graphdriver.New without a name: a driver whose directory exists, else overlay2, the first of the priority list. */
  private static String priorDriver(Path dataRoot) {
    return !Files.isDirectory(dataRoot.resolve("overlay2")) && Files.isDirectory(dataRoot.resolve("vfs")) ? "vfs" : "overlay2";
  }

  private static String overlay2(List<String> options, Path dataRoot) {
    long size = 0;
    for (String option : options) {
      String[] kv = keyValue(option);
      if (kv == null) {
        return "unable to parse storage-opt key/value: " + option;
      }
      String key = kv[0].toLowerCase(Locale.ROOT);
      if (!key.equals("overlay2.size")) {
        return "overlay2: unknown option " + key;
      }
      try {
        size = Units.ramInBytes(kv[1]);
      } catch (RuntimeException e) {
        return "invalid size: '" + kv[1] + "'";
      }
    }
    if (size > 0) {
      Path home = Files.isDirectory(dataRoot.resolve("overlay2")) ? dataRoot.resolve("overlay2") : dataRoot;
      String fs = backingFs(home);
      if (!fs.equals("xfs")) {
        return "Storage Option overlay2.size only supported for backingFS XFS. Found " + fs;
      }
      return "berth does not support the storage option overlay2.size yet (project quotas)";
    }
    return null;
  }

  private static String vfs(List<String> options) {
    for (String option : options) {
      String[] kv = keyValue(option);
      if (kv == null) {
        return "unable to parse storage-opt key/value: " + option;
      }
      switch (kv[0]) {
        case "size" -> {
          try {
            if (Units.ramInBytes(kv[1]) > 0) {
              return "Filesystem does not support, or has not enabled quotas";
            }
          } catch (RuntimeException e) {
            return "invalid size: '" + kv[1] + "'";
          }
        }
        case "vfs.xattrs" -> {
          if (!kv[1].equals("i_want_broken_containers")) {
            return "do not set the vfs.xattrs option unless you are willing to accept the consequences";
          }
          return "berth does not support the storage option vfs.xattrs yet";
        }
        default -> {
          return "unknown option " + kv[0] + " for vfs";
        }
      }
    }
    return null;
  }

  /** graphdriver.ParseStorageOptKeyValue. */
  private static String[] keyValue(String option) {
    int eq = option.indexOf('=');
    return eq < 0 ? null : new String[] {option.substring(0, eq).strip(), option.substring(eq + 1).strip()};
  }

  /** The file system under {@code path} as moby's fstype names it. */
  static String backingFs(Path path) {
    try {
      String type = Files.getFileStore(path).type();
      return switch (type) {
        case "ext2", "ext3", "ext4" -> "extfs";
        case "overlay" -> "overlayfs";
        default -> type;
      };
    } catch (IOException e) {
      return "<unknown>";
    }
  }
}
