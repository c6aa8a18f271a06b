package io.berth.oci;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Host facts for unit tests: an amd64 6.1 kernel whose daemon lacks CAP_SYS_RESOURCE, like this machine. */
final class TestHosts {
  private TestHosts() {
  }

  static Host amd64() {
    List<String> caps = new ArrayList<>(Capabilities.KNOWN);
    caps.remove("CAP_SYS_RESOURCE");
    return new Host("amd64", new KernelVersion(6, 1, 0), caps,
        Map.of("nofile", new long[]{20000, 20000}, "nproc", new long[]{96365, 96365},
            "core", new long[]{0, -1}),
        1048576, Set.of(DockerDefaults.SYSCTL_PING_GROUP_RANGE, DockerDefaults.SYSCTL_UNPRIVILEGED_PORT_START),
        Path.of("/dev"));
  }

  static Host withArchAndKernel(String arch, KernelVersion kernel) {
    Host h = amd64();
    return new Host(arch, kernel, h.daemonCaps(), h.rlimits(), h.nrOpen(), h.sysctls(), h.devDir());
  }
}
