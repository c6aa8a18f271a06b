package io.berth.runtime;

import io.berth.common.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one OCI runtime binary against one state directory ({@code --root}): every berthd keeps its own
 * state directory under its exec-root, so daemons running side by side never see each other's
 * containers. Each method runs one short runtime command and throws {@link OciRuntimeException} with
 * the runtime's message when it fails. Container creation goes through conmon ({@link Conmon}), not here.
 */
public final class OciRuntimeClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final OciRuntime runtime;
  private final Path root;

  public OciRuntimeClient(OciRuntime runtime, Path root) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
  }

  public OciRuntime runtime() {
    return runtime;
  }

  /** The runtime's state directory (its {@code --root}). */
  public Path root() {
    return root;
  }

  /** The global arguments every invocation starts with (also handed to conmon as --runtime-arg). */
  List<String> globalArgs() {
    return List.of("--root", root.toString());
  }

  /**
   * Starts a created container (runs the user process) whose init is {@code initPid} (0 if unknown). runc's
   * init is released in-process ({@link RuncStart}); otherwise, and when that cannot be done, the runtime's
   * {@code start} does it and reports why it cannot.
   */
  public void start(String id, int initPid) throws IOException {
    if (runtime.name().equals("runc") && RuncStart.release(root.resolve(id), initPid)) {
      return;
    }
    run(List.of("start", id), null);
  }

  /** Sends a signal (a number; see {@link Signals#parse}) to the container's init process. */
  public void kill(String id, int signal) throws IOException {
    run(List.of("kill", id, Integer.toString(signal)), null);
  }

  /** Sends a signal to every process of the container (runc and crun: {@code kill --all}). */
  public void killAll(String id, int signal) throws IOException {
    run(List.of("kill", "--all", id, Integer.toString(signal)), null);
  }

  /**
   * Deletes the container's runtime state (and its cgroup). With force a running container is killed
   * first, and a container the runtime does not know is not an error.
   */
  public void delete(String id, boolean force) throws IOException {
    if (force && !Files.exists(root.resolve(id))) {
      return; // runc and crun keep a container's state in <root>/<id>: with none, delete --force does nothing
    }
    try {
      run(force ? List.of("delete", "--force", id) : List.of("delete", id), null);
    } catch (OciRuntimeException e) {
      if (!(force && e.containerMissing())) {
        throw e;
      }
    }
  }

  /** The runtime's state of the container; OciRuntimeException.containerMissing() when unknown. */
  public RuntimeState state(String id) throws IOException {
    Command.Result r = run(List.of("state", id), null);
    Map<String, Object> m = Json.object(r.stdout());
    Object pid = m.get("pid");
    Object created = m.get("created");
    Instant createdAt = null;
    if (created instanceof String s && !s.isEmpty()) {
      try {
        createdAt = Instant.parse(s);
      } catch (java.time.format.DateTimeParseException ignored) {
        // crun and runc both write RFC 3339; anything else is left unknown
      }
    }
    return new RuntimeState((String) m.get("id"), (String) m.get("status"),
        pid instanceof Number n ? n.intValue() : 0, (String) m.get("bundle"), createdAt);
  }

  /** Freezes every process of the container (cgroup freezer). */
  public void pause(String id) throws IOException {
    run(List.of("pause", id), null);
  }

  public void resume(String id) throws IOException {
    run(List.of("resume", id), null);
  }

  /**
   * Changes the container's cgroup limits. resourcesJson is an OCI LinuxResources object
   * ({"memory":{"limit":..},"cpu":{"shares":..,"quota":..,"period":..,"cpus":".."},"blockIO":{"weight":..},
   * "pids":{"limit":..}}), passed to {@code update --resources <file>}, which runc and crun both read.
   */
  public void update(String id, String resourcesJson) throws IOException {
    Path file = Files.createTempFile(root, "update-", ".json");
    try {
      Files.writeString(file, resourcesJson, StandardCharsets.UTF_8);
      run(List.of("update", "--resources", file.toString(), id), null);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Ids of the containers in this state directory. */
  public List<String> list() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    Command.Result r = run(List.of("list", "--format", "json"), null);
    String text = r.stdoutText().strip();
    List<String> ids = new ArrayList<>();
    if (text.isEmpty() || text.equals("null")) {
      return ids;
    }
    for (Object o : Json.array(text.getBytes(StandardCharsets.UTF_8))) {
      if (o instanceof Map<?, ?> m && m.get("id") instanceof String s) {
        ids.add(s);
      }
    }
    return ids;
  }

  private Command.Result run(List<String> args, byte[] stdin) throws IOException {
    Files.createDirectories(root);
    List<String> argv = new ArrayList<>();
    argv.add(runtime.path().toString());
    argv.addAll(globalArgs());
    argv.addAll(args);
    Command.Result r = Command.run(argv, stdin, null, TIMEOUT);
    if (r.exitCode() != 0) {
      throw new OciRuntimeException(argv, r.exitCode(), OciRuntimeException.cleanMessage(r.stderr()));
    }
    return r;
  }

  @Override
  public String toString() {
    return runtime.name() + " --root " + root;
  }
}
