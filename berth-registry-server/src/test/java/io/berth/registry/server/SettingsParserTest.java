package io.berth.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `serve`'s flags and --config file: defaults, both sources, and what is refused. */
class SettingsParserTest {
  @TempDir
  Path dir;

  private static String refused(List<String> args) {
    return assertThrows(SettingsException.class, () -> SettingsParser.parse(args)).getMessage();
  }

  @Test
  void defaultsFlagsAndFile() throws Exception {
    Settings defaults = SettingsParser.parse(List.of());
    assertEquals(5000, defaults.addr().getPort());
    assertEquals(Path.of("/var/lib/berth-registry"), defaults.root());
    assertEquals(Duration.ofHours(1), defaults.gcGrace());
    assertEquals(Duration.ZERO, defaults.gcInterval());
    assertNull(SettingsParser.parse(List.of("--help")));

    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"root\": \"/srv/r\", \"gc-interval\": \"1h30m\", \"proxy\": \"http://a:5000,https://b\"}");
    Settings s = SettingsParser.parse(List.of("--addr=127.0.0.1:6000", "--config", config.toString(),
        "--gc-grace", "90s"));
    assertEquals("127.0.0.1", s.addr().getHostString());
    assertEquals(Path.of("/srv/r"), s.root());
    assertEquals(Duration.ofMinutes(90), s.gcInterval());
    assertEquals(Duration.ofSeconds(90), s.gcGrace());
    assertEquals(List.of(URI.create("http://a:5000"), URI.create("https://b")), s.proxies());
    assertEquals(List.of(URI.create("http://x:1"), URI.create("http://y:2")),
        SettingsParser.parse(List.of("--proxy", "http://x:1", "--proxy", "http://y:2")).proxies());
  }

  @Test
  void refusals() throws Exception {
    assertEquals("unknown flag: --bogus", refused(List.of("--bogus")));
    assertEquals("flag needs an argument: --root", refused(List.of("--root")));
    assertEquals("\"berth registry serve\" accepts no arguments.", refused(List.of("extra")));
    assertEquals("invalid address \"nope\": want HOST:PORT", refused(List.of("--addr", "nope")));
    assertEquals("invalid --gc-grace \"5 minutes\": want a duration such as 30s, 5m or 1h30m",
        refused(List.of("--gc-grace", "5 minutes")));
    assertEquals("--tls-cert and --tls-key go together", refused(List.of("--tls-cert", "/c.pem")));
    assertEquals("--access needs --htpasswd: the token service's users and their passwords",
        refused(List.of("--access", "/a")));
    assertEquals("invalid --proxy \"ftp://x\": want http(s)://HOST[:PORT]", refused(List.of("--proxy", "ftp://x")));
    Path config = dir.resolve("c.json");
    Files.writeString(config, "{\"root\": \"/a\", \"colour\": \"red\"}");
    assertEquals("configuration file " + config + ": unknown setting \"colour\"",
        refused(List.of("--config", config.toString())));
    Files.writeString(config, "{\"root\": \"/a\"}");
    assertEquals("the following directives are specified both as a flag and in the configuration file: "
        + "root: (from flag: /b, from file: /a)", refused(List.of("--root", "/b", "--config", config.toString())));
    Files.writeString(config, "{\"gc-grace\": 5}");
    assertEquals("configuration file " + config + ": \"gc-grace\" must be a string",
        refused(List.of("--config", config.toString())));
  }
}
