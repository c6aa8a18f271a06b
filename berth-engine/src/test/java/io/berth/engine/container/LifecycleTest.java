package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.BerthException;
import io.berth.engine.fake.FakeRuntimes;
import io.berth.engine.container.config.Resources;
import io.berth.engine.container.config.UpdateRequest;
import io.berth.runtime.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The engine's decisions about a container's life, against fake runtimes and a fake network (no root). */
class LifecycleTest {
  @AutoClose
  private final EngineHarness h;

  LifecycleTest() throws IOException {
    h = new EngineHarness();
  }

  @Test
  void startRunsTheContainerOnTheBridgeWithItsOwnFiles() throws Exception {
    Container c = h.create("{\"Image\":\"test\",\"Hostname\":\"web\",\"HostConfig\":{\"ExtraHosts\":[\"db:10.1.2.3\","
        + "\"gw:host-gateway\"],\"Dns\":[\"9.9.9.9\"],\"DnsSearch\":[\"example.org\"]},"
        + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"bridge\":{\"MacAddress\":\"02:00:00:00:00:2a\"}}}}");
    assertEquals("created", c.state().status());
    h.lifecycle().start(c.id());
    Container running = h.get(c.id());
    assertEquals("running", running.state().status());
    assertTrue(running.state().pid() > 0);
    assertEquals(FakeRuntimes.Status.RUNNING, h.runtimes.status(c.id()));
    assertEquals("02:00:00:00:00:2a", running.network().networks().get("bridge").macAddress(), "--mac-address reaches the interface");
    assertEquals(running.network().ipAddress("bridge"), h.network.endpoints.get(c.id()).ipAddress());
    String hosts = Files.readString(h.engine.containers().containerDir(c.id()).resolve("hosts"));
    assertTrue(hosts.contains("10.1.2.3\tdb\n") && hosts.contains("10.99.0.1\tgw\n"), hosts);
    assertTrue(hosts.contains(running.network().ipAddress("bridge") + "\tweb\n"), hosts);
    String resolv = Files.readString(h.engine.containers().containerDir(c.id()).resolve("resolv.conf"));
    assertEquals("search example.org\nnameserver 9.9.9.9\n", resolv);
    assertThrows(BerthException.NotModified.class, () -> h.lifecycle().start(c.id()));
  }

  @Test
  void aFailedStartUndoesItselfAndRecordsTheError() throws Exception {
    Container c = h.create("{\"Image\":\"test\"}");
    h.runtimes.failCreate = "exec: \"sh\": executable file not found in $PATH";
    assertThrows(RuntimeException.class, () -> h.lifecycle().start(c.id()));
    Container after = h.get(c.id());
    assertEquals("created", after.state().status());
    assertEquals(127, after.state().exitCode());
    assertTrue(after.state().error().contains("executable file not found"), after.state().error());
    assertTrue(h.network.endpoints.isEmpty());
    assertNull(h.runtimes.status(c.id()));
  }

  @Test
  void stopSignalsAndRecordsTheExit() throws Exception {
    Container c = started("{\"Image\":\"test\"}");
    h.lifecycle().stop(c.id(), null, null);
    Container after = h.get(c.id());
    assertEquals("exited", after.state().status());
    assertEquals(128 + Signals.SIGTERM, after.state().exitCode());
    assertTrue(after.state().manuallyStopped());
    assertTrue(h.network.endpoints.isEmpty(), "endpoint released");
    assertNull(h.runtimes.status(c.id()), "runtime state deleted");
    assertThrows(BerthException.NotModified.class, () -> h.lifecycle().stop(c.id(), null, null));
  }

  @Test
  void killReturnsOnlyOnceTheExitIsRecorded() throws Exception {
    Container c = started("{\"Image\":\"test\"}");
    h.runtimes.exitDelayMillis = 200;
    h.lifecycle().kill(c.id(), null);
    Container after = h.get(c.id());
    assertFalse(after.state().running(), "inspect right after kill shows it stopped");
    assertEquals(137, after.state().exitCode());
    h.lifecycle().remove(c.id(), false); // and rm right after succeeds
    assertEquals(0, h.lifecycle().waiters().pending());
  }

  @Test
  void killWithAnotherSignalDoesNotWait() throws Exception {
    Container c = started("{\"Image\":\"test\"}");
    h.lifecycle().kill(c.id(), "SIGUSR1");
    assertTrue(h.get(c.id()).state().running());
    assertEquals(0, h.lifecycle().waiters().pending());
    assertThrows(BerthException.NotFound.class, () -> h.lifecycle().kill(c.id() + "x", null));
  }

