package io.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Chooses the OCI runtime by running a trivial container ({@code /bin/busybox true} in a bundle with a
 * static busybox) with each candidate: the first that runs it is the one to use. Installed is not
 * enough: crun 1.8 is installed on hybrid cgroup hosts where it fails every container. Takes a few
 * tens of milliseconds per runtime; the engine calls it once at start.
 */
public final class RuntimeProbe {
  private RuntimeProbe() {
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The chosen runtime, and why each runtime tried before it was rejected (in trial order). */
  public record Selection(OciRuntime runtime, Map<OciRuntime, String> rejected) {
  }

  /** Thrown when no candidate works; failures() says why, per runtime. */
  public static final class NoWorkingRuntimeException extends IOException {
    private final Map<OciRuntime, String> failures;

    public NoWorkingRuntimeException(Map<OciRuntime, String> failures) {
      super(failures.isEmpty() ? "no OCI runtime (runc, crun) is installed"
          : "no OCI runtime works on this host: " + describe(failures));
      this.failures = Map.copyOf(failures);
    }

    public Map<OciRuntime, String> failures() {
      return failures;
    }
  }

  /** pick(candidates, workDir, /bin/busybox). */
  public static Selection pick(List<OciRuntime> candidates, Path workDir) throws IOException {
    return pick(candidates, workDir, MinimalBundle.DEFAULT_BUSYBOX);
  }

  /**
   * Tries candidates in order with a scratch bundle under workDir (removed afterwards) and returns the
   * first that runs a container to a zero exit.
   */
  public static Selection pick(List<OciRuntime> candidates, Path workDir, Path busybox) throws IOException {
    Map<OciRuntime, String> rejected = new LinkedHashMap<>();
    for (OciRuntime candidate : candidates) {
      String failure = probe(candidate, workDir, busybox);
      if (failure == null) {
        return new Selection(candidate, rejected);
      }
      rejected.put(candidate, failure);
    }
    throw new NoWorkingRuntimeException(rejected);
  }

  /** Runs the trivial container with one runtime: null when it works, otherwise the reason it does not. */
  public static String probe(OciRuntime runtime, Path workDir, Path busybox) throws IOException {
    if (!Files.isExecutable(runtime.path())) {
      return runtime.path() + " is not an executable file";
    }
    if (!Files.isRegularFile(busybox)) {
      return "no static busybox at " + busybox + " to build the probe container (install busybox-static)";
    }
    Files.createDirectories(workDir);
    String token = UUID.randomUUID().toString().substring(0, 12);
    String id = "berth-probe-" + token;
    String cgroup = "/berth-probe-" + token;
    Path dir = Files.createTempDirectory(workDir, "probe-" + runtime.name() + "-");
    OciRuntimeClient client = new OciRuntimeClient(runtime, dir.resolve("state"));
    try {
      MinimalBundle.create(dir.resolve("bundle"), busybox, List.of("/bin/busybox", "true"), false, cgroup);
      List<String> argv = new ArrayList<>();
      argv.add(runtime.path().toString());
      argv.addAll(client.globalArgs());
      argv.addAll(List.of("run", "--bundle", dir.resolve("bundle").toString(), id));
      Command.Result r;
      try {
        r = Command.run(argv, null, dir, TIMEOUT);
      } catch (IOException e) {
        return e.getMessage();
      }
      if (r.exitCode() != 0) {
        String message = OciRuntimeException.cleanMessage(r.stderr());
        return "trial container failed (exit " + r.exitCode() + ")" + (message.isEmpty() ? "" : ": " + message);
      }
      return null;
    } finally {
      try {
        client.delete(id, true);
      } catch (IOException ignored) {
        // never created, or already gone
      }
      Cgroups.removeTree(cgroup);
      io.berth.common.AtomicFiles.deleteTree(dir);
    }
  }

  static String describe(Map<OciRuntime, String> failures) {
    StringBuilder sb = new StringBuilder();
    failures.forEach((rt, why) -> {
      if (!sb.isEmpty()) {
        sb.append("; ");
      }
      sb.append(rt.name()).append(" (").append(rt.path()).append("): ").append(why);
    });
    return sb.toString();
  }
}
