package io.berth.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class RuntimeProbeTest {
  private static final OciRuntime RUNC = new OciRuntime("runc", Path.of("/usr/sbin/runc"));
  private static final OciRuntime CRUN = new OciRuntime("crun", Path.of("/usr/bin/crun"));

  @Test
  void picksRuncAndExplainsWhyCrunFailsOnThisHybridHost(@TempDir Path work) throws Exception {
    assumeTrue(Files.isExecutable(RUNC.path()) && Files.isExecutable(CRUN.path()), "runc and crun installed");
    assumeTrue(Files.isDirectory(Path.of("/sys/fs/cgroup/unified")), "hybrid cgroup host");

    RuntimeProbe.Selection s = RuntimeProbe.pick(List.of(CRUN, RUNC), work);

    assertEquals(RUNC, s.runtime());
    assertEquals(List.of(CRUN), List.copyOf(s.rejected().keySet()));
    String why = s.rejected().get(CRUN);
    assertTrue(why.contains("cgroups in hybrid mode not supported"), why);
    try (var left = Files.list(work)) {
      assertEquals(0, left.count(), "the probe cleans up its scratch bundles");
    }
    try (var cg = Files.list(Path.of("/sys/fs/cgroup/memory"))) {
      assertTrue(cg.noneMatch(p -> p.getFileName().toString().startsWith("berth-probe-")), "probe cgroups removed");
    }
  }

  @Test
  void runcAloneWorks(@TempDir Path work) throws Exception {
    assumeTrue(Files.isExecutable(RUNC.path()));
    assertEquals(null, RuntimeProbe.probe(RUNC, work, Sandbox.BUSYBOX));
  }

  @Test
  void nothingWorkingIsAnErrorWithEveryReason(@TempDir Path work) {
    OciRuntime missing = new OciRuntime("nope", work.resolve("nope"));
    var e = assertThrows(RuntimeProbe.NoWorkingRuntimeException.class,
        () -> RuntimeProbe.pick(List.of(missing), work));
    assertTrue(e.failures().get(missing).contains("not an executable"), e.getMessage());
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

}
