package io.berth.engine.image;

/** The host platform in OCI/Go naming ({@code amd64}, {@code arm64}), for new image configs. */
public final class HostPlatform {
  private HostPlatform() {}

  public static String architecture() {
    return io.berth.common.GoArch.host();
  }

  public static String os() {
    return "linux";
  }
}
