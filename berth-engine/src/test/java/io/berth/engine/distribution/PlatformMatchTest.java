package io.berth.engine.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.common.Digest;
import io.berth.registry.Descriptor;
import io.berth.registry.MediaTypes;
import io.berth.registry.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformMatchTest {
  private static Descriptor entry(char hex, Platform platform) {
    return new Descriptor(MediaTypes.DOCKER_MANIFEST, Digest.parse("sha256:" + String.valueOf(hex).repeat(64)), 1,
        List.of(), platform);
  }

  @Test
  void bestMatchFirstAndForeignEntriesLeftOut() {
    Descriptor v6 = entry('1', new Platform("linux", "arm", "v6"));
    Descriptor v7 = entry('2', new Platform("linux", "arm", "v7"));
    Descriptor amd = entry('3', new Platform("linux", "amd64", ""));
    Descriptor windows = entry('4', new Platform("windows", "arm", "v7"));
    Descriptor any = entry('5', null);
    assertEquals(List.of(v7, v6, any),
        PlatformMatch.filter(List.of(v6, amd, windows, any, v7), new Platform("linux", "arm", "v7")));
    assertEquals(List.of(amd), PlatformMatch.filter(List.of(v6, amd, v7), new Platform("linux", "amd64", "v2")));
    assertEquals(List.of(), PlatformMatch.filter(List.of(v6, amd), new Platform("linux", "s390x", "")));
  }
}
