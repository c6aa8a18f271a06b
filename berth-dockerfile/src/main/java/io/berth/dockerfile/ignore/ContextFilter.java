package io.berth.dockerfile.ignore;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The .dockerignore filter as moby/go-archive applies it while walking a context in order
 * (a directory before what is in it): each path gets include, exclude, or skip-directory
 * (exclude it and everything under it, because no exception pattern can reach inside).
 * Parent results are reused, so a walk costs one match per pattern and path.
 */
public final class ContextFilter {
  public enum Decision { INCLUDE, EXCLUDE, SKIP_DIRECTORY }

  private final PatternMatcher matcher;
  private final Deque<String> parentDirs = new ArrayDeque<>();
  private final Deque<PatternMatcher.MatchInfo> parentInfo = new ArrayDeque<>();

  public ContextFilter(PatternMatcher matcher) {
    this.matcher = matcher;
  }

  /** The decision for the next path of the walk (slash-separated, relative to the context root). */
  public Decision next(String relPath, boolean directory) {
    while (!parentDirs.isEmpty() && !relPath.startsWith(parentDirs.peekLast() + "/")) {
      parentDirs.removeLast();
      parentInfo.removeLast();
    }
    PatternMatcher.MatchInfo parent = parentInfo.isEmpty() ? PatternMatcher.MatchInfo.NONE : parentInfo.peekLast();
    PatternMatcher.Result result = matcher.matchesUsingParentResults(relPath, parent);
    if (directory) {
      parentDirs.addLast(relPath);
      parentInfo.addLast(result.info());
    }
    if (!result.matched()) {
      return Decision.INCLUDE;
    }
    if (!directory) {
      return Decision.EXCLUDE;
    }
    if (!matcher.exclusions()) {
      return Decision.SKIP_DIRECTORY;
    }
    String dirSlash = relPath + "/";
    for (IgnorePattern p : matcher.patterns()) {
      if (p.exclusion() && (p + "/").startsWith(dirSlash)) {
        return Decision.EXCLUDE; // an exception may match below: walk in, leave the directory out
      }
    }
    return Decision.SKIP_DIRECTORY;
  }
}
