package io.berth.dockerfile.ignore;

import io.berth.common.GoPath;
import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.List;

/**
 * moby/patternmatcher: .dockerignore patterns in order, later ones overriding earlier ones,
 * {@code !} marking exceptions, {@code **} crossing directories, a directory's match covering
 * what is under it. Paths are slash-separated and relative to the context root.
 */
public final class PatternMatcher {
  private final List<IgnorePattern> patterns;
  private final boolean exclusions;

  private PatternMatcher(List<IgnorePattern> patterns, boolean exclusions) {
    this.patterns = List.copyOf(patterns);
    this.exclusions = exclusions;
  }

  /** patternmatcher.New: blank patterns dropped, each cleaned; DockerfileException on a bad one. */
  public static PatternMatcher of(List<String> patterns) {
    List<IgnorePattern> out = new ArrayList<>();
    boolean exclusions = false;
    for (String raw : patterns) {
      String p = GoText.trimSpace(raw);
      if (p.isEmpty()) {
        continue;
      }
      p = GoPath.clean(p);
      boolean exclusion = false;
      if (p.charAt(0) == '!') {
        if (p.length() == 1) {
          throw new DockerfileException("illegal exclusion pattern: \"!\"");
        }
        exclusion = true;
        p = p.substring(1);
        exclusions = true;
      }
      MatchSyntax.check(p);
      out.add(new IgnorePattern(p, exclusion));
    }
    return new PatternMatcher(out, exclusions);
  }

  /** True if any pattern is an exception ({@code !...}). */
  public boolean exclusions() {
    return exclusions;
  }

  public List<IgnorePattern> patterns() {
    return patterns;
  }

  /**
   * patternmatcher's (deprecated) Matches: only the parent directory at the pattern's own depth
   * is tried. The Docker CLI still uses it to keep the Dockerfile and .dockerignore in the context.
   */
  public boolean matches(String file) {
    String parentPath = GoPath.dir(file);
    String[] parentDirs = parentPath.split("/", -1);
    return evaluate(file, pattern -> !parentPath.equals(".") && pattern.depth() <= parentDirs.length
        && pattern.match(String.join("/", java.util.Arrays.copyOf(parentDirs, pattern.depth()))));
  }

  /** MatchesOrParentMatches: true if the file or any directory above it is excluded. */
  public boolean matchesOrParentMatches(String file) {
    String parentPath = GoPath.dir(file);
    String[] parentDirs = parentPath.split("/", -1);
    return evaluate(file, pattern -> matchesAParent(pattern, parentPath, parentDirs));
  }

  /** Patterns in order, each deciding only when it could change the answer so far. */
  private boolean evaluate(String file, java.util.function.Predicate<IgnorePattern> parentMatches) {
    boolean matched = false;
    for (IgnorePattern pattern : patterns) {
      if (pattern.exclusion() != matched) {
        continue;
      }
      if (pattern.match(file) || parentMatches.test(pattern)) {
        matched = !pattern.exclusion();
      }
    }
    return matched;
  }

  private static boolean matchesAParent(IgnorePattern pattern, String parentPath, String[] parentDirs) {
    if (parentPath.equals(".")) {
      return false;
    }
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parentDirs.length; i++) {
      if (i > 0) {
        prefix.append('/');
      }
      prefix.append(parentDirs[i]);
      if (pattern.match(prefix.toString())) {
        return true;
      }
    }
    return false;
  }

  /** Per-pattern results for a directory, handed to its children (patternmatcher.MatchInfo). */
  public record MatchInfo(boolean[] parentMatched) {
    public static final MatchInfo NONE = new MatchInfo(new boolean[0]);
  }

  /** The answer for one path and what its children need. */
  public record Result(boolean matched, MatchInfo info) {}

  /** MatchesUsingParentResults: as matchesOrParentMatches, reusing the parent directory's results. */
  public Result matchesUsingParentResults(String file, MatchInfo parent) {
    boolean[] parentMatched = parent.parentMatched();
    if (parentMatched.length != 0 && parentMatched.length != patterns.size()) {
      throw new IllegalArgumentException("wrong number of values in parentMatched");
    }
    boolean matched = false;
    boolean[] info = new boolean[patterns.size()];
    for (int i = 0; i < patterns.size(); i++) {
      IgnorePattern pattern = patterns.get(i);
      boolean match = parentMatched.length != 0 && parentMatched[i];
      if (!match) {
        if (pattern.exclusion() != matched) {
          continue;
        }
        match = pattern.match(file);
        if (!match && parentMatched.length == 0) {
          String parentPath = GoPath.dir(file);
          match = matchesAParent(pattern, parentPath, parentPath.split("/", -1));
        }
      }
      info[i] = match;
      if (match) {
        matched = !pattern.exclusion();
      }
    }
    return new Result(matched, new MatchInfo(info));
  }
}
