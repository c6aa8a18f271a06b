package io.berth.dockerfile.args;

import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.text.GoText;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCI platform as containerd/platforms parses, normalizes and formats it
 * ({@code linux/amd64}, {@code linux/arm/v7}, {@code x86_64} -> {@code linux/amd64}).
 */
public record Platform(String os, String architecture, String variant, String osVersion) {
  private static final Pattern SPECIFIER = Pattern.compile("^[A-Za-z0-9_.-]+\\z");
  private static final Pattern OS = Pattern.compile("^([A-Za-z0-9_-]+)(?:\\(([A-Za-z0-9_.%-]*)((?:\\+[A-Za-z0-9_.%-]+)*)\\))?\\z");
  private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "hurd",
      "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows", "zos");
  private static final Set<String> KNOWN_ARCH = Set.of("386", "amd64", "amd64p32", "arm", "armbe", "arm64",
      "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32",
      "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm");

  /** The platform berthd runs on (linux and the JVM's architecture in Go's names). */
  public static Platform host() {
    String[] arch = normalizeArch(System.getProperty("os.arch", "amd64"), "");
    return new Platform("linux", arch[0], arch[1], "");
  }

  /** containerd's platforms.Parse, defaults taken from {@code host}. */
  public static Platform parse(String specifier, Platform host) {
    if (specifier.contains("*")) {
      throw invalid(GoText.quote(specifier) + ": wildcards not yet supported");
    }
    String[] parts = specifier.split("/", 4);
    Matcher os = OS.matcher(parts[0]);
    if (!os.find()) {
      throw invalid(GoText.quote(parts[0]) + " is an invalid OS component of " + GoText.quote(specifier)
          + ": OSAndVersion specifier component must match " + GoText.quote(OS.pattern().replace("\\z", "$")));
    }
    for (int i = 1; i < parts.length; i++) {
      if (!SPECIFIER.matcher(parts[i]).find()) {
        throw invalid(GoText.quote(parts[i]) + " is an invalid component of " + GoText.quote(specifier)
            + ": platform specifier component must match " + GoText.quote(SPECIFIER.pattern().replace("\\z", "$")));
      }
    }
    String osName = normalizeOs(os.group(1));
    String osVersion = os.group(2) == null ? "" : os.group(2);
    switch (parts.length) {
      case 1 -> {
        if (KNOWN_OS.contains(osName)) {
          return new Platform(osName, host.architecture(), host.variant(), osVersion);
        }
        String[] arch = normalizeArch(parts[0], "");
        String variant = arch[0].equals("arm") && arch[1].equals("v7") ? "" : arch[1];
        if (KNOWN_ARCH.contains(arch[0])) {
          return new Platform(host.os(), arch[0], variant, "");
        }
        throw invalid(GoText.quote(specifier) + ": unknown operating system or architecture");
      }
      case 2 -> {
        String[] arch = normalizeArch(parts[1], "");
        String variant = arch[0].equals("arm") && arch[1].equals("v7") ? "" : arch[1];
        return new Platform(osName, arch[0], variant, osVersion);
      }
      case 3 -> {
        String[] arch = normalizeArch(parts[1], parts[2]);
        String variant = arch[0].equals("arm64") && arch[1].isEmpty() ? "v8" : arch[1];
        return new Platform(osName, arch[0], variant, osVersion);
      }
      default -> throw invalid(GoText.quote(specifier) + ": cannot parse platform specifier");
    }
  }

  /** containerd's Normalize. */
  public Platform normalize() {
    String[] arch = normalizeArch(architecture, variant);
    return new Platform(normalizeOs(os), arch[0], arch[1], osVersion);
  }

  /** platforms.Format: {@code os/arch[/variant]}. */
  public String format() {
    if (os.isEmpty()) {
      return "unknown";
    }
    StringBuilder out = new StringBuilder(os);
    for (String part : new String[] {architecture, variant}) {
      if (!part.isEmpty()) {
        out.append('/').append(part);
      }
    }
    return out.toString();
  }

  /** platforms.FormatAll: with the OS version in parentheses when there is one. */
  public String formatAll() {
    if (os.isEmpty() || osVersion.isEmpty()) {
      return format();
    }
    return new Platform(os + "(" + osVersion.replace("%", "%25").replace("+", "%2B").replace("(", "%28")
        .replace(")", "%29").replace("/", "%2F") + ")", architecture, variant, "").format();
  }

  private static DockerfileException invalid(String message) {
    return new DockerfileException(message + ": invalid argument");
  }

  private static String normalizeOs(String os) {
    String lower = os.toLowerCase(Locale.ROOT);
    return lower.equals("macos") ? "darwin" : lower;
  }

  static String[] normalizeArch(String arch, String variant) {
    String a = arch.toLowerCase(Locale.ROOT);
    String v = variant.toLowerCase(Locale.ROOT);
    switch (a) {
      case "i386" -> {
        a = "386";
        v = "";
      }
      case "x86_64", "x86-64", "amd64" -> {
        a = "amd64";
        if (v.equals("v1")) {
          v = "";
        }
      }
      case "aarch64", "arm64" -> {
        a = "arm64";
        switch (v) {
          case "8", "v8", "v8.0" -> v = "";
          case "9", "9.0", "v9.0" -> v = "v9";
          default -> {
          }
        }
      }
      case "armhf" -> {
        a = "arm";
        v = "v7";
      }
      case "armel" -> {
        a = "arm";
        v = "v6";
      }
      case "arm" -> {
        switch (v) {
          case "", "7" -> v = "v7";
          case "5", "6", "8" -> v = "v" + v;
          default -> {
          }
        }
      }
      default -> {
      }
    }
    return new String[] {a, v};
  }
}
