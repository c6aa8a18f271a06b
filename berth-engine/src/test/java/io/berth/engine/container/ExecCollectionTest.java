package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The rounds that drop ended exec sessions, as dockerd's execCommandGC. */
class ExecCollectionTest {
  private static ExecSession session(String id, String container) {
    return new ExecSession(id, container, ExecConfig.from(Map.of("Cmd", List.of("true"))));
  }

  @Test
  void anEndedSessionIsMarkedThenDroppedAtTheNextRound() {
    Map<String, ExecSession> sessions = new ConcurrentHashMap<>();
    ExecSession running = session("running", "c1");
    running.markStarted();
    running.running(11, 12, null);
    ExecSession ended = session("ended", "c1");
    ended.markStarted();
    ended.running(21, 22, null);
    ended.exited(3);
    ExecSession created = session("created", "c1");
    ExecSession orphan = session("orphan", "gone");
    for (ExecSession s : List.of(running, ended, created, orphan)) {
      sessions.put(s.id(), s);
    }
    Set<String> containers = Set.of("c1");

    ExecService.collect(sessions, containers::contains);
    assertEquals(Set.of("running", "ended", "created", "orphan"), sessions.keySet(), "the first round only marks");
    assertEquals(true, ended.inspect().get("CanRemove"));
    assertEquals(false, running.inspect().get("CanRemove"));
    assertEquals(false, created.inspect().get("CanRemove"), "created, not started: still the container's");

    ExecService.collect(sessions, containers::contains);
    assertEquals(Set.of("running", "created"), sessions.keySet());
    running.exited(0);
    ExecService.collect(sessions, containers::contains);
    ExecService.collect(sessions, containers::contains);
    assertTrue(sessions.keySet().equals(Set.of("created")), sessions.keySet().toString());
  }
}
