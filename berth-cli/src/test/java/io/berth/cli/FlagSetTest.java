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
}
