package io.berth.dockerfile.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.dockerfile.DockerfileException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BuildKit's shell/lex_test.go: envVarTest, wordsTest and the ProcessWithMatches cases. */
class ShellLexTest {

  private static List<String> lines(String name) throws IOException, URISyntaxException {
    Path path = Path.of(ShellLexTest.class.getResource("/buildkit/" + name).toURI());
    return Files.readAllLines(path, StandardCharsets.UTF_8);
  }

  @Test
  void envVarTest() throws Exception {
    ShellLex lex = new ShellLex('\\');
    EnvGetter env = EnvGetter.fromList(List.of("PWD=/home", "SHELL=bash", "KOREAN=한국어", "NULL="));
    int checked = 0;
    int lineNo = 0;
    for (String raw : lines("envVarTest")) {
      lineNo++;
      if (raw.startsWith("#") || raw.isBlank()) {
        continue;
      }
      String[] parts = raw.trim().split("\\|", -1);
      assertEquals(3, parts.length, "line " + lineNo);
      String platform = parts[0].trim();
      if (platform.equals("W")) {
        continue;
      }
      String source = parts[1].trim();
      String expected = parts[2].trim();
      if (expected.equals("error")) {
        assertThrows(DockerfileException.class, () -> lex.processWord(source, env), "line " + lineNo + ": " + source);
      } else {
        assertEquals(expected, lex.processWord(source, env), "line " + lineNo + ": " + source);
      }
      checked++;
    }
    assertTrue(checked > 200);
  }

  @Test
  void wordsTest() throws Exception {
    // BuildKit's test loops over a second mode (RawQuotes, SkipUnsetEnv) with the file's scanner
    // already exhausted, so only this mode is ever checked
    {
      List<String> env = new ArrayList<>();
      ShellLex lex = new ShellLex('\\');
      int lineNo = 0;
      for (String line : lines("wordsTest")) {
        lineNo++;
        if (line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("ENV ")) {
          env.add(line.substring(3).replaceFirst("^ +", ""));
          continue;
        }
        String[] parts = line.split("\\|", -1);
        assertEquals(2, parts.length, "line " + lineNo);
        String test = parts[0].strip();
        List<String> expected = Arrays.asList(parts[1].replaceFirst("^ +", "").split(",", -1));
        List<String> result;
        try {
          result = lex.processWords(test, EnvGetter.fromList(env));
        } catch (DockerfileException e) {
          result = List.of("error");
        }
        assertEquals(expected, result, "line " + lineNo + ": " + test);
      }
    }
  }

  @Test
  void mandatoryVariables() {
    ShellLex lex = new ShellLex('\\');
    EnvGetter set = EnvGetter.fromList(List.of("VAR=plain", "ARG=x"));
    EnvGetter empty = EnvGetter.fromList(List.of("VAR=", "ARG=x"));
    EnvGetter unset = EnvGetter.fromList(List.of("ARG=x"));
    String noEmpty = "${VAR:?message here$ARG}";
    String noUnset = "${VAR?message here$ARG}";
    assertEquals("plain", lex.processWord(noEmpty, set));
    assertTrue(assertThrows(DockerfileException.class, () -> lex.processWord(noEmpty, empty)).getMessage().contains("message herex"));
    assertTrue(assertThrows(DockerfileException.class, () -> lex.processWord(noEmpty, unset)).getMessage().contains("message herex"));
    assertEquals("plain", lex.processWord(noUnset, set));
    assertEquals("", lex.processWord(noUnset, empty));
    assertEquals("failed to process \"${VAR?message here$ARG}\": VAR: message herex",
        assertThrows(DockerfileException.class, () -> lex.processWord(noUnset, unset)).getMessage());
  }

