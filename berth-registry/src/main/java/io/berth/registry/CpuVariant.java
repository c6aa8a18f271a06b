package io.berth.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The x86-64 micro-architecture level this CPU reaches (v1 to v4), from /proc/cpuinfo's flags. */
final class CpuVariant {
  private static final Set<String> V2 = Set.of("cx16", "lahf_lm", "popcnt", "sse4_1", "sse4_2", "ssse3");
  private static final Set<String> V3 = Set.of("avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe",
      "xsave");
  private static final Set<String> V4 = Set.of("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl");
  private static volatile String cached;

  private CpuVariant() {}

  static String amd64() {
    String v = cached;
    if (v == null) {
      v = detect();
      cached = v;
    }
    return v;
  }

  private static String detect() {
    Set<String> flags;
    try {
      flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("flags")).findFirst()
          .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))).orElse(Set.of());
    } catch (IOException e) {
      return "v1";
    }
    if (!flags.containsAll(V2)) {
      return "v1";
    }
    if (!flags.containsAll(V3)) {
      return "v2";
    }
    return flags.containsAll(V4) ? "v4" : "v3";
  }
}
