package io.berth.registry;

import java.util.ArrayList;
import java.util.List;

/** An image platform (os, architecture, variant), normalized as containerd's platforms package does. */
public record Platform(String os, String architecture, String variant) {

  public Platform {
    os = os == null ? "" : os;
    architecture = architecture == null ? "" : architecture;
    variant = variant == null ? "" : variant;
  }

  /** The host's platform at the highest variant its CPU supports (dockerd's maximumSpec), normalized. */
  public static Platform host() {
    return maximum().normalize();
  }

  /** dockerd's maximumSpec as it names it in messages: not normalized ({@code linux/amd64/v3}, {@code linux/arm64/v8}). */
  public static Platform maximum() {
    String arch = io.berth.common.GoArch.host();
    return new Platform("linux", arch, arch.equals("amd64") ? CpuVariant.amd64() : arch.equals("arm64") ? "v8" : "");
  }

  /** Fills what is missing from the host's platform (dockerd's withDefault). */
  public Platform withDefaults() {
    Platform host = host();
    return new Platform(os.isEmpty() ? host.os : os, architecture.isEmpty() ? host.architecture : architecture,
        architecture.isEmpty() ? host.variant : variant).normalize();
  }

  /** containerd's Normalize: architecture aliases, and a variant that is the default dropped. */
  public Platform normalize() {
    String arch = architecture;
    String v = variant;
    switch (arch) {
      case "i386" -> { arch = "386"; v = ""; }
      case "x86_64", "x86-64", "amd64" -> {
        arch = "amd64";
        if (v.equals("v1")) {
          v = "";
        }
      }
      case "aarch64", "arm64" -> {
        arch = "arm64";
        if (v.equals("8") || v.equals("v8") || v.equals("v8.0")) {
          v = "";
        }
      }
      case "armhf" -> { arch = "arm"; v = "v7"; }
      case "armel" -> { arch = "arm"; v = "v6"; }
      case "arm" -> {
        if (v.isEmpty() || v.equals("7")) {
          v = "v7";
        } else if (v.equals("5") || v.equals("6") || v.equals("8")) {
          v = "v" + v;
        }
      }
      default -> { }
    }
    return new Platform(os.isEmpty() ? "" : os.equals("macos") ? "darwin" : os, arch, v);
  }

  /**
   * The platforms this one runs, best first (containerd's platformVector): amd64/v3 runs v3, v2,
   * v1 and 386; arm/v7 runs v7, v6, v5; arm64 runs arm64 and arm/v8 down.
   */
  public List<Platform> compatible() {
    Platform p = normalize();
    List<Platform> vector = new ArrayList<>();
    vector.add(p);
    switch (p.architecture) {
      case "amd64" -> {
        int version = versionOf(p.variant);
        for (int v = version - 1; v >= 1; v--) {
          vector.add(new Platform(p.os, "amd64", v == 1 ? "" : "v" + v));
        }
        vector.add(new Platform(p.os, "386", ""));
      }
      case "arm" -> {
        for (int v = versionOf(p.variant) - 1; v >= 5; v--) {
          vector.add(new Platform(p.os, "arm", "v" + v));
        }
      }
      case "arm64" -> vector.addAll(new Platform(p.os, "arm", "v8").compatible());
      default -> { }
    }
    return vector;
  }

  private static int versionOf(String variant) {
    try {
      return variant.isEmpty() ? 1 : Integer.parseInt(variant.startsWith("v") ? variant.substring(1) : variant);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The rank of {@code candidate} among what this platform runs; -1 when it does not run it. */
  public int rank(Platform candidate) {
    Platform c = candidate.normalize();
    List<Platform> vector = compatible();
    for (int i = 0; i < vector.size(); i++) {
      Platform p = vector.get(i);
      if (p.os.equals(c.os) && p.architecture.equals(c.architecture) && p.variant.equals(c.variant)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether an image for {@code candidate} is one for this platform, as dockerd's
   * OnlyPlatformWithFallback decides: containerd's Only (this platform or one it runs), or, for a
   * candidate without a variant, the same os and architecture (image configs seldom state a variant).
   */
  public boolean accepts(Platform candidate) {
    if (rank(candidate) >= 0) {
      return true;
    }
    Platform c = candidate.normalize();
    Platform p = normalize();
    return candidate.variant.isEmpty() && p.os.equals(c.os) && p.architecture.equals(c.architecture);
  }

  /** containerd's OnlyStrict: the same platform once both are normalized (save and load pick by it). */
  public boolean isExactly(Platform candidate) {
    return normalize().equals(candidate.normalize());
  }

  /** {@code os/arch[/variant]}, as containerd's FormatAll; {@code unknown} without an os. */
  @Override
  public String toString() {
    return os.isEmpty() ? "unknown" : os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
