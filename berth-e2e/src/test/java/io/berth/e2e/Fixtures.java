package io.berth.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test inputs made locally: the busybox rootfs tarball and the reference engine's archives. */
final class Fixtures {
  private static Path busybox;

  private Fixtures() {}

  /** The busybox rootfs tar from Debian's busybox-static, built once per test run. */
  static synchronized Path busyboxTar() throws IOException {
    if (busybox == null) {
      Path out = Berthd.REPO.resolve("build/busybox-rootfs.tar"); // scripts/test.sh makes it
      Files.createDirectories(out.getParent());
      if (!Files.exists(out)) {
        Berthd.exec(List.of("bash", Berthd.REPO.resolve("scripts/make-busybox-rootfs.sh").toString(), out.toString()),
            Map.of(), null).ok();
      }
      busybox = out;
    }
    return busybox;
  }

  static Path fixture(String name) {
    return Berthd.REPO.resolve("berth-e2e/src/test/resources/fixtures").resolve(name);
  }
}
