package io.berth.oci;

import java.util.Set;

/** Mount propagation modes by name, as moby's mountPropagationMap knows them. */
final class MountPropagation {
  private static final Set<String> MODES = Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");

  private MountPropagation() {
  }

  static boolean isValid(String mode) {
    return MODES.contains(mode);
  }

  static boolean isShared(String mode) {
    return mode.equals("shared") || mode.equals("rshared");
  }

  static boolean isSlave(String mode) {
    return mode.equals("slave") || mode.equals("rslave");
  }
}
