package io.berth.dockerfile.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.dockerfile.DockerfileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellPatternTest {
  @ParameterizedTest
  @CsvSource(delimiter = '~', value = {"*~^.*", "?~^.", "\\*~^\\*",
      "(()[]{\\}^$.\\*\\?|\\\\~^\\(\\(\\)\\[\\]\\{\\}\\^\\$\\.\\*\\?\\|\\\\"})
  void toRegex(String pattern, String expected) {
    assertEquals(expected, ShellPattern.toRegex(pattern, true, true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\", "\\x", "\\\\\\"})
  void invalidEscapes(String pattern) {
    assertThrows(DockerfileException.class, () -> ShellPattern.toRegex(pattern, true, true));
  }

  @ParameterizedTest
  @CsvSource({"54321, 12345", "🖖🚀👽, 👽🚀🖖"})
  void reverseString(String text, String expected) {
    assertEquals(expected, ShellPattern.reverseString(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '~', value = {"a\\*c~c\\*a", "\\\\\\ab~b\\a\\\\", "ab\\~\\ba", "👽\\🚀🖖~🖖\\🚀👽",
      "\\\\b~b\\\\"})
  void reversePattern(String pattern, String expected) {
    assertEquals(expected, ShellPattern.reversePattern(pattern));
  }

  @Test
  void replaceAllSkipsAnEmptyMatchRightAfterAMatch() {
    assertEquals("x", ShellPattern.replace("*", "abc", "x", true));
    assertEquals("-a-b-", ShellPattern.replace("", "ab", "-", true));
    assertEquals("$-", ShellPattern.goExpand("$$-", "m"));
    assertEquals("[m]", ShellPattern.goExpand("[$0]", "m"));
    assertEquals("[]", ShellPattern.goExpand("[$1]", "m"));
  }
}
