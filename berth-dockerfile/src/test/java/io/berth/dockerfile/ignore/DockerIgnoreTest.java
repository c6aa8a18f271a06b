package io.berth.dockerfile.ignore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.dockerfile.ignore.ContextFilter.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerIgnoreTest {
  @Test
  void readAll() {
    String content = "test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! ";
    assertEquals(List.of("test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path", "!", "!"),
        DockerIgnore.readAll(content));
    assertEquals(List.of("a", "b/c"), DockerIgnore.readAll("\uFEFFa\r\n./b//c/\r\n"));
    assertEquals(List.of("# not a comment"), DockerIgnore.readAll("  # not a comment\n"));
    assertEquals(List.of(), DockerIgnore.readAll(""));
  }

  @Test
  void clientKeepsDockerfileAndDockerignore() {
    assertEquals(List.of("*", "!.dockerignore", "!Dockerfile"),
        DockerIgnore.trimBuildFilesFromExcludes(List.of("*"), "Dockerfile", false));
    assertEquals(List.of("*", "!.dockerignore"), DockerIgnore.trimBuildFilesFromExcludes(List.of("*"), "Dockerfile", true));
    assertEquals(List.of("*.md"), DockerIgnore.trimBuildFilesFromExcludes(List.of("*.md"), "Dockerfile", false));
    assertEquals(List.of("build", "!build/Dockerfile"),
        DockerIgnore.trimBuildFilesFromExcludes(List.of("build"), "build/Dockerfile", false));
  }

  @Test
  void daemonRemovesExcludedBuildFiles() {
    assertEquals(List.of(".dockerignore", "Dockerfile"), DockerIgnore.filesToRemove(List.of("*"), "Dockerfile"));
    assertEquals(List.of("sub/Dockerfile"), DockerIgnore.filesToRemove(List.of("sub"), "sub/Dockerfile"));
    assertEquals(List.of(), DockerIgnore.filesToRemove(List.of("*.md"), "Dockerfile"));
  }

  @Test
  void walkingAContext() {
    Map<String, Boolean> tree = new LinkedHashMap<>();
    for (String p : List.of("Dockerfile", "docs/", "docs/README.md", "docs/api/", "docs/api/x.md", "node_modules/",
        "node_modules/a/", "node_modules/a/index.js", "src/", "src/main.go", "src/main_test.go", "src/vendor/",
        "src/vendor/x.go")) {
      tree.put(p.endsWith("/") ? p.substring(0, p.length() - 1) : p, p.endsWith("/"));
    }
    List<String> patterns = List.of("node_modules", "docs", "!docs/README.md", "**/*_test.go", "src/vendor");
    ContextFilter filter = new ContextFilter(PatternMatcher.of(patterns));
    List<String> kept = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    String skipping = null;
    for (Map.Entry<String, Boolean> e : tree.entrySet()) {
      if (skipping != null && e.getKey().startsWith(skipping + "/")) {
        continue;
      }
      skipping = null;
      Decision d = filter.next(e.getKey(), e.getValue());
      if (d == Decision.INCLUDE) {
        kept.add(e.getKey());
      } else if (d == Decision.SKIP_DIRECTORY) {
        skipping = e.getKey();
        skipped.add(e.getKey());
      }
    }
    assertEquals(List.of("Dockerfile", "docs/README.md", "src", "src/main.go"), kept);
    assertEquals(List.of("docs/api", "node_modules", "src/vendor"), skipped);
  }
}
