package io.berth.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {
  @ParameterizedTest
  @CsvSource({
      "linux, x86_64, '', linux, amd64, ''",
      "linux, aarch64, v8, linux, arm64, ''",
      "linux, arm, '', linux, arm, v7",
      "linux, armel, '', linux, arm, v6",
      "linux, i386, v1, linux, 386, ''",
      "macos, amd64, v1, darwin, amd64, ''"})
  void normalizesAsContainerd(String os, String arch, String variant, String nOs, String nArch, String nVariant) {
    assertEquals(new Platform(nOs, nArch, nVariant), new Platform(os, arch, variant).normalize());
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

  @Test
  void acceptsAsDockerdsOnlyPlatformWithFallback() {
    Platform amd64 = new Platform("linux", "amd64", "");
    assertEquals(true, amd64.accepts(new Platform("linux", "x86_64", "")));
    assertEquals(true, amd64.accepts(new Platform("linux", "386", "")), "amd64 runs 386 (containerd's Only)");
    assertEquals(false, amd64.accepts(new Platform("linux", "arm64", "")));
    assertEquals(false, amd64.accepts(new Platform("windows", "amd64", "")));
    assertEquals(false, amd64.accepts(new Platform("linux", "amd64", "v3")), "a newer variant is not run");
    Platform armv6 = new Platform("linux", "arm", "v6");
    assertEquals(true, armv6.accepts(new Platform("linux", "arm", "")), "no variant in the config: the fallback");
    assertEquals(false, armv6.accepts(new Platform("linux", "arm", "v7")));
    assertEquals(true, new Platform("linux", "arm64", "").accepts(new Platform("linux", "arm", "v7")));
  }

  @Test
  void isExactlyAsContainerdsOnlyStrict() {
    assertEquals(true, new Platform("linux", "arm64", "").isExactly(new Platform("linux", "aarch64", "v8")));
    assertEquals(false, new Platform("linux", "amd64", "").isExactly(new Platform("linux", "386", "")));
    assertEquals(false, new Platform("linux", "arm64", "").isExactly(new Platform("linux", "arm", "v7")));
    assertEquals("unknown", new Platform("", "amd64", "").toString());
  }
}
