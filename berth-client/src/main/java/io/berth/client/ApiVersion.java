package io.berth.client;

/** Engine API versions ("1.41") compared numerically, component by component. */
public final class ApiVersion {
  /** The API version this client speaks (the Docker CLI 28.2's default). */
  public static final String DEFAULT = "1.50";

  private ApiVersion() {}

  public static int compare(String a, String b) {
    String[] pa = a.split("\\.");
    String[] pb = b.split("\\.");
    for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
      int x = i < pa.length ? parse(pa[i]) : 0;
      int y = i < pb.length ? parse(pb[i]) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  /** What to use against a server announcing {@code server}: the lower of it and ours. */
  public static String negotiate(String server) {
    if (server == null || server.isBlank()) {
      return DEFAULT;
    }
    return compare(server, DEFAULT) < 0 ? server : DEFAULT;
  }

  private static int parse(String part) {
    try {
      return Integer.parseInt(part);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
