package io.berth.engine.container;

import io.berth.common.GoTime;
import io.berth.engine.container.config.HealthConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Health checks as dockerd's daemon/health.go runs them: one monitor per running, unpaused container with a
 * check (a virtual thread that sleeps between probes), each probe an exec (a {@link RepeatedExec}: exec events
 * and an inspectable session as dockerd's, but prepared once per start and leaving nothing on disk), its
 * output kept up to 4096 bytes, results in State.Health, a
 * {@code health_status} event when the status changes. Results are kept in memory and persisted with the
 * container's next state change, as dockerd does: a restart resumes the probes (live restore).
 */
public final class HealthMonitor implements Lifecycle.HealthChecks {
  private static final System.Logger LOG = System.getLogger(HealthMonitor.class.getName());
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);
  static final int DEFAULT_RETRIES = 3;
  private static final int MAX_OUTPUT = 4096;
  private final ContainerService containers;
  private final ExecService exec;
  private final Map<String, Thread> monitors = new ConcurrentHashMap<>();

  public HealthMonitor(ContainerService containers, ExecService exec) {
    this.containers = containers;
    this.exec = exec;
  }

  /** The check's command, or null when the container has none (no check, or NONE). */
  static List<String> command(Container c) {
    HealthConfig h = c.config().healthcheck();
    if (h == null || h.test() == null || h.test().size() < 2) {
      return null;
    }
    List<String> test = h.test();
    return switch (test.getFirst()) {
      case "CMD" -> test.subList(1, test.size());
      case "CMD-SHELL" -> {
        List<String> cmd = new ArrayList<>(c.config().shell() == null || c.config().shell().isEmpty()
            ? List.of("/bin/sh", "-c") : c.config().shell());
        cmd.addAll(test.subList(1, test.size()));
        yield cmd;
      }
      default -> null; // NONE, or a type dockerd warns about and ignores
    };
  }

  @Override
  public void started(String id) {
    Container c = containers.store().get(id).orElse(null);
    if (c == null || command(c) == null) {
      return;
    }
    stopped(id);
    containers.store().updateInMemory(id, x -> x.withState(x.state().withHealth(
        x.state().health() == null ? Health.starting() : x.state().health().restarted())));
    resumed(id);
  }

  @Override
  public void resumed(String id) {
    Container c = containers.store().get(id).orElse(null);
    if (c == null || command(c) == null || !c.state().running() || c.state().paused()) {
      return;
    }
    if (c.state().health() == null) {
      containers.store().updateInMemory(id, x -> x.withState(x.state().withHealth(Health.starting())));
    }
    monitors.computeIfAbsent(id, k -> Thread.ofVirtual().name("health " + c.shortId()).start(() -> monitor(id)));
  }

  @Override
  public void stopped(String id) {
    Thread t = monitors.remove(id);
    if (t != null) {
      t.interrupt();
    }
  }

  /**
   * The probe loop of one start (or unpause, or restore) of a container: its check cannot change meanwhile,
   * so the probe's exec is prepared once, at the first probe.
   */
  private void monitor(String id) {
    try {
      RepeatedExec probe = null;
      while (!Thread.currentThread().isInterrupted()) {
        Container c = containers.store().get(id).orElse(null);
        if (c == null) {
          return;
        }
        Thread.sleep(interval(c));
        c = containers.store().get(id).orElse(null);
        if (c == null || !c.state().running() || c.state().paused()) {
          return;
        }
        if (probe == null) {
          List<String> command = command(c);
          if (command == null) {
            return;
          }
          probe = exec.repeated(c, probeConfig(c, command));
        }
        record(id, probe(c, probe));
      }
    } catch (InterruptedException e) {
      // stopped
    } finally {
      monitors.remove(id, Thread.currentThread());
    }
  }

  /** dockerd's getInterval: the start interval while starting within the start period, else the interval. */
  static Duration interval(Container c) {
    HealthConfig h = c.config().healthcheck();
    Duration startPeriod = Duration.ofNanos(h.startPeriod());
    boolean inStartPeriod = Duration.between(c.state().startedAt(), Instant.now()).compareTo(startPeriod) < 0;
    Health health = c.state().health();
    if (inStartPeriod && health != null && health.status().equals(Health.STARTING)) {
      return orDefault(h.startInterval(), DEFAULT_START_INTERVAL);
    }
    return orDefault(h.interval(), DEFAULT_INTERVAL);
  }

  private void record(String id, Health.Result result) {
    Health[] change = new Health[2];
    Container after = containers.store().updateInMemory(id, x -> {
      HealthConfig h = x.config().healthcheck();
      Health before = x.state().health() == null ? Health.starting() : x.state().health();
      boolean withinStart = Duration.between(x.state().startedAt(), result.start())
          .compareTo(Duration.ofNanos(h.startPeriod())) < 0;
      Health next = before.after(result, h.retries() <= 0 ? DEFAULT_RETRIES : h.retries(), withinStart);
      change[0] = before;
      change[1] = next;
      return x.withState(x.state().withHealth(next));
    });
    if (!change[0].status().equals(change[1].status())) {
      containers.event(after, "health_status: " + change[1].status(), Map.of());
    }
  }

  /** dockerd's cmdProbe: the container's user and working dir, no TTY, no stdin, not privileged. */
  static ExecConfig probeConfig(Container c, List<String> command) {
    return new ExecConfig(command, List.of(), c.config().user(), c.config().workingDir(), false, false, false,
        true, true, "", List.of());
  }

  /** One run of the check as an exec in the container, with the check's timeout. */
  Health.Result probe(Container c, RepeatedExec probe) {
    Instant start = Instant.now();
    Duration timeout = orDefault(c.config().healthcheck().timeout(), DEFAULT_TIMEOUT);
    try {
      ExecService.Started started = exec.startRepeated(probe);
      LimitedOutput output = new LimitedOutput();
      Thread reader = Thread.ofVirtual().start(() -> output.drain(started.stdio()));
      Integer code;
      try {
        code = started.exit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        ProcessHandle.of(started.pid()).ifPresent(ProcessHandle::destroyForcibly);
        reader.join(Duration.ofSeconds(1));
        started.stdio().close();
        String out = output.text();
        return new Health.Result(start, Instant.now(), -1, "Health check exceeded timeout ("
            + GoTime.durationString(timeout) + ")" + (out.isEmpty() ? "" : ": " + out));
      }
      if (!reader.join(Duration.ofSeconds(1))) {
        started.stdio().close(); // a background child still holds the output open
      }
      return new Health.Result(start, Instant.now(), code, output.text());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health.Result(start, Instant.now(), -1, "health check interrupted");
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "Health check for container " + c.id() + " error: " + e.getMessage());
      return new Health.Result(start, Instant.now(), -1, String.valueOf(e.getMessage()));
    }
  }

  private static Duration orDefault(long nanos, Duration fallback) {
    return nanos == 0 ? fallback : Duration.ofNanos(nanos);
  }

  /** dockerd's limitedBuffer: the first 4096 bytes of stdout and stderr together, "..." when more came. */
  private static final class LimitedOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean truncated;

    void drain(Stdio stdio) {
      try (stdio) {
        Stdio.Output out;
        while ((out = stdio.read()) != null) {
          synchronized (this) {
            int keep = Math.min(MAX_OUTPUT - bytes.size(), out.data().length);
            bytes.write(out.data(), 0, Math.max(keep, 0));
            truncated |= keep < out.data().length;
          }
        }
      } catch (java.io.IOException e) {
        // the session's output ended
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8) + (truncated ? "..." : "");
    }
  }

  /** Stops every monitor (daemon shutdown). */
  public void close() {
    monitors.keySet().forEach(this::stopped);
  }
}
