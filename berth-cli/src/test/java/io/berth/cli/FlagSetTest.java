package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlagSetTest {
  private final FlagSet flags = new FlagSet();
  private final Flag all = flags.bool("a", "all", "");
  private final Flag quiet = flags.bool("q", "quiet", "");
  private final Flag human = flags.boolDefaultTrue("H", "human", "");
  private final Flag format = flags.string(null, "format", "string", "");
  private final Flag filter = flags.list("f", "filter", "filter", "");

  @Test
  void parsesPflagForms() {
    flags.parse(List.of("-qa", "x", "--format={{.ID}}", "-fdangling=true", "-f", "label=a", "--human=false", "--", "-z"));
    assertTrue(all.isTrue());
    assertTrue(quiet.isTrue());
    assertFalse(human.isTrue());
    assertEquals("{{.ID}}", format.string());
    assertEquals(List.of("dangling=true", "label=a"), filter.list());
    assertEquals(List.of("x", "-z"), flags.args());
  }

  @Test
  void aStringsFlagTakesEachValueAsCsvAsPflagsStringSlice() {
    Flag platforms = flags.list(null, "platform", "strings", "");
    flags.parse(List.of("--platform", "linux/amd64,linux/arm64", "--platform=\"a,b\"", "--platform", "", "-f", "x,y"));
    assertEquals(List.of("linux/amd64", "linux/arm64", "a,b"), platforms.list());
    assertEquals(List.of("x,y"), filter.list(), "a list flag that is not \"strings\" keeps its value whole");
  }

  @Test
  void platformFlagSendsGosJsonOfTheParsedPlatform() {
    assertEquals("{\"architecture\":\"arm64\",\"os\":\"linux\"}", PlatformFlag.json("linux/aarch64", ""));
    assertEquals("{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}", PlatformFlag.json("linux/arm/v7", ""));
    assertEquals("{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}", PlatformFlag.json("linux/arm64/v8", ""),
        "containerd's Parse keeps an explicit v8");
    assertEquals("invalid platform: \"linux/a/b/c\": cannot parse platform specifier: invalid argument",
        assertThrows(CliError.class, () -> PlatformFlag.json("linux/a/b/c", "invalid platform: ")).getMessage());
  }

  @Test
  void defaultsAndHelp() {
    flags.parse(List.of("--help", "-"));
    assertTrue(human.isTrue());
    assertEquals("", format.string());
    assertTrue(flags.helpRequested());
    assertEquals(List.of("-"), flags.args());
  }

  @Test
  void errorsUseCobraWording() {
    assertEquals("unknown flag: --bogus",
        assertThrows(IllegalArgumentException.class, () -> new FlagSetTest().flags.parse(List.of("--bogus=1"))).getMessage());
    assertEquals("unknown shorthand flag: 'z' in -qz",
        assertThrows(IllegalArgumentException.class, () -> new FlagSetTest().flags.parse(List.of("-qz"))).getMessage());
    assertEquals("flag needs an argument: --format",
        assertThrows(IllegalArgumentException.class, () -> new FlagSetTest().flags.parse(List.of("--format"))).getMessage());
    assertEquals("flag needs an argument: 'f' in -f",
        assertThrows(IllegalArgumentException.class, () -> new FlagSetTest().flags.parse(List.of("-f"))).getMessage());
    assertEquals("invalid argument \"maybe\" for \"-a, --all\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax",
        assertThrows(IllegalArgumentException.class, () -> new FlagSetTest().flags.parse(List.of("--all=maybe"))).getMessage());
  }

  @Test
  void stopAtFirstArgumentKeepsTheCommandsFlags() {
    FlagSet flags = new FlagSet().stopAtFirstArgument();
    Flag tty = flags.bool("t", "tty", "");
    flags.parse(java.util.List.of("-t", "img", "-t", "--x"));
    org.junit.jupiter.api.Assertions.assertTrue(tty.isTrue());
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("img", "-t", "--x"), flags.args());
  }

  @Test
  void aliasesAndIntegerFlags() {
    FlagSet flags = new FlagSet();
    Flag network = flags.list(null, "network", "network", "");
    flags.alias("net", network);
    Flag period = flags.integer(null, "cpu-period", "int", "");
    flags.parse(java.util.List.of("--net", "none", "--network=host", "--cpu-period", "+100"));
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("none", "host"), network.list());
    org.junit.jupiter.api.Assertions.assertEquals(100, period.longValue());
    FlagSet other = new FlagSet();
    other.integer(null, "cpu-period", "int", "");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> other.parse(java.util.List.of("--cpu-period", "99999999999999999999")));
    org.junit.jupiter.api.Assertions.assertEquals("invalid argument \"99999999999999999999\" for \"--cpu-period\" flag: "
        + "strconv.ParseInt: parsing \"99999999999999999999\": value out of range", e.getMessage());
  }
}
