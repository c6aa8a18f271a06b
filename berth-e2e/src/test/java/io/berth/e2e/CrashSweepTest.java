package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of berthd while several {@code run -d} are creating and starting containers, then a restart and the
 * removal of every container: no monitor, no runtime state, no bundle, no cgroup and no mount of any
 * container is left, also of those a crash caught between the runtime's create and the container's record.
 */
class CrashSweepTest {
  /** Killed when {@code bundles} containers have reached the runtime (0: at once), at several instants. */
  @ParameterizedTest(name = "killed once {0} of six parallel run -d reached the runtime")
  @ValueSource(ints = {0, 1, 2, 4, 6})
  void nothingIsLeftAfterACrashDuringStarts(int bundles) throws Exception {
    try (Berthd daemon = Berthd.startWithBridge()) {
      daemon.dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-", "busybox").ok();
      daemon.docker("run", "--rm", "busybox", "true").ok(); // the runtime is probed at the first run
      List<CompletableFuture<Result>> runs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        runs.add(CompletableFuture.supplyAsync(() -> daemon.docker("run", "-d", "busybox", "sleep", "300"),
            r -> Thread.ofVirtual().start(r)));
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (bundles(daemon).size() < bundles && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      Set<String> seen = new TreeSet<>(bundles(daemon));
      daemon.kill9();
      runs.forEach(CompletableFuture::join);
      seen.addAll(bundles(daemon)); // whatever a runtime created before the crash
      daemon.restart();
      for (String id : daemon.docker("ps", "-aq", "--no-trunc").ok().out().lines().toList()) {
        seen.add(id);
        daemon.docker("rm", "-f", id).ok();
      }
      assertEquals("", daemon.docker("ps", "-aq").ok().line());
      assertEquals(List.of(), bundles(daemon), "no bundle left under the exec root");
      assertEquals("", Berthd.exec(List.of("runc", "--root", daemon.execRoot.resolve("runtime/runc").toString(),
          "list", "-q"), java.util.Map.of(), null).out().strip(), "runc knows no container");
      assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
          .map(c -> c.contains("conmon") && c.contains(daemon.execRoot.toString())).orElse(false)), "no monitor");
      for (String id : seen) {
        assertEquals(List.of(), cgroupsOf(id), "no cgroup of " + id);
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(id), "no mount of " + id);
      }
      assertTrue(seen.size() >= bundles, "the crash came after " + bundles + " reached the runtime: " + seen);
    }
  }

  private static List<String> bundles(Berthd daemon) throws IOException {
    Path dir = daemon.execRoot.resolve("c");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The container's cgroup directories, in any hierarchy (v1) or the unified one (v2). */
  private static List<String> cgroupsOf(String id) throws IOException {
    List<String> found = new ArrayList<>();
    Path root = Path.of("/sys/fs/cgroup");
    List<Path> hierarchies = new ArrayList<>(List.of(root));
    try (Stream<Path> list = Files.list(root)) {
      list.filter(Files::isDirectory).forEach(hierarchies::add);
    }
    for (Path h : hierarchies) {
      Path dir = h.resolve("berth").resolve(id);
      if (Files.isDirectory(dir)) {
        found.add(dir.toString());
      }
    }
    return found;
  }
}
