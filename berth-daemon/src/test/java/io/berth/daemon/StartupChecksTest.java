package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChecksTest {
  @TempDir
  Path dir;

  private String storage(String driver, String... options) {
    return assertThrows(StartupException.class, () -> StartupChecks.storageOptions(driver, List.of(options), dir)).getMessage();
  }

  @Test
  void storageOptionsAreRefusedAsOverlay2AndVfsRefuseThem() throws Exception {
    assertEquals("failed to start daemon: error initializing graphdriver: overlay2: unknown option foo", storage("", "foo=bar"));
    assertEquals("failed to start daemon: error initializing graphdriver: overlay2: unknown option foo: overlay2",
        storage("overlay2", "Foo=bar"));
    assertEquals("failed to start daemon: error initializing graphdriver: unable to parse storage-opt key/value: size",
        storage("", "size"));
    String fs = StartupChecks.backingFs(dir);
    assertEquals("failed to start daemon: error initializing graphdriver: "
        + (fs.equals("xfs") ? "berth does not support the storage option overlay2.size yet (project quotas)"
            : "Storage Option overlay2.size only supported for backingFS XFS. Found " + fs), storage("", "overlay2.size=10G"));
    assertEquals("failed to start daemon: error initializing graphdriver: unknown option overlay2.size for vfs: vfs",
        storage("vfs", "overlay2.size=1G"));
    Files.createDirectories(dir.resolve("vfs"));
    assertEquals("failed to start daemon: error initializing graphdriver: unknown option x for vfs", storage("", "x=1"),
        "a data-root with only vfs state tries vfs first, as dockerd's prior-driver scan does");
    StartupChecks.storageOptions("", List.of(), dir);
  }

  @Test
  void onlyTheCgroupfsDriverIsTaken() throws Exception {
    StartupChecks.cgroupDriver("", false);
    StartupChecks.cgroupDriver("cgroupfs", false);
    assertEquals("failed to start daemon: native.cgroupdriver option systemd not supported: systemd not running on this"
        + " host, cannot use systemd cgroups manager",
        assertThrows(StartupException.class, () -> StartupChecks.cgroupDriver("systemd", false)).getMessage());
    assertEquals("berth does not support the following directives yet: exec-opts (native.cgroupdriver=systemd)",
        assertThrows(StartupException.class, () -> StartupChecks.cgroupDriver("systemd", true)).getMessage());
    assertEquals("failed to start daemon: native.cgroupdriver option fancy not supported",
        assertThrows(StartupException.class, () -> StartupChecks.cgroupDriver("fancy", false)).getMessage());
  }
}
