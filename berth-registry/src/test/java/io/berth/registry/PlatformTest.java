package io.berth.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformTest {
  @Test
  void parsesAndNormalizesAsContainerd() {
    assertEquals(new Platform("linux", "amd64", ""), Platform.parse("linux/x86_64"));
    assertEquals(new Platform("linux", "arm64", ""), Platform.parse("linux/aarch64/v8"));
    assertEquals(new Platform("linux", "arm", "v7"), Platform.parse("linux/arm"));
    assertEquals(new Platform("linux", "arm", "v6"), Platform.parse("linux/armel"));
    assertEquals(new Platform("linux", "386", ""), Platform.parse("i386"));
    assertEquals(new Platform("darwin", "amd64", ""), Platform.parse("macos/amd64"));
    assertEquals("\"linux/am d64\": invalid platform specifier",
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux/am d64")).getMessage());
    assertEquals("\"a/b/c/d\": cannot parse platform specifier",
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("a/b/c/d")).getMessage());
  }

  @Test
  void compatibleVectorsAndRanks() {
    assertEquals(List.of(new Platform("linux", "amd64", "v3"), new Platform("linux", "amd64", "v2"),
        new Platform("linux", "amd64", ""), new Platform("linux", "386", "")),
        new Platform("linux", "amd64", "v3").compatible());
    Platform arm64 = new Platform("linux", "arm64", "");
    assertEquals(0, arm64.rank(new Platform("linux", "aarch64", "")));
    assertEquals(2, arm64.rank(new Platform("linux", "arm", "v7")));
    assertEquals(-1, arm64.rank(new Platform("linux", "amd64", "")));
    assertEquals(-1, new Platform("linux", "arm", "v6").rank(new Platform("linux", "arm", "v7")), "no newer variant");
    assertEquals("linux/arm/v7", new Platform("linux", "arm", "v7").toString());
  }
}
