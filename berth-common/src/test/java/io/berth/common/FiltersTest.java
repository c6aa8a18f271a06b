package io.berth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {

  @Test
  void modernAndLegacyForms() {
    assertEquals(List.of("true"), Filters.parse("{\"dangling\":[\"true\"]}").get("dangling"));
    assertEquals(List.of("image"), Filters.parse("{\"type\":{\"image\":true}}").get("type"));
    assertTrue(Filters.parse("").values().isEmpty());
  }

  @Test
  void unknownKeyIsRejectedWithDockersWording() {
    var e = assertThrows(BerthException.InvalidParameter.class,
        () -> Filters.parse("{\"foo\":[\"x\"]}").validate(Set.of("dangling")));
    assertEquals("invalid filter 'foo'", e.getMessage());
  }

  @Test
  void malformedJson() {
    assertThrows(BerthException.InvalidParameter.class, () -> Filters.parse("{nope"));
  }

  @Test
  void booleansAndLabels() {
    assertTrue(Filters.parse("{\"dangling\":[\"1\"]}").bool("dangling"));
    assertThrows(BerthException.InvalidParameter.class, () -> Filters.parse("{\"dangling\":[\"maybe\"]}").bool("dangling"));
    assertTrue(Filters.labelsMatch(List.of("a", "b=2"), Map.of("a", "1", "b", "2")));
    assertFalse(Filters.labelsMatch(List.of("b=3"), Map.of("b", "2")));
  }
}
