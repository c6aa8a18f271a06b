package io.berth.oci;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kernel release as moby's pkg/parsers/kernel reads it: kernel.major.minor, the rest ignored. */
public record KernelVersion(int kernel, int major, int minor) implements Comparable<KernelVersion> {
  private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

  public static KernelVersion parse(String release) {
    Matcher m = RELEASE.matcher(release.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("Can't parse kernel version " + release);
    }
    int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), minor);
  }

  @Override
  public int compareTo(KernelVersion o) {
    int c = Integer.compare(kernel, o.kernel);
    if (c == 0) {
      c = Integer.compare(major, o.major);
    }
    return c != 0 ? c : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return kernel + "." + major + "." + minor;
  }
}
