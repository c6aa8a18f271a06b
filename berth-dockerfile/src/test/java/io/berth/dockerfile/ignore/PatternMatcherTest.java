package io.berth.dockerfile.ignore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.dockerfile.DockerfileException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** moby/patternmatcher's patternmatcher_test.go. */
class PatternMatcherTest {

  /** patternmatcher.Matches (package level): the file cleaned, "." never matched. */
  static boolean matches(String file, List<String> patterns) {
    PatternMatcher pm = PatternMatcher.of(patterns);
    String cleaned = io.berth.common.GoPath.clean(file);
    return !cleaned.equals(".") && pm.matches(cleaned);
  }

  @Test
  void simpleCases() {
    assertTrue(matches("fileutils.go", List.of("*")));
    assertTrue(matches("fileutils.go", List.of("*.go")));
    assertTrue(matches("fileutils.go", List.of("!fileutils.go", "*.go")));
    assertFalse(matches("docs/README.md", List.of("docs", "!docs/README.md")));
    assertFalse(matches("docs/README.md", List.of("docs/", "!docs/README.md")));
    assertFalse(matches("docs/README.md", List.of("docs/*", "!docs/README.md")));
    assertFalse(matches("fileutils.go", List.of("*.go", "!fileutils.go")));
    assertFalse(matches(".", List.of("*.go")));
    assertThrows(DockerfileException.class, () -> matches("fileutils.go", List.of("!")));
    assertFalse(matches("/any/path/there", List.of()));
    assertThrows(DockerfileException.class, () -> matches("/any/path/there", List.of("[")));
  }

  record Case(String pattern, String text, boolean pass) {}

