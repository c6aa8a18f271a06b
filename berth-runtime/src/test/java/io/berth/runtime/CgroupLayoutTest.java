package io.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CgroupLayoutTest {
  @Test
  void defaultParentIsBerth() {
    CgroupLayout layout = new CgroupLayout("/", "");
    assertEquals("/berth", layout.parent(""));
    assertEquals("/berth/abc", layout.containerPath(null, "abc"));
  }

  @Test
  void absoluteParentsStayWhereTheyAreCleaned() {
    CgroupLayout layout = new CgroupLayout("/system.slice/berth.service", "");
    assertEquals("/custom/abc", layout.containerPath("/custom/", "abc"));
    assertEquals("/abc", layout.containerPath("/a/..", "abc"));
    assertEquals("/berth/abc", layout.containerPath("", "abc"));
  }

  @Test
  void relativeParentsGoBelowBerthdsHome() {
    CgroupLayout layout = new CgroupLayout("/system.slice/berth.service", "");
    assertEquals("/system.slice/berth.service/nested/abc", layout.containerPath("nested", "abc"));
    assertEquals("/system.slice/berth.service/abc", layout.containerPath("nested/..", "abc"));
    assertEquals("/nested/abc", new CgroupLayout("/", "").containerPath("nested", "abc"));
  }

  @Test
  void theDaemonsParentMayBeRelativeToo() {
    CgroupLayout layout = new CgroupLayout("/user.slice/berth.service", "containers");
    assertEquals("/user.slice/berth.service/containers/abc", layout.containerPath("", "abc"));
    assertEquals("/own/abc", layout.containerPath("/own", "abc"));
  }
}
