package io.berth.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An OCI runtime binary (runc, crun) by name and path. Which one works on a host is decided by
 * {@link RuntimeProbe}, not by which is installed: crun 1.8 refuses hybrid cgroup hosts.
 */
public record OciRuntime(String name, Path path) {
  public OciRuntime {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
  }

  private static final List<String> KNOWN = List.of("runc", "crun");
  private static final List<String> DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
}
