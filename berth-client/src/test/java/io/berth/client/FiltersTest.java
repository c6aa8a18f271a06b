package io.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FiltersTest {
  @Test
  void encodesLikeDockerFiltersToJson() {
    Filters f = new Filters().addFlag("reference=busybox").addFlag(" Dangling = true ").addFlag("label=a=b")
        .addFlag("reference=alpine");
    assertEquals("{\"dangling\":{\"true\":true},\"label\":{\"a=b\":true},"
        + "\"reference\":{\"alpine\":true,\"busybox\":true}}", f.toJson());
  }

  @Test
  void rejectsFlagWithoutEquals() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Filters().addFlag("foo"));
    assertEquals("bad format of filter (expected name=value)", e.getMessage());
  }

  @Test
  void emptyFlagAddsNothingAndCopyIsIndependent() {
    Filters f = new Filters().addFlag("");
    assertEquals("{}", f.toJson());
    Filters copy = f.copy().add("dangling", "false");
    assertEquals("{}", f.toJson());
    assertEquals("{\"dangling\":{\"false\":true}}", copy.toJson());
  }

  @Test
  void escapesHtmlLikeGo() {
    assertEquals("{\"label\":{\"a\\u003cb\\u0026\":true}}", new Filters().add("label", "a<b&").toJson());
  }
}
