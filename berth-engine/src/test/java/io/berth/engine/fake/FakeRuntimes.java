package io.berth.engine.fake;

import io.berth.runtime.AttachSocket;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ContainerRuntimes;
import io.berth.runtime.ExitWatcher;
import io.berth.runtime.MonitorState;
import io.berth.runtime.OciRuntimeException;
import io.berth.runtime.ProcessStdio;
import io.berth.runtime.Signals;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runtimes without processes, for the engine's unit tests: containers are entries in a map, a process "exits"
 * when a test says so or when it gets a deadly signal, and exits are reported to the watcher as conmon's exit
 * files are (also those that happened while nobody watched, as after a berthd restart). One instance may
 * outlive an engine, as the real monitors outlive berthd.
 */
public final class FakeRuntimes implements ContainerRuntimes {
  public enum Status { CREATED, RUNNING, PAUSED, EXITED }

  /** What the fake holds of a container. */
  public static final class Held {
    public final String runtime;
    volatile Status status = Status.CREATED;
    volatile int exitCode;
    volatile boolean lost;
    final int pid;
    final List<Integer> signals = new ArrayList<>();
    public Map<String, Object> config;
    public Path logPath;

    Held(String runtime, int pid) {
      this.runtime = runtime;
      this.pid = pid;
    }
  }

  public final Map<String, Held> held = new ConcurrentHashMap<>();
  /** Exits not yet reported to a watcher (berthd was down). */
  public final Map<String, Integer> unreported = new ConcurrentHashMap<>();
  public final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger pids = new AtomicInteger(1000);
  private final Path bundles;
  private volatile ExitWatcher.Listener listener;
  /** The next create fails with this runtime message, when set. */
  public volatile String failCreate;
  /** How long after a deadly signal the process is reported gone (a real exit takes a moment). */
  public volatile long exitDelayMillis = 20;

  public FakeRuntimes(Path bundles) {
    this.bundles = bundles;
  }

  @Override
  public ContainerRuntime get(String name) {
    String n = name == null || name.isEmpty() ? "runc" : name;
    if (!names().contains(n)) {
      throw new io.berth.common.BerthException.InvalidParameter("unknown or invalid runtime name: " + n);
    }
    return new Runtime(n);
  }

  @Override
  public String defaultName() {
    return "runc";
  }

  @Override
  public Set<String> names() {
    return Set.of("runc", "crun");
  }

  @Override
  public Closeable watchExits(ExitWatcher.Listener l) {
    listener = l;
    unreported.forEach((id, code) -> l.exited(id, code));
    return () -> listener = null;
  }

  @Override
  public Set<String> held() {
    return new TreeSet<>(held.keySet());
  }

  /** The container's process ends by itself with {@code code}. */
  public void exit(String id, int code) {
    Held h = held.get(id);
    if (h == null || h.status == Status.EXITED) {
      return;
    }
    h.status = Status.EXITED;
    h.exitCode = code;
    ExitWatcher.Listener l = listener;
    if (l == null) {
      unreported.put(id, code);
    } else {
      l.exited(id, code);
    }
  }

  /** The container's monitor dies without a word (as after a reboot). */
  public void lose(String id) {
    held.get(id).lost = true;
  }

  public Status status(String id) {
    Held h = held.get(id);
    return h == null ? null : h.status;
  }

  private final class Runtime implements ContainerRuntime {
    private final String name;

    Runtime(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Created create(CreateSpec spec) throws IOException {
      calls.add("create " + spec.id());
      String failure = failCreate;
      if (failure != null) {
        failCreate = null;
        throw new OciRuntimeException(List.of(name, "create", spec.id()), 1, failure);
      }
      Held h = new Held(name, pids.incrementAndGet());
      h.config = spec.config();
      h.logPath = spec.logPath();
      held.put(spec.id(), h);
      unreported.remove(spec.id());
      return new Created(h.pid, h.pid + 100000);
    }

    private Held require(String id) throws OciRuntimeException {
      Held h = held.get(id);
      if (h == null) {
        throw new OciRuntimeException(List.of(name, "state", id), 1, "container \"" + id + "\" does not exist");
      }
      return h;
    }

    @Override
    public void start(String id) throws IOException {
      calls.add("start " + id);
      require(id).status = Status.RUNNING;
    }

    @Override
    public void kill(String id, int signal, boolean all) throws IOException {
      Held h = require(id);
      if (h.status == Status.EXITED) {
        throw new OciRuntimeException(List.of(name, "kill", id), 1, "container not running");
      }
      calls.add("kill " + id + " " + signal);
      h.signals.add(signal);
      if ((signal == Signals.SIGKILL || signal == Signals.SIGTERM) && h.status != Status.PAUSED) {
        Thread.ofVirtual().start(() -> {
          try {
            Thread.sleep(exitDelayMillis);
          } catch (InterruptedException e) {
            return;
          }
          exit(id, 128 + signal);
        });
      }
    }

    @Override
    public void pause(String id) throws IOException {
      require(id).status = Status.PAUSED;
    }

    @Override
    public void resume(String id) throws IOException {
      Held h = require(id);
      h.status = Status.RUNNING;
      if (h.signals.contains(Signals.SIGKILL)) {
        exit(id, 137); // a frozen process dies once thawed
      }
    }

    @Override
    public void update(String id, Map<String, Object> limits) throws IOException {
      calls.add("update " + id + " " + limits);
      require(id);
    }

    @Override
    public void delete(String id) {
      calls.add("delete " + id);
      held.remove(id);
      unreported.remove(id);
    }

    @Override
    public ProcessStdio attach(String id) throws IOException {
      require(id);
      return new ProcessStdio() {
        @Override
        public AttachSocket.Packet read() {
          return null;
        }

        @Override
        public void write(byte[] bytes, int off, int len) {}

        @Override
        public void closeStdin() {}

        @Override
        public void close() {}
      };
    }

    @Override
    public void resize(String id, int height, int width) throws IOException {
      require(id);
    }

    @Override
    public void reopenLog(String id) throws IOException {
      require(id);
    }

    @Override
    public MonitorState monitor(String id) {
      Held h = held.get(id);
      if (h == null || h.lost) {
        return new MonitorState.Lost("no monitor");
      }
      if (h.status == Status.EXITED) {
        return new MonitorState.Exited(h.exitCode, false);
      }
      return new MonitorState.Monitored(h.pid + 100000, h.pid);
    }

    @Override
    public boolean oomKilled(String id) {
      return false;
    }

    @Override
    public Path bundle(String id) {
      return bundles.resolve(id);
    }
  }
}
