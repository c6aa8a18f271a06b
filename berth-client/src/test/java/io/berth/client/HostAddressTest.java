package io.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostAddressTest {
  @Test
  void precedenceIsFlagThenBerthHostThenDockerHostThenDefault() {
    Map<String, String> both = Map.of("BERTH_HOST", "unix:///b.sock", "DOCKER_HOST", "unix:///d.sock");
    assertEquals("unix:///f.sock", HostAddress.resolve("unix:///f.sock", both).toString());
    assertEquals("unix:///b.sock", HostAddress.resolve(null, both).toString());
    assertEquals("unix:///d.sock", HostAddress.resolve(null, Map.of("DOCKER_HOST", "unix:///d.sock")).toString());
    assertEquals("unix:///var/run/berth.sock", HostAddress.resolve(null, Map.of()).toString());
    assertEquals("unix:///var/run/berth.sock", HostAddress.resolve("", Map.of("DOCKER_HOST", " ")).toString());
  }

  @Test
  void parsesTcpForms() {
    HostAddress a = HostAddress.parse("tcp://127.0.0.1:2376");
    assertEquals("127.0.0.1", a.host());
    assertEquals(2376, a.port());
    assertEquals(2375, HostAddress.parse("tcp://example.com").port());
    assertEquals("example.com", HostAddress.parse("example.com:99").host());
    HostAddress v6 = HostAddress.parse("tcp://[::1]:2375");
    assertEquals("::1", v6.host());
    assertEquals("tcp://[::1]:2375", v6.toString());
    assertEquals("127.0.0.1:2376", a.hostHeader());
  }

  @Test
  void parsesUnixAndRejectsOtherSchemes() {
    HostAddress u = HostAddress.parse("unix:///tmp/x.sock");
    assertEquals("/tmp/x.sock", u.path());
    assertEquals("api.moby.localhost", u.hostHeader());
    assertThrows(IllegalArgumentException.class, () -> HostAddress.parse("ssh://me@host"));
    assertThrows(IllegalArgumentException.class, () -> HostAddress.parse("tcp://h:notaport"));
  }
}
