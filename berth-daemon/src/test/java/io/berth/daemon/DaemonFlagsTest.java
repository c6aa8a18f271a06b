package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaemonFlagsTest {
  @Test
  void parsesPflagForms() throws Exception {
    DaemonFlags flags = DaemonFlags.parse("-H", "unix:///a.sock", "--host=tcp://:1", "-Htcp://:2",
        "--data-root", "/d", "-D", "--log-level=warn", "-b", "none", "--live-restore=false");
    assertEquals(List.of("unix:///a.sock", "tcp://:1", "tcp://:2"), flags.list("host"));
    assertEquals("/d", flags.string("data-root"));
    assertTrue(flags.bool("debug"));
    assertEquals("warn", flags.string("log-level"));
    assertEquals("none", flags.string("bridge"));
    assertTrue(flags.isSet("live-restore"));
    assertFalse(flags.bool("live-restore"));
    assertFalse(flags.isSet("exec-root"));
    assertEquals("/run/berth", flags.string("exec-root"));
    assertEquals("/etc/berth/daemon.json", flags.string("config-file"));
  }

  @Test
  void clusteredShorthands() throws Exception {
    DaemonFlags flags = DaemonFlags.parse("-DHunix:///x.sock");
    assertTrue(flags.bool("debug"));
    assertEquals(List.of("unix:///x.sock"), flags.list("host"));
    assertTrue(DaemonFlags.parse("-v").bool("version"));
    assertTrue(DaemonFlags.parse("--help").bool("help"));
  }

  // '|' as the messages hold commas, backquotes for quoting as they hold single quotes
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      --bogus       | unknown flag: --bogus
      -x            | unknown shorthand flag: 'x' in -x
      --data-root   | flag needs an argument: --data-root
      -H            | flag needs an argument: 'H' in -H
      --debug=maybe | invalid argument "maybe" for "-D, --debug" flag: strconv.ParseBool: \
      parsing "maybe": invalid syntax
      run           | "berthd" accepts no arguments
      """)
  void errorsUsePflagWording(String arg, String message) {
    assertEquals(message, assertThrows(DaemonFlags.FlagException.class, () -> DaemonFlags.parse(arg)).getMessage());
  }

  @Test
  void usageListsEveryFlagButTheHiddenOnes() {
    String usage = DaemonFlags.usage(Map.of("HOME", "/home/u"));
    for (DaemonFlags.Spec spec : DaemonFlags.SPECS) {
      assertEquals(!spec.hidden(), usage.contains("--" + spec.name() + " "), spec.name());
    }
    assertTrue(usage.contains("--tlscacert string") && usage.contains("(default \"/home/u/.docker/ca.pem\")"), usage);
    assertTrue(usage.contains("(default 1500)"), usage);
  }

  @Test
  void tlsFilesDefaultToDockersCertPath() throws Exception {
    assertEquals("/certs/key.pem", DaemonFlags.parse(Map.of("DOCKER_CERT_PATH", "/certs"), "-D").string("tlskey"));
    assertEquals("/cfg/cert.pem", DaemonFlags.parse(Map.of("DOCKER_CONFIG", "/cfg", "HOME", "/h"), "-D").string("tlscert"));
    assertEquals("/h/.docker/ca.pem", DaemonFlags.parse(Map.of("HOME", "/h")).string("tlscacert"));
  }

  @Test
  void intFlagsAndDeprecatedFlags() throws Exception {
    assertEquals(1400L, DaemonFlags.parse("--mtu", "1400").given("mtu"));
    assertEquals(1500, Integer.parseInt(DaemonFlags.parse().string("mtu")));
    assertEquals("invalid argument \"big\" for \"--mtu\" flag: strconv.ParseInt: parsing \"big\": invalid syntax",
        assertThrows(DaemonFlags.FlagException.class, () -> DaemonFlags.parse("--mtu=big")).getMessage());
    assertTrue(DaemonFlags.parse().bool("icc"), "icc defaults to true");
    assertEquals(List.of("Flag --restart has been deprecated, Please use a restart policy on docker run"),
        DaemonFlags.parse("--restart=false").warnings());
    assertEquals(List.of("1.1.1.1", "8.8.8.8"), DaemonFlags.parse("--dns", "1.1.1.1,8.8.8.8").list("dns"));
  }
}
