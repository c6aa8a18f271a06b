package io.berth.engine.image;

/** The host platform in OCI/Go naming ({@code amd64}, {@code arm64}), for new image configs. */
public final class Platform {
  private Platform() {}

  public static String architecture() {
    return switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      case "arm" -> "arm";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> System.getProperty("os.arch");
    };
  }

  public static String os() {
    return "linux";
  }
}
