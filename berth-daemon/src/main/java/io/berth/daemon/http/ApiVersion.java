package io.berth.daemon.http;

import io.berth.common.BerthException;

/** An Engine API version such as 1.50: compared numerically, component by component. */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
  public static final ApiVersion MIN = new ApiVersion(1, 24);
  public static final ApiVersion MAX = new ApiVersion(1, 50);

  /** Parses {@code 1.50}; a malformed version is an invalid parameter. */
  public static ApiVersion parse(String text) {
    String[] parts = text.split("\\.", -1);
    try {
      if (parts.length == 1) {
        return new ApiVersion(Integer.parseInt(parts[0]), 0);
      }
      if (parts.length == 2) {
        return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new BerthException.InvalidParameter("invalid API version: " + text);
  }

  public boolean isAtLeast(String other) {
    return compareTo(parse(other)) >= 0;
  }

  public boolean isBefore(String other) {
    return compareTo(parse(other)) < 0;
  }

  @Override
  public int compareTo(ApiVersion other) {
    int byMajor = Integer.compare(major, other.major);
    return byMajor != 0 ? byMajor : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
