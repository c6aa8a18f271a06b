package io.berth.oci;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnvironmentTest {
  @Test
  void processDefaults() {
    assertEquals(List.of("PATH=" + DockerDefaults.PATH, "HOSTNAME=h", "TERM=xterm", "X=1"),
        Environment.forProcess(List.of("X=1"), "h", true));
    assertEquals(List.of("PATH=/bin", "HOSTNAME=h"), Environment.forProcess(List.of("PATH=/bin"), "h", false));
    // a name without '=' unsets a default
    assertEquals(List.of("PATH=" + DockerDefaults.PATH), Environment.forProcess(List.of("HOSTNAME"), "h", false));
  }
}
