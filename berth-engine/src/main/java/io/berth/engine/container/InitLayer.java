package io.berth.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Docker's init layer: the mount points and files every container gets (bind-mounted over at
 * start), kept in a layer of their own so that they never show in {@code diff} or {@code commit}.
 */
final class InitLayer {
  private InitLayer() {}

  static void populate(Path dir) throws IOException {
    for (String d : new String[] {"dev/pts", "dev/shm", "proc", "sys", "etc"}) {
      Files.createDirectories(dir.resolve(d));
    }
    for (String f : new String[] {".dockerenv", "etc/hosts", "etc/hostname", "etc/resolv.conf", "dev/console"}) {
      Path p = dir.resolve(f);
      if (!Files.exists(p)) {
        Files.createFile(p);
      }
    }
    Path mtab = dir.resolve("etc/mtab");
    if (!Files.exists(mtab, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(mtab, Path.of("/proc/mounts"));
    }
  }
}