  static Map<String, String> env(String spec) {
    Map<String, String> m = new LinkedHashMap<>();
    if (spec != null && !spec.isEmpty()) {
      for (String kv : spec.split(";", -1)) {
        int eq = kv.indexOf('=');
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return m;
  }

  static Set<String> names(String spec) {
    return spec.isEmpty() ? Set.of() : Set.of(spec.split(";"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '~', quoteCharacter = '`', value = {
      "x~DUMMY=dummy~x~~",
      "x ${UNUSED}~DUMMY=dummy~`x `~~UNUSED",
      "x ${FOO}~FOO=y~x y~FOO~",
      "${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}~FOO=xxx;BAR=~`xxx  ccc`~FOO;BAR~BAZ",
      "${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}~FOO=xxx;BAR=~xxx bbb ccc~FOO;BAR~BAZ",
      "${FOO:-}~FOO=xxx;BAR=~xxx~FOO~",
      "${FOO:-}~~``~~FOO",
      "${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}~FOO=xxx;BAR=~`aaa bbb `~FOO;BAR~BAZ",
      "${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}~FOO=xxx;BAR=~`aaa  `~FOO;BAR~BAZ",
      "${FOO?aaa}~FOO=xxx;BAR=~xxx~FOO~",
      "${BAR?bbb}~FOO=xxx;BAR=~``~BAR~",
      "${FOO:?aaa}~FOO=xxx;BAR=~xxx~FOO~",
      "${FOO#()[]{\\}^$.\\*\\?|\\\\}~FOO=()[]{}^$.*?|\\x~x~FOO~",
      "${FOO%%\\**}~FOO=xx**~xx~FOO~",
      "${FOO#*x*y}~FOO=xxyy~y~FOO~",
      "${FOO#*}~FOO=xxyy~xxyy~FOO~",
      "${FOO#$BAR}~FOO=xxyy;BAR=x~xyy~FOO;BAR~",
      "${FOO#$BAR}~FOO=xxyy;BAR=~xxyy~FOO;BAR~",
      "${FOO#}~FOO=xxyy~xxyy~FOO~",
      "${FOO##*x}~FOO=xxyy~yy~FOO~",
      "${FOO##}~FOO=xxyy~xxyy~FOO~",
      "${FOO#?\\?}~FOO=???y~?y~FOO~",
      "${ABC:-.}${FOO%x}${ABC:-.}~FOO=xxyy~.xxyy.~FOO~ABC",
      "${FOO%%\\**\\*}~FOO=a***yy*~a~FOO~",
      "${FOO%}~FOO=xxyy~xxyy~FOO~",
      "${FOO%%$BAR}~FOO=xxyy;BAR=~xxyy~FOO;BAR~",
      "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}~FOO=/foo*/*/*.txt;NEEDLE=\\*/~/foo.*/*.txt - /foo..*.txt~FOO;NEEDLE~",
      "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}~FOO=/tmp/tmp/bar.txt;NEEDLE=/tmp~/tmp/bar.txt - /bar.txt~FOO;NEEDLE~",
      "${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}~FOO=/a/foo/b/c.txt;NEEDLE=/?/;REPLACEMENT=/~/foo/b/c.txt - /foo/c.txt~FOO;NEEDLE;REPLACEMENT~",
      "${FOO/$NEEDLE/$REPLACEMENT}~FOO=http://google.de;NEEDLE=http://;REPLACEMENT=https://~https://google.de~FOO;NEEDLE;REPLACEMENT~",
      "${FOO//\\//\\/}~FOO=/tmp/foo.txt~\\/tmp\\/foo.txt~FOO~",
      "${FOO/$BAR/ww}~FOO=xxyy;BAR=~wwxxyy~FOO;BAR~",
      "${FOO///}~FOO=xxyy~xxyy~FOO~",
      "${FOO///}~~``~~FOO",
  })
  void processWithMatches(String input, String envSpec, String expected, String matched, String unmatched) {
    ShellLex.Result r = new ShellLex('\\').process(input, EnvGetter.of(env(envSpec)));
    assertEquals(expected, r.result());
    assertEquals(names(matched == null ? "" : matched), r.matched());
    assertEquals(names(unmatched == null ? "" : unmatched), r.unmatched());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "${BAZ?ccc}|FOO=xxx;BAR=", "${BAR:?bbb}|FOO=xxx;BAR=", "${BAZ:?ccc}|FOO=xxx;BAR=", "${BAZ:?}|FOO=xxx;BAR=",
      "${FOO=aaa}|FOO=xxx;BAR=", "${FOO=:aaa}|FOO=xxx;BAR=", "${FOO=}|", "${FOO:#}|", "${FOO:##}|", "${FOO:%}|",
      "${FOO:%%}|", "${FOO//ww}|FOO=xxyy", "${FOO//}|FOO=xxyy"})
  void processWithMatchesErrors(String input, String envSpec) {
    assertThrows(DockerfileException.class,
        () -> new ShellLex('\\').process(input, EnvGetter.of(env(envSpec == null ? "" : envSpec))));
  }

  @Test
  void platformReleaseName() {
    String release = "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz";
    ShellLex lex = new ShellLex('\\');
    assertEquals("something-v1.2.3.linux-arm-v7.tar.gz", lex.processWord(release,
        EnvGetter.of(Map.of("VERSION", "v1.2.3", "TARGETOS", "linux", "TARGETARCH", "arm", "TARGETVARIANT", "v7"))));
    assertEquals("something-v1.2.3.linux-arm64.tar.gz", lex.processWord(release,
        EnvGetter.of(Map.of("VERSION", "v1.2.3", "TARGETOS", "linux", "TARGETARCH", "arm64", "TARGETVARIANT", ""))));
    assertEquals("something-v1.2.3.linux-arm64.tar.gz", lex.processWord(release,
        EnvGetter.of(Map.of("VERSION", "v1.2.3", "TARGETOS", "linux", "TARGETARCH", "arm64"))));
  }

  @Test
  void lastValueOfAKeyWins() {
    assertEquals("bike", new ShellLex('\\').processWord("$car", EnvGetter.fromList(List.of("foo=bar", "car=hat", "car=bike"))));
    assertEquals("", new ShellLex('\\').processWord("$foo", EnvGetter.fromList(List.of("foo"))));
  }

  @Test
  void backtickEscapeToken() {
    ShellLex lex = new ShellLex('`');
    assertEquals("C:\\path $HOME", lex.processWord("C:\\path `$HOME", EnvGetter.of(Map.of("HOME", "/root"))));
    assertEquals(List.of("a b", "c"), lex.processWords("a` b c", EnvGetter.EMPTY));
  }

  @Test
  void nestedModifierResetsTheWordAroundIt() {
    // BuildKit (since v0.15) shares one words buffer across nesting levels: "pre" is lost
    assertEquals(List.of("80x"), new ShellLex('\\').processWords("pre${P:-80}x", EnvGetter.EMPTY));
    assertEquals("pre80x", new ShellLex('\\').processWord("pre${P:-80}x", EnvGetter.EMPTY));
  }
}
