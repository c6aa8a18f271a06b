package io.berth.runtime;

import io.berth.common.BerthException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignalsTest {
  /** Names with or without SIG, in any case, and numbers. */
  @ParameterizedTest
  @CsvSource({"TERM, 15", "SIGTERM, 15", "sigterm, 15", "9, 9", "KILL, 9", "HUP, 1", "WINCH, 28", "RTMIN, 34",
      "SIGRTMIN+3, 37", "RTMAX-2, 62", "RTMAX, 64", "IOT, 6"})
  void parses(String signal, int number) {
    assertEquals(number, Signals.parse(signal));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65", "NOPE", "SIG", "", "-1", "99999999999"})
  void rejectsWhatDockerRejects(String bad) {
    var e = assertThrows(BerthException.InvalidParameter.class, () -> Signals.parse(bad), bad);
    assertEquals("Invalid signal: " + bad, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"15, SIGTERM", "9, SIGKILL", "35, SIGRTMIN+1", "63, SIGRTMAX-1", "64, SIGRTMAX", "99, SIG99"})
  void namesNumbers(int number, String name) {
    assertEquals(name, Signals.name(number));
  }
}