  static final List<Case> CASES = List.of(
      new Case("**", "file", true), new Case("**", "file/", true), new Case("**/", "file", true),
      new Case("**/", "file/", true), new Case("**", "/", true), new Case("**/", "/", true),
      new Case("**", "dir/file", true), new Case("**/", "dir/file", true), new Case("**", "dir/file/", true),
      new Case("**/", "dir/file/", true), new Case("**/**", "dir/file", true), new Case("**/**", "dir/file/", true),
      new Case("dir/**", "dir/file", true), new Case("dir/**", "dir/file/", true),
      new Case("dir/**", "dir/dir2/file", true), new Case("dir/**", "dir/dir2/file/", true),
      new Case("**/dir", "dir", true), new Case("**/dir", "dir/file", true),
      new Case("**/dir2/*", "dir/dir2/file", true), new Case("**/dir2/*", "dir/dir2/file/", true),
      new Case("**/dir2/**", "dir/dir2/dir3/file", true), new Case("**/dir2/**", "dir/dir2/dir3/file/", true),
      new Case("**file", "file", true), new Case("**file", "dir/file", true), new Case("**/file", "dir/file", true),
      new Case("**file", "dir/dir/file", true), new Case("**/file", "dir/dir/file", true),
      new Case("**/file*", "dir/dir/file", true), new Case("**/file*", "dir/dir/file.txt", true),
      new Case("**/file*txt", "dir/dir/file.txt", true), new Case("**/file*.txt", "dir/dir/file.txt", true),
      new Case("**/file*.txt*", "dir/dir/file.txt", true), new Case("**/**/*.txt", "dir/dir/file.txt", true),
      new Case("**/**/*.txt2", "dir/dir/file.txt", false), new Case("**/*.txt", "file.txt", true),
      new Case("**/**/*.txt", "file.txt", true), new Case("a**/*.txt", "a/file.txt", true),
      new Case("a**/*.txt", "a/dir/file.txt", true), new Case("a**/*.txt", "a/dir/dir/file.txt", true),
      new Case("a/*.txt", "a/dir/file.txt", false), new Case("a/*.txt", "a/file.txt", true),
      new Case("a/*.txt**", "a/file.txt", true), new Case("a[b-d]e", "ae", false), new Case("a[b-d]e", "ace", true),
      new Case("a[b-d]e", "aae", false), new Case("a[^b-d]e", "aze", true), new Case(".*", ".foo", true),
      new Case(".*", "foo", false), new Case("abc.def", "abcdef", false), new Case("abc.def", "abc.def", true),
      new Case("abc.def", "abcZdef", false), new Case("abc?def", "abcZdef", true), new Case("abc?def", "abcdef", false),
      new Case("a\\\\", "a\\", true), new Case("**/foo/bar", "foo/bar", true), new Case("**/foo/bar", "dir/foo/bar", true),
      new Case("**/foo/bar", "dir/dir2/foo/bar", true), new Case("abc/**", "abc", false),
      new Case("abc/**", "abc/def", true), new Case("abc/**", "abc/def/ghi", true), new Case("**/.foo", ".foo", true),
      new Case("**/.foo", "bar.foo", false), new Case("a(b)c/def", "a(b)c/def", true),
      new Case("a(b)c/def", "a(b)c/xyz", false), new Case("a.|)$(}+{bc", "a.|)$(}+{bc", true),
      new Case("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
          "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true),
      new Case("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true),
      new Case("a\\*b", "a*b", true));

  record MultiCase(List<String> patterns, String text, boolean pass) {}

  static final List<MultiCase> MULTI = List.of(
      new MultiCase(List.of("**", "!util/docker/web"), "util/docker/web/foo", false),
      new MultiCase(List.of("**", "!util/docker/web", "util/docker/web/foo"), "util/docker/web/foo", true),
      new MultiCase(List.of("**", "!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"),
          "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false),
      new MultiCase(List.of("**", "!dist/*.whl"), "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false));

  static List<MultiCase> all() {
    List<MultiCase> all = new ArrayList<>();
    CASES.forEach(c -> all.add(new MultiCase(List.of(c.pattern()), c.text(), c.pass())));
    all.addAll(MULTI);
    return all;
  }

  @Test
  void matchesOrParentMatches() {
    for (MultiCase c : all()) {
      assertEquals(c.pass(), PatternMatcher.of(c.patterns()).matchesOrParentMatches(c.text()), c.toString());
    }
  }

  @Test
  void matchesUsingParentResults() {
    for (MultiCase c : all()) {
      PatternMatcher pm = PatternMatcher.of(c.patterns());
      String parentPath = io.berth.common.GoPath.dir(c.text());
      PatternMatcher.MatchInfo info = PatternMatcher.MatchInfo.NONE;
      if (!parentPath.equals(".")) {
        String[] dirs = parentPath.split("/", -1);
        for (int i = 0; i < dirs.length; i++) {
          info = pm.matchesUsingParentResults(String.join("/", java.util.Arrays.copyOf(dirs, i + 1)), info).info();
        }
      }
      assertEquals(c.pass(), pm.matchesUsingParentResults(c.text(), info).matched(), c.toString());
      assertEquals(c.pass(), pm.matchesUsingParentResults(c.text(), PatternMatcher.MatchInfo.NONE).matched(), c.toString());
    }
  }

  @Test
  void cleaning() {
    assertEquals(2, PatternMatcher.of(List.of("docs", "config")).patterns().size());
    assertEquals(2, PatternMatcher.of(List.of("docs", "config", "")).patterns().size());
    assertTrue(PatternMatcher.of(List.of("docs", "!docs/README.md")).exclusions());
    assertTrue(PatternMatcher.of(List.of("docs", "  !docs/README.md")).exclusions());
    assertTrue(PatternMatcher.of(List.of("docs", "!docs/README.md  ")).exclusions());
    assertThrows(DockerfileException.class, () -> PatternMatcher.of(List.of("!")));
  }

  record MatchCase(String pattern, String s, boolean match, boolean error) {}

  @Test
  void goFilepathMatchCases() {
    List<MatchCase> cases = List.of(
        new MatchCase("abc", "abc", true, false), new MatchCase("*", "abc", true, false),
        new MatchCase("*c", "abc", true, false), new MatchCase("a*", "a", true, false),
        new MatchCase("a*", "abc", true, false), new MatchCase("a*", "ab/c", true, false),
        new MatchCase("a*/b", "abc/b", true, false), new MatchCase("a*/b", "a/c/b", false, false),
        new MatchCase("a*b*c*d*e*/f", "axbxcxdxe/f", true, false),
        new MatchCase("a*b*c*d*e*/f", "axbxcxdxexxx/f", true, false),
        new MatchCase("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false, false),
        new MatchCase("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false, false),
        new MatchCase("a*b?c*x", "abxbbxdbxebxczzx", true, false), new MatchCase("a*b?c*x", "abxbbxdbxebxczzy", false, false),
        new MatchCase("ab[c]", "abc", true, false), new MatchCase("ab[b-d]", "abc", true, false),
        new MatchCase("ab[e-g]", "abc", false, false), new MatchCase("ab[^c]", "abc", false, false),
        new MatchCase("ab[^b-d]", "abc", false, false), new MatchCase("ab[^e-g]", "abc", true, false),
        new MatchCase("a\\*b", "a*b", true, false), new MatchCase("a\\*b", "ab", false, false),
        new MatchCase("a?b", "a☺b", true, false), new MatchCase("a[^a]b", "a☺b", true, false),
        new MatchCase("a???b", "a☺b", false, false), new MatchCase("a[^a][^a][^a]b", "a☺b", false, false),
        new MatchCase("[a-ζ]*", "α", true, false), new MatchCase("*[a-ζ]", "A", false, false),
        new MatchCase("a?b", "a/b", false, false), new MatchCase("a*b", "a/b", false, false),
        new MatchCase("[\\]a]", "]", true, false), new MatchCase("[\\-]", "-", true, false),
        new MatchCase("[x\\-]", "x", true, false), new MatchCase("[x\\-]", "-", true, false),
        new MatchCase("[x\\-]", "z", false, false), new MatchCase("[\\-x]", "x", true, false),
        new MatchCase("[\\-x]", "-", true, false), new MatchCase("[\\-x]", "a", false, false),
        new MatchCase("[]a]", "]", false, true), new MatchCase("[-]", "-", false, true),
        new MatchCase("[x-]", "x", false, true), new MatchCase("[x-]", "-", false, true),
        new MatchCase("[x-]", "z", false, true), new MatchCase("[-x]", "x", false, true),
        new MatchCase("[-x]", "-", false, true), new MatchCase("[-x]", "a", false, true),
        new MatchCase("\\", "a", false, true), new MatchCase("[a-b-c]", "a", false, true),
        new MatchCase("[", "a", false, true), new MatchCase("[^", "a", false, true),
        new MatchCase("[^bc", "a", false, true), new MatchCase("a[", "a", false, true),
        new MatchCase("a[", "ab", false, true), new MatchCase("*x", "xxx", true, false),
        new MatchCase("[[]", "[", true, false), new MatchCase("[a&&b]", "&", true, false));
    for (MatchCase c : cases) {
      if (c.error()) {
        assertThrows(DockerfileException.class, () -> matches(c.s(), List.of(c.pattern())), c.toString());
      } else {
        assertEquals(c.match(), matches(c.s(), List.of(c.pattern())), c.toString());
      }
    }
  }

  @Test
  void badRangeFailsAtEveryMatch() {
    PatternMatcher pm = PatternMatcher.of(List.of("[Local-Only]/"));
    assertThrows(DockerfileException.class, () -> pm.matchesOrParentMatches("x"));
    assertThrows(DockerfileException.class, () -> pm.matchesOrParentMatches("x"));
  }
}
