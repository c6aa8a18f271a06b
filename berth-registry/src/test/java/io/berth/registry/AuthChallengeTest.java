package io.berth.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void bearerWithQuotedParameters() {
    List<AuthChallenge> c = AuthChallenge.parse(List.of(
        "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\""));
    assertEquals(1, c.size());
    assertTrue(c.getFirst().bearer());
    assertEquals(Map.of("realm", "https://auth.example/token", "service", "registry.example",
        "scope", "repository:a/b:pull,push"), c.getFirst().parameters());
  }

  @Test
  void severalChallengesSchemesInAnyCaseAndEscapes() {
    List<AuthChallenge> c = AuthChallenge.parse(List.of(
        "BASIC realm=\"say \\\"hi\\\"\", Bearer realm=x,error=insufficient_scope", "Negotiate"));
    assertEquals(List.of("basic", "bearer", "negotiate"), c.stream().map(AuthChallenge::scheme).toList());
    assertEquals("say \"hi\"", c.get(0).parameter("realm"));
    assertEquals("x", c.get(1).parameter("realm"));
    assertEquals("insufficient_scope", c.get(1).parameter("error"));
    assertEquals("", c.get(2).parameter("realm"));
    assertTrue(AuthChallenge.parse(List.of("")).isEmpty());
  }
}
