package io.berth.engine.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.sys.Linux;
import org.junit.jupiter.api.Test;

/** A local volume's {@code o=} option split into mount flags and filesystem data, as moby/sys/mount splits it. */
class MountOptionsTest {
  @Test
  void flagsAreTakenOutAndTheRestIsData() {
    assertEquals(new MountOptions(Linux.MS_BIND | Linux.MS_RDONLY, ""), MountOptions.parse("bind,ro"));
    assertEquals(new MountOptions(Linux.MS_NOEXEC, "size=1m,uid=1000"), MountOptions.parse("size=1m,noexec,uid=1000"));
    assertEquals(new MountOptions(0, "addr=10.0.0.1,nfsvers=4"), MountOptions.parse("addr=10.0.0.1,ro,rw,nfsvers=4"),
        "a later rw clears an earlier ro");
    assertEquals(new MountOptions(Linux.MS_BIND | Linux.MS_REC | Linux.MS_SLAVE | Linux.MS_REC, ""),
        MountOptions.parse("rbind,rslave"));
    assertEquals(new MountOptions(0, ""), MountOptions.parse(""));
  }
}
