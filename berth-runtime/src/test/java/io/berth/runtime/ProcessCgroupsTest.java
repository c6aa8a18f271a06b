package io.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCgroupsTest {
  private static final List<String> HYBRID_MOUNTS = List.of(
      "30 25 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec - tmpfs tmpfs ro,mode=755",
      "31 30 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw",
      "32 30 0:28 / /sys/fs/cgroup/systemd rw,nosuid - cgroup cgroup rw,xattr,name=systemd",
      "35 30 0:31 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid - cgroup cgroup rw,cpu,cpuacct",
      "36 30 0:32 /inner /sys/fs/cgroup/memory rw,nosuid - cgroup cgroup rw,memory",
      "40 25 0:40 / /mnt/with\\040space rw - cgroup cgroup rw,pids");

  @Test
  void everyHierarchyOfTheProcessThroughTheMountTable() throws Exception {
    List<Path> files = ProcessCgroups.procsFiles(List.of(
        "9:name=systemd:/berth/c1",
        "4:memory:/inner/berth/c1",
        "2:cpu,cpuacct:/berth/c1",
        "7:pids:/berth/c1",
        "5:freezer:/berth/c1", // not mounted here: skipped
        "0::/berth/c1"), ProcessCgroups.mounts(io.berth.sys.MountInfo.parse(HYBRID_MOUNTS)));
    assertEquals(List.of(
        Path.of("/sys/fs/cgroup/systemd/berth/c1/cgroup.procs"),
        Path.of("/sys/fs/cgroup/memory/berth/c1/cgroup.procs"),
        Path.of("/sys/fs/cgroup/cpu,cpuacct/berth/c1/cgroup.procs"),
        Path.of("/mnt/with space/berth/c1/cgroup.procs"),
        Path.of("/sys/fs/cgroup/unified/berth/c1/cgroup.procs")), files);
  }

  @Test
  void pureV2() throws Exception {
    List<Path> files = ProcessCgroups.procsFiles(List.of("0::/berth/c2"), ProcessCgroups.mounts(io.berth.sys.MountInfo.parse(List.of(
        "30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw,nsdelegate"))));
    assertEquals(List.of(Path.of("/sys/fs/cgroup/berth/c2/cgroup.procs")), files);
  }

  @Test
  void thisProcessOnThisHost() throws Exception {
    List<Path> files = ProcessCgroups.procsFiles(ProcessHandle.current().pid());
    for (Path f : files) {
      assertEquals("cgroup.procs", f.getFileName().toString());
      assertEquals(true, java.nio.file.Files.exists(f), f.toString());
    }
  }
}
