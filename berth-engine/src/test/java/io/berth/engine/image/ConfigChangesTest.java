package io.berth.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.BerthException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {

  private static Map<String, Object> apply(String... changes) {
    Map<String, Object> config = ConfigChanges.emptyConfig();
    ConfigChanges.apply(config, List.of(changes));
    return config;
  }

  @Test
  void commandForms() {
    assertEquals(List.of("/bin/sh", "-c", "echo hi"), apply("CMD echo hi").get("Cmd"));
    assertEquals(List.of("echo", "hi"), apply("CMD [\"echo\", \"hi\"]").get("Cmd"));
    assertEquals(List.of("/bin/app"), apply("entrypoint [\"/bin/app\"]").get("Entrypoint"));
  }

  @Test
  void envAndLabels() {
    assertEquals(List.of("A=1", "B=two words", "C=x y"), apply("ENV A=1 B=\"two words\"", "ENV C x y").get("Env"));
    assertEquals(List.of("A=2"), apply("ENV A=1", "ENV A=2").get("Env"));
    assertEquals(Map.of("a", "1", "b c", "d"), apply("LABEL a=1 \"b c\"=d").get("Labels"));
  }

  @Test
  void portsVolumesWorkdirUserSignal() {
    Map<String, Object> c = apply("EXPOSE 80 53/UDP", "VOLUME /data /logs", "WORKDIR /app", "WORKDIR sub",
        "USER nobody", "STOPSIGNAL SIGINT", "ONBUILD RUN echo");
    assertEquals(Map.of("80/tcp", Map.of(), "53/udp", Map.of()), c.get("ExposedPorts"));
    assertEquals(Map.of("/data", Map.of(), "/logs", Map.of()), c.get("Volumes"));
    assertEquals("/app/sub", c.get("WorkingDir"));
    assertEquals("nobody", c.get("User"));
    assertEquals("SIGINT", c.get("StopSignal"));
    assertEquals(List.of("RUN echo"), c.get("OnBuild"));
    assertEquals(List.of("Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr",
        "ExposedPorts", "Tty"), List.copyOf(c.keySet()).subList(0, 8), "Docker's field order");
  }

  @Test
  void invalidChanges() {
    assertEquals("run is not a valid change command",
        assertThrows(BerthException.InvalidParameter.class, () -> apply("RUN echo")).getMessage());
    assertThrows(BerthException.InvalidParameter.class, () -> apply("ENV"));
    assertThrows(BerthException.InvalidParameter.class, () -> apply("ONBUILD ONBUILD RUN x"));
  }
}
