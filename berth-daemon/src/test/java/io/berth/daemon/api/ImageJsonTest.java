package io.berth.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Image inspect's legacy ContainerConfig, as dockerd's decode-and-encode of container.Config gives it. */
class ImageJsonTest {
  @Test
  void anImageWithoutContainerConfigGetsTheZeroConfig() {
    Map<String, Object> c = ImageJson.containerConfig(null);
    assertEquals(List.of("Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr", "Tty",
        "OpenStdin", "StdinOnce", "Env", "Cmd", "Image", "Volumes", "WorkingDir", "Entrypoint", "Labels"),
        new ArrayList<>(c.keySet()));
    assertEquals("", c.get("Hostname"));
    assertEquals(false, c.get("Tty"));
    assertEquals(null, c.get("Volumes"));
  }

  @Test
  void storedFieldsAreKeptAndEmptyOmitemptyFieldsDropped() {
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("Cmd", List.of("/bin/sh", "-c", "#(nop) VOLUME [/data]"));
    stored.put("Volumes", Map.of("/data", Map.of()));
    stored.put("ArgsEscaped", false);
    stored.put("OnBuild", List.of());
    stored.put("StopSignal", "SIGQUIT");
    stored.put("Unknown", "dropped as by Go's decoder");
    Map<String, Object> c = ImageJson.containerConfig(stored);
    assertEquals(Map.of("/data", Map.of()), c.get("Volumes"));
    assertEquals("SIGQUIT", c.get("StopSignal"));
    assertEquals(false, c.containsKey("ArgsEscaped") || c.containsKey("OnBuild") || c.containsKey("Unknown"));
  }
}
