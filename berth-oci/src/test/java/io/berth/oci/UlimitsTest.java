package io.berth.oci;

import io.berth.common.BerthException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UlimitsTest {
  private static String error(String value) {
    return assertThrows(BerthException.InvalidParameter.class, () -> Ulimits.parse(value)).getMessage();
  }

  @Test
  void parsesLikeGoUnits() {
    assertEquals(new Ulimit("nofile", 1024, 2048), Ulimits.parse("nofile=1024:2048"));
    assertEquals(new Ulimit("nproc", 512, 512), Ulimits.parse("nproc=512"));
    assertEquals(new Ulimit("core", -1, -1), Ulimits.parse("core=-1"));
    assertEquals(new Ulimit("core", 0, -1), Ulimits.parse("core=0:-1"));
    assertEquals("RLIMIT_NOFILE", Ulimits.parse("nofile=1").rlimitType());
    assertEquals("nofile=1024:2048", Ulimits.parse("nofile=1024:2048").toString());
  }

  @Test
  void dockerErrors() {
    assertEquals("invalid ulimit argument: nofile", error("nofile"));
    assertEquals("invalid ulimit type: foo", error("foo=1"));
    assertEquals("too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`",
        error("nofile=1:2:3"));
    assertEquals("ulimit soft limit must be less than or equal to hard limit: 2048 > 1024",
        error("nofile=2048:1024"));
    assertEquals("ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 10",
        error("nofile=-1:10"));
    assertEquals("strconv.ParseInt: parsing \"abc\": invalid syntax", error("nofile=abc"));
    assertEquals("strconv.ParseInt: parsing \"99999999999999999999\": value out of range",
        error("nofile=99999999999999999999"));
  }

  @Test
  void hostCeiling() {
    Host host = TestHosts.amd64(); // nofile hard 20000, no CAP_SYS_RESOURCE
    assertDoesNotThrow(() -> Ulimits.checkHost(List.of(Ulimits.parse("nofile=1024:20000")), host));
    BerthException above = assertThrows(BerthException.InvalidParameter.class,
        () -> Ulimits.checkHost(List.of(Ulimits.parse("nofile=1024:30000")), host));
    assertEquals("ulimit nofile: hard limit 30000 is above the daemon's hard limit of 20000, which it cannot "
        + "raise without CAP_SYS_RESOURCE", above.getMessage());
    assertThrows(BerthException.InvalidParameter.class,
        () -> Ulimits.checkHost(List.of(Ulimits.parse("nproc=-1")), host));
    assertDoesNotThrow(() -> Ulimits.checkHost(List.of(Ulimits.parse("core=-1")), host), "core hard is unlimited");

    java.util.List<String> caps = new java.util.ArrayList<>(host.daemonCaps());
    caps.add("CAP_SYS_RESOURCE");
    Host privileged = new Host("amd64", host.kernel(), caps, host.rlimits(), host.nrOpen(), host.sysctls(),
        host.devDir());
    assertDoesNotThrow(() -> Ulimits.checkHost(List.of(Ulimits.parse("nofile=1024:30000")), privileged));
    BerthException kernel = assertThrows(BerthException.InvalidParameter.class,
        () -> Ulimits.checkHost(List.of(Ulimits.parse("nofile=2000000")), privileged));
    assertEquals("ulimit nofile: hard limit 2000000 is above the kernel's maximum of 1048576 open files "
        + "(fs.nr_open)", kernel.getMessage());
  }

  @Test
  void mergeWithDaemonDefaults() {
    List<Ulimit> merged = Ulimits.merge(List.of(new Ulimit("nofile", 1, 2)),
        Map.of("nofile", new Ulimit("nofile", 100, 200), "nproc", new Ulimit("nproc", 5, 6)));
    assertEquals(List.of(new Ulimit("nofile", 1, 2), new Ulimit("nproc", 5, 6)), merged);
  }

  @Test
  void currentHostIsReadable() {
    Host host = Host.current();
    assertEquals(Host.goArch(System.getProperty("os.arch")), host.goArch());
    assertEquals(2, host.rlimits().get("nofile").length);
    if (io.berth.sys.Linux.geteuid() == 0) {
      org.junit.jupiter.api.Assertions.assertTrue(host.daemonCaps().contains("CAP_CHOWN"));
    }
  }
}
