package io.berth.runtime;

import io.berth.common.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * An OCI bundle holding only a static busybox (Debian's busybox-static) at /bin/busybox with /bin/sh
 * linked to it, and a small config.json: new pid, mount, uts, ipc and network namespaces, /proc, a tmpfs
 * /dev with devpts, and a named cgroup. Used to probe runtimes and by tests.
 */
final class MinimalBundle {
  private MinimalBundle() {
  }

  static final Path DEFAULT_BUSYBOX = Path.of("/bin/busybox");

  /** Creates dir/rootfs and dir/config.json. */
  static void create(Path dir, Path busybox, List<String> args, boolean terminal, String cgroupsPath)
      throws IOException {
    Path bin = dir.resolve("rootfs/bin");
    Files.createDirectories(bin);
    Files.copy(busybox, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    Files.deleteIfExists(bin.resolve("sh"));
    Files.createSymbolicLink(bin.resolve("sh"), Path.of("busybox"));
    Files.createDirectories(dir.resolve("rootfs/proc"));
    Files.createDirectories(dir.resolve("rootfs/dev"));
    Files.createDirectories(dir.resolve("rootfs/tmp"));
    Files.write(dir.resolve("config.json"), Json.bytes(config(args, terminal, cgroupsPath)));
  }

  static Map<String, Object> config(List<String> args, boolean terminal, String cgroupsPath) {
    List<String> caps = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT");
    return Json.map(
        "ociVersion", "1.0.2",
        "process", Json.map(
            "terminal", terminal,
            "user", Json.map("uid", 0, "gid", 0),
            "args", args,
            "env", List.of("PATH=/bin", "TERM=xterm"),
            "cwd", "/",
            "capabilities", Json.map("bounding", caps, "effective", caps, "permitted", caps),
            "noNewPrivileges", true),
        "root", Json.map("path", "rootfs", "readonly", false),
        "hostname", "berth",
        "mounts", List.of(
            Json.map("destination", "/proc", "type", "proc", "source", "proc"),
            Json.map("destination", "/dev", "type", "tmpfs", "source", "tmpfs",
                "options", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
            Json.map("destination", "/dev/pts", "type", "devpts", "source", "devpts",
                "options", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"))),
        "linux", Json.map(
            "cgroupsPath", cgroupsPath,
            "namespaces", List.of(
                Json.map("type", "pid"), Json.map("type", "network"), Json.map("type", "ipc"),
                Json.map("type", "uts"), Json.map("type", "mount")),
            "maskedPaths", List.of("/proc/kcore", "/proc/keys", "/proc/timer_list"),
            "readonlyPaths", List.of("/proc/sys", "/proc/sysrq-trigger")));
  }
}
