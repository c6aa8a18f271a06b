package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

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

  @Test
  void errorsUsePflagWording() {
    assertEquals("unknown flag: --bogus",
        assertThrows(DaemonFlags.FlagException.class, () -> DaemonFlags.parse("--bogus")).getMessage());
    assertEquals("unknown shorthand flag: 'x' in -x",
        assertThrows(DaemonFlags.FlagException.class, () -> DaemonFlags.parse("-x")).getMessage());
    assertEquals("flag needs an argument: --data-root",
        assertThrows(DaemonFlags.FlagException.class, () -> DaemonFlags.parse("--data-root")).getMessage());
    assertEquals("flag needs an argument: 'H' in -H",
        assertThrows(DaemonFlags.FlagException.class, () -> DaemonFlags.parse("-H")).getMessage());
    assertEquals("invalid argument \"maybe\" for \"-D, --debug\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax",
        assertThrows(DaemonFlags.FlagException.class, () -> DaemonFlags.parse("--debug=maybe")).getMessage());
    assertEquals("\"berthd\" accepts no arguments",
        assertThrows(DaemonFlags.FlagException.class, () -> DaemonFlags.parse("run")).getMessage());
  }

  @Test
  void usageListsEveryFlag() {
    String usage = DaemonFlags.usage();
    for (DaemonFlags.Spec spec : DaemonFlags.SPECS) {
      assertTrue(usage.contains("--" + spec.name()), spec.name());
    }
  }
}