  @Test
  void pauseAndUnpauseTransitions() throws Exception {
    Container c = started("{\"Image\":\"test\"}");
    h.lifecycle().pause(c.id());
    assertEquals("paused", h.get(c.id()).state().status());
    assertThrows(BerthException.Conflict.class, () -> h.lifecycle().pause(c.id()));
    assertThrows(BerthException.Conflict.class, () -> h.lifecycle().start(c.id()));
    assertThrows(BerthException.Conflict.class, () -> h.lifecycle().remove(c.id(), false));
    h.lifecycle().unpause(c.id());
    assertEquals("running", h.get(c.id()).state().status());
    assertThrows(BerthException.Conflict.class, () -> h.lifecycle().unpause(c.id()));
    h.lifecycle().pause(c.id());
    h.lifecycle().remove(c.id(), true); // a paused container is thawed to die
    assertThrows(BerthException.NotFound.class, () -> h.get(c.id()));
  }

  @Test
  void onFailureRestartsWithBackoffUpToItsLimit() throws Exception {
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"on-failure\","
        + "\"MaximumRetryCount\":2}}}");
    long t0 = System.nanoTime();
    h.runtimes.exit(c.id(), 3);
    EngineHarness.await(() -> h.get(c.id()).restartCount() == 1 && h.get(c.id()).state().status().equals("running"),
        "first restart");
    long first = System.nanoTime() - t0;
    t0 = System.nanoTime();
    h.runtimes.exit(c.id(), 3);
    EngineHarness.await(() -> h.get(c.id()).restartCount() == 2 && h.get(c.id()).state().status().equals("running"),
        "second restart");
    long second = System.nanoTime() - t0;
    assertTrue(first >= 100_000_000L && second >= 200_000_000L, "Docker's back-off: 100 ms, then 200 ms: "
        + first / 1_000_000 + " ms, " + second / 1_000_000 + " ms");
    h.runtimes.exit(c.id(), 3);
    EngineHarness.await(() -> h.get(c.id()).state().status().equals("exited"), "exit after the last retry");
    Thread.sleep(500);
    assertEquals("exited", h.get(c.id()).state().status(), "no third restart");
    assertEquals(2, h.get(c.id()).restartCount());
  }

  @Test
  void onFailureLeavesASuccessAlone() throws Exception {
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"on-failure\"}}}");
    h.runtimes.exit(c.id(), 0);
    EngineHarness.await(() -> !h.get(c.id()).state().running(), "exit");
    Thread.sleep(300);
    assertEquals("exited", h.get(c.id()).state().status());
    assertEquals(0, h.get(c.id()).restartCount());
  }

  @Test
  void stoppingAContainerWaitingToRestartCallsTheRestartOff() throws Exception {
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"always\"}}}");
    h.runtimes.exit(c.id(), 0);
    EngineHarness.await(() -> h.get(c.id()).state().status().equals("restarting"), "restarting");
    h.lifecycle().stop(c.id(), null, null);
    Thread.sleep(300);
    assertEquals("exited", h.get(c.id()).state().status());
    assertNull(h.runtimes.status(c.id()));
  }

  /** dockerd: restart's stop is the user's (no policy restart races it) and a start resets RestartCount. */
  @Test
  void aRestartIsTheUsersAndItsStartResetsTheCount() throws Exception {
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"always\"}}}");
    h.runtimes.exit(c.id(), 1);
    EngineHarness.await(() -> h.get(c.id()).restartCount() == 1 && h.get(c.id()).state().status().equals("running"),
        "the policy's restart");
    h.lifecycle().restart(c.id(), 1, null);
    Thread.sleep(400); // a policy restart would be due after 200 ms
    Container after = h.get(c.id());
    assertEquals("running", after.state().status());
    assertEquals(0, after.restartCount());
    assertFalse(after.state().manuallyStopped(), "the policy applies again to the next exit");
  }

  @Test
  void autoRemoveRemovesOnExit() throws Exception {
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"AutoRemove\":true}}");
    exitsAndIsRemoved(c, 5);
  }

  /** dockerd's HasBeenManuallyRestarted: the exit a restart causes does not remove a --rm container. */
  @Test
  void aRestartKeepsAnAutoRemoveContainerAndItsNextExitRemovesIt() throws Exception {
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"AutoRemove\":true}}");
    h.lifecycle().restart(c.id(), 1, null);
    assertEquals("running", h.get(c.id()).state().status());
    assertEquals(FakeRuntimes.Status.RUNNING, h.runtimes.status(c.id()));
    exitsAndIsRemoved(c, 3);
  }

  /** The container exits with code: its waiters for removal hear the code, and it is gone. */
  private void exitsAndIsRemoved(Container c, int code) throws Exception {
    CompletableFuture<Integer> removed = h.lifecycle().waitFor(c.id(), "removed");
    h.runtimes.exit(c.id(), code);
    assertEquals(code, removed.get());
    assertThrows(BerthException.NotFound.class, () -> h.get(c.id()));
  }

  @Test
  void liveRestorePicksUpRunningSettlesExitedAndRemovesExitedAutoRemove() throws Exception {
    Container running = started("{\"Image\":\"test\"}");
    Container exits = started("{\"Image\":\"test\"}");
    Container rm = started("{\"Image\":\"test\",\"HostConfig\":{\"AutoRemove\":true}}");
    Container lost = started("{\"Image\":\"test\"}");
    h.runtimes.watchExits((id, code) -> {}); // berthd is gone: exits go unreported
    h.runtimes.exit(exits.id(), 7);
    h.runtimes.exit(rm.id(), 0);
    h.runtimes.lose(lost.id());
    h.restart();
    assertEquals("running", h.get(running.id()).state().status());
    assertEquals(running.state().startedAt(), h.get(running.id()).state().startedAt());
    assertEquals("exited", h.get(exits.id()).state().status());
    assertEquals(7, h.get(exits.id()).state().exitCode());
    EngineHarness.await(() -> h.engine.containers().store().get(rm.id()).isEmpty(), "--rm container removed");
    assertEquals(137, h.get(lost.id()).state().exitCode());
    assertEquals(java.util.Set.of(running.id()), h.network.lastSweep);
    h.lifecycle().stop(running.id(), null, null); // the picked-up one still answers
    assertEquals(143, h.get(running.id()).state().exitCode());
  }

  @Test
  void restartSweepsWhatTheRuntimesHoldForUnknownContainers() throws Exception {
    h.runtimes.get("").create(new io.berth.runtime.ContainerRuntime.CreateSpec("orphan", java.util.Map.of(),
        false, false, false, null, 0)); // a crash between the runtime's create and the record
    h.restart();
    assertNull(h.runtimes.status("orphan"));
  }

  /** always even when stopped, unless-stopped unless stopped; neither if it never ran (HasBeenStartedBefore). */
  @Test
  void alwaysRestartsAtDaemonStartUnlessStopped() throws Exception {
    String always = "{\"Image\":\"test\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"always\"}}}";
    Container stopped = started(always);
    h.lifecycle().stop(stopped.id(), null, null);
    Container created = h.create(always);
    Container unless = started("{\"Image\":\"test\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"unless-stopped\"}}}");
    h.lifecycle().stop(unless.id(), null, null);
    h.restart();
    EngineHarness.await(() -> h.get(stopped.id()).state().running(), "always starts with the daemon");
    Thread.sleep(200);
    assertEquals("exited", h.get(unless.id()).state().status());
    assertEquals("created", h.get(created.id()).state().status());
  }

  @Test
  void waitersAreDroppedOnceUsedAndWithTheirContainer() throws Exception {
    Container c = started("{\"Image\":\"test\"}");
    CompletableFuture<Integer> next = h.lifecycle().waitFor(c.id(), "next-exit");
    assertEquals(1, h.lifecycle().waiters().pending());
    h.lifecycle().stop(c.id(), null, null);
    assertEquals(143, next.get());
    for (int i = 0; i < 10; i++) {
      assertEquals(143, h.lifecycle().waitFor(c.id(), "not-running").get());
    }
    assertEquals(0, h.lifecycle().waiters().pending(), "waiting on a stopped container registers nothing");
    CompletableFuture<Integer> pending = h.lifecycle().waitFor(c.id(), "next-exit");
    h.lifecycle().remove(c.id(), false);
    assertEquals(143, pending.get(), "a removed container's waiters are told");
    assertEquals(0, h.lifecycle().waiters().pending());
  }

  @Test
  void updateAppliesLimitsToARunningContainerAndRecordsThem() throws Exception {
    Container c = started("{\"Image\":\"test\"}");
    Resources.Builder r = new Resources.Builder();
    r.memory = 64L << 20;
    r.pidsLimit = 50L;
    h.lifecycle().update(c.id(), new UpdateRequest(r.build(), null));
    assertEquals(64L << 20, h.get(c.id()).hostConfig().resources().memory());
    assertEquals(50L, h.get(c.id()).hostConfig().resources().pidsLimit());
    assertTrue(h.runtimes.calls.stream().anyMatch(s -> s.startsWith("update " + c.id()) && s.contains("limit=67108864")),
        h.runtimes.calls.toString());
    Resources.Builder bad = new Resources.Builder();
    bad.kernelMemoryTcp = 1;
    assertThrows(BerthException.InvalidParameter.class, () -> h.lifecycle().update(c.id(),
        new UpdateRequest(bad.build(), null)));
  }

  @Test
  void logDriverNoneKeepsNoLog() throws Exception {
    Container c = started("{\"Image\":\"test\",\"HostConfig\":{\"LogConfig\":{\"Type\":\"none\"}}}");
    assertNull(h.runtimes.held.get(c.id()).logPath);
    var e = assertThrows(BerthException.NotImplemented.class, () -> h.engine.logs().read(c.id(),
        new ContainerLogs.Query(-1, null, null, false), line -> true, () -> true));
    assertEquals("configured logging driver does not support reading", e.getMessage());
  }

  private Container started(String json) throws Exception {
    Container c = h.create(json);
    h.lifecycle().start(c.id());
    return h.get(c.id());
  }
}
