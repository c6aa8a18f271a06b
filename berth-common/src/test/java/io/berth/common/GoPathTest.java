package io.berth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GoPathTest {
  /** Go's own table for path.Clean (src/path/path_test.go). */
  @Test
  void cleansAsGoDoes() {
    String[][] cases = {
        {"abc", "abc"}, {"abc/def", "abc/def"}, {"a/b/c", "a/b/c"}, {".", "."}, {"..", ".."},
        {"../..", "../.."}, {"../../abc", "../../abc"}, {"/abc", "/abc"}, {"/", "/"}, {"", "."},
        {"abc/", "abc"}, {"abc/def/", "abc/def"}, {"a/b/c/", "a/b/c"}, {"./", "."}, {"../", ".."},
        {"../../", "../.."}, {"/abc/", "/abc"}, {"abc//def//ghi", "abc/def/ghi"}, {"//abc", "/abc"},
        {"///abc", "/abc"}, {"//abc//", "/abc"}, {"abc//", "abc"}, {"abc/./def", "abc/def"},
        {"/./abc/def", "/abc/def"}, {"abc/.", "abc"}, {"abc/def/ghi/../jkl", "abc/def/jkl"},
        {"abc/def/../ghi/../jkl", "abc/jkl"}, {"abc/def/..", "abc"}, {"abc/def/../..", "."},
        {"/abc/def/../..", "/"}, {"abc/def/../../..", ".."}, {"/abc/def/../../..", "/"},
        {"abc/def/../../../ghi/jkl/../../../mno", "../../mno"}, {"abc/./../def", "def"},
        {"abc//./../def", "def"}, {"abc/../../././../def", "../../def"},
        {".abc/..def/...", ".abc/..def/..."}, {"/.a/b./..c", "/.a/b./..c"},
    };
    for (String[] c : cases) {
      assertEquals(c[1], GoPath.clean(c[0]), "clean(\"" + c[0] + "\")");
    }
  }

  /** Paths already clean are given back as they are, others rebuilt: the answers agree with Go's own code. */
  @Test
  void agreesWithGosAlgorithmOnRandomPaths() {
    Random random = new Random(7);
    char[] alphabet = {'a', '.', '/', '/'};
    for (int i = 0; i < 200_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(9);
      for (int j = 0; j < len; j++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String path = sb.toString();
      assertEquals(goClean(path), GoPath.clean(path), "clean(\"" + path + "\")");
    }
  }

  /** Go's path.Clean as written (src/path/path.go): one pass with a write index, no splitting. */
  private static String goClean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    int n = path.length();
    StringBuilder out = new StringBuilder();
    int r = 0;
    int dotdot = 0;
    if (rooted) {
      out.append('/');
      r = 1;
      dotdot = 1;
    }
    while (r < n) {
      if (path.charAt(r) == '/') {
        r++;
      } else if (path.charAt(r) == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
        r++;
      } else if (path.charAt(r) == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
        r += 2;
        if (out.length() > dotdot) {
          out.setLength(out.length() - 1);
          while (out.length() > dotdot && out.charAt(out.length() - 1) != '/') {
            out.setLength(out.length() - 1);
          }
          if (out.length() > dotdot) {
            out.setLength(out.length() - 1); // Go's w-- stops on the '/', which the next append overwrites
          }
        } else if (!rooted) {
          if (!out.isEmpty()) {
            out.append('/');
          }
          out.append("..");
          dotdot = out.length();
        }
      } else {
        if (rooted && out.length() != 1 || !rooted && !out.isEmpty()) {
          out.append('/');
        }
        for (; r < n && path.charAt(r) != '/'; r++) {
          out.append(path.charAt(r));
        }
      }
    }
    return out.isEmpty() ? "." : out.toString();
  }
}
