package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The variables a run gets beside its config (a build's secrets as variables) replace its own. */
class SpecMapperTest {
  @Test
  void variablesGivenForARunReplaceThoseOfTheSameName() {
    List<String> env = List.of("PATH=/bin", "TOK=from-image", "EMPTY", "A=1");
    assertEquals(List.of("PATH=/bin", "EMPTY", "A=1", "TOK=secret"), SpecMapper.overridden(env, List.of("TOK=secret")));
    assertEquals(List.of("PATH=/bin", "TOK=from-image", "A=1", "EMPTY=x"),
        SpecMapper.overridden(env, List.of("EMPTY=x")), "a name without a value is replaced too");
    assertEquals(env, SpecMapper.overridden(env, List.of()));
  }
}
