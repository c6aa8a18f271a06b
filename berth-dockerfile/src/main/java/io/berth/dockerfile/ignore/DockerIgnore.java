package io.berth.dockerfile.ignore;

import io.berth.common.GoPath;
import io.berth.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.List;

/**
 * A .dockerignore file (moby/patternmatcher/ignorefile) and what the two sides of a classic
 * build do with it: the client leaves the Dockerfile and .dockerignore in the context it sends
 * even when they are ignored; the daemon removes them from the context after reading them.
 */
public final class DockerIgnore {
  public static final String FILE_NAME = ".dockerignore";

  private DockerIgnore() {}

  /**
   * ignorefile.ReadAll: a UTF-8 BOM stripped, lines starting with '#' skipped, each pattern
   * trimmed and cleaned, a leading '/' dropped (also after '!').
   */
  public static List<String> readAll(String content) {
    List<String> excludes = new ArrayList<>();
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    String[] lines = text.split("\n", -1);
    int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
    for (int i = 0; i < count; i++) {
      String pattern = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (pattern.startsWith("#")) {
        continue;
      }
      pattern = GoText.trimSpace(pattern);
      if (pattern.isEmpty()) {
        continue;
      }
      boolean invert = pattern.charAt(0) == '!';
      if (invert) {
        pattern = GoText.trimSpace(pattern.substring(1));
      }
      if (!pattern.isEmpty()) {
        pattern = GoPath.clean(pattern);
        if (pattern.length() > 1 && pattern.charAt(0) == '/') {
          pattern = pattern.substring(1);
        }
      }
      excludes.add(invert ? "!" + pattern : pattern);
    }
    return excludes;
  }

  /**
   * The client side (docker/cli TrimBuildFilesFromExcludes): exceptions appended so that the
   * .dockerignore and the Dockerfile (unless it comes from stdin) stay in the context sent.
   */
  public static List<String> trimBuildFilesFromExcludes(List<String> excludes, String dockerfile,
      boolean dockerfileFromStdin) {
    List<String> out = new ArrayList<>(excludes);
    if (PatternMatcher.of(out).matches(FILE_NAME)) {
      out.add("!" + FILE_NAME);
    }
    if (PatternMatcher.of(out).matches(dockerfile) && !dockerfileFromStdin) {
      out.add("!" + dockerfile);
    }
    return out;
  }

  /**
   * The daemon side (removeDockerfile): of .dockerignore and the Dockerfile, those the context's
   * .dockerignore excludes, to be removed from the context once the Dockerfile is read.
   */
  public static List<String> filesToRemove(List<String> excludes, String dockerfilePath) {
    PatternMatcher matcher = PatternMatcher.of(excludes);
    List<String> remove = new ArrayList<>();
    for (String file : List.of(FILE_NAME, dockerfilePath)) {
      if (matcher.matchesOrParentMatches(GoPath.clean(file)) && !GoPath.clean(file).equals(".")) {
        remove.add(file);
      }
    }
    return remove;
  }
}
