package io.berth.engine.volume;

import io.berth.common.BerthException;
import io.berth.common.Filters;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The filters of {@code volume ls} and {@code volume prune}, as dockerd's volume service reads them. */
final class VolumeFilters {
  static final Set<String> LIST = Set.of("dangling", "name", "driver", "label");
  static final Set<String> PRUNE = Set.of("label", "label!", "all");

  private VolumeFilters() {}

  /** The volumes {@code filters} selects; {@code referenced} tells whether a volume is used by a container. */
  static Predicate<Volume> of(Filters filters, Set<String> accepted, Predicate<Volume> referenced) {
    filters.validate(accepted);
    Predicate<Volume> p = v -> true;
    if (filters.has("driver")) {
      List<String> drivers = filters.get("driver");
      p = p.and(v -> drivers.contains(v.driver()));
    }
    if (filters.has("name")) {
      List<String> names = filters.get("name");
      p = p.and(v -> names.stream().anyMatch(n -> nameMatches(n, v.name())));
    }
    if (filters.has("label")) {
      List<String> labels = filters.get("label");
      p = p.and(v -> Filters.labelsMatch(labels, v.labelMap()));
    }
    if (filters.has("label!")) {
      List<String> labels = filters.get("label!");
      p = p.and(v -> !Filters.labelsMatch(labels, v.labelMap()));
    }
    if (filters.has("dangling")) {
      boolean dangling = filters.bool("dangling");
      p = p.and(v -> referenced.test(v) != dangling);
    }
    return p;
  }

  /** filters.Args.Match: the exact name, or an unanchored regular expression that finds it. */
  private static boolean nameMatches(String wanted, String name) {
    if (wanted.equals(name)) {
      return true;
    }
    try {
      return Pattern.compile(wanted).matcher(name).find();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** Prune: anonymous volumes only, unless {@code all} says otherwise (API 1.42 and later). */
  static boolean pruneAll(Filters filters) {
    List<String> all = filters.get("all");
    if (all.size() > 1) {
      throw new BerthException.InvalidParameter("invalid filter 'all=" + all + "': only one value is expected");
    }
    if (all.isEmpty()) {
      return false;
    }
    return switch (all.getFirst()) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new BerthException.InvalidParameter("invalid filter 'all': strconv.ParseBool: parsing \""
          + all.getFirst() + "\": invalid syntax");
    };
  }
}
