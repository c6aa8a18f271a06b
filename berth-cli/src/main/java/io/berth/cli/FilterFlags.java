package io.berth.cli;

import io.berth.client.Filters;
import java.util.List;

/** {@code -f/--filter key=value} flags turned into API filters, with cobra's error wording. */
final class FilterFlags {
  private FilterFlags() {}

  static Filters parse(List<String> values, String path) {
    Filters filters = new Filters();
    for (String value : values) {
      try {
        filters.addFlag(value);
      } catch (IllegalArgumentException e) {
        throw new CliError("invalid argument \"" + value + "\" for \"-f, --filter\" flag: " + e.getMessage(), 125, path);
      }
    }
    return filters;
  }
}
