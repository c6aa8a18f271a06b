package io.berth.common;

import java.util.Locale;

/** Architectures in Go's GOARCH naming ({@code amd64}, {@code arm64}), as Docker names them everywhere. */
public final class GoArch {
  private GoArch() {}

  /** The JVM's {@code os.arch} as GOARCH. */
  public static String host() {
    return of(System.getProperty("os.arch"));
  }

  /** A Java architecture name as GOARCH; one it does not know stays as it is. */
  public static String of(String javaArch) {
    return switch (javaArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i486", "i586", "i686" -> "386";
      case "arm" -> "arm";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> javaArch;
    };
  }
}
