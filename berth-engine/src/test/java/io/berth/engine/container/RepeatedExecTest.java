package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.engine.events.Event;
import io.berth.engine.events.EventBus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A health check's exec: made once per container start, run as an exec that leaves nothing on disk. */
class RepeatedExecTest {
  private static final String CREATE = "{\"Image\":\"test\",\"Cmd\":[\"sleep\",\"60\"],"
      + "\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],\"Interval\":1000000000}}";

  @Test
  void eventsNameTheCommandAsDockerdDoes() {
    assertEquals("true ", RepeatedExec.commandLine(List.of("true")), "dockerd joins entrypoint and no args with a space");
    assertEquals("sh -c exit 3", RepeatedExec.commandLine(List.of("sh", "-c", "exit 3")));
  }

  @Test
  void thePlanIsKeptForOneInitAndUserDatabase() {
    RepeatedExec exec = new RepeatedExec("c1", ExecConfig.from(java.util.Map.of("Cmd", List.of("true"))));
    assertNull(exec.plan(10, 1, 2), "nothing made yet");
    byte[] plan = {1, 2, 3};
    exec.remember(10, 1, 2, plan);
    assertArrayEquals(plan, exec.plan(10, 1, 2));
    assertNull(exec.plan(11, 1, 2), "a restarted init has other namespaces and cgroups");
    assertNull(exec.plan(10, 5, 2), "a user added to passwd is resolved anew");
    assertNull(exec.plan(10, 1, 5), "a group changed likewise");
  }

  @Test
  void aRunThatCannotStartEndsItsSessionAndLeavesNoFiles() throws Exception {
    try (EngineHarness h = new EngineHarness()) {
      Container c = h.create(CREATE);
      h.lifecycle().start(c.id());
      Container running = h.get(c.id());
      ExecService exec = h.engine.exec();
      RepeatedExec probe = exec.repeated(running, HealthMonitor.probeConfig(running, HealthMonitor.command(running)));
      EventBus.Subscription events = h.engine.events().subscribe();
      assertThrows(IOException.class, () -> exec.startRepeated(probe), "this harness has no berth-exec");
      Event created = events.live().poll();
      assertEquals("exec_create: true ", created.action());
      String execId = created.attributes().get("execID");
      assertEquals(126, exec.get(execId).exitCode(), "inspectable as any exec, ended as one that could not start");
      assertFalse(Files.exists(h.dir.resolve("exec/exec").resolve(execId)), "no session directory");
      assertEquals(List.of(), exec.running(c.id()));
      events.close();
    }
  }
}
