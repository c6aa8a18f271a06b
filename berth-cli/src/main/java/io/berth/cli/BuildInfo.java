package io.berth.cli;

/** Build identity, passed by the launcher as system properties (bin/berth reads build/). */
final class BuildInfo {
  private BuildInfo() {}

  static String commit() {
    return System.getProperty("berth.build.commit", "unknown");
  }

  /** The build time in RFC 3339, or empty when unknown. */
  static String time() {
    return System.getProperty("berth.build.time", "");
  }
}
