package io.berth.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Runs exec sessions with berth-exec (berth-runtime/src/main/c), which joins the container, starts the
 * process, relays its stdio and reports its exit in frames over its own stdin and stdout: one type byte, a
 * 4-byte big-endian length, the payload. berth-exec outlives berthd: a session whose berthd went away runs
 * on with its output discarded, and its exit code lands in the session's exit file.
 *
 * <p>berthd starts no process per session: one {@code berth-exec serve} ({@link ForkServer}) forks each
 * session's berth-exec, which talks to berthd over a Unix socket. Starting a process from the JVM costs two
 * execs here (jspawnhelper, then the program), pipes and a reaper thread's wait, several milliseconds of
 * latency and most of the CPU time a health check's probe would otherwise cost berthd.
 */
public final class ExecLauncher implements java.io.Closeable {
  /** Where bin/berthd says the build put berth-exec. */
  public static final String LAUNCHER_PROPERTY = "berth.exec.launcher";

  static final int OUT_STDOUT = 1;
  static final int OUT_STDERR = 2;
  static final int OUT_STARTED = 3;
  static final int OUT_FAILED = 4;
  static final int OUT_EXITED = 5;
  static final int IN_STDIN = 0;
  static final int IN_CLOSE_STDIN = 1;
  static final int IN_RESIZE = 2;
  static final int IN_SESSION = 3;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration FORK_TIMEOUT = Duration.ofSeconds(10);
  /** Output packets held for a slow client before berth-exec (and so the process) is made to wait. */
  private static final int QUEUED_PACKETS = 64;
  /** Frame buffers: larger payloads bypass them; every probe allocates two, so they stay small. */
  private static final int BUFFER = 8192;
  private static final AttachSocket.Packet END = new AttachSocket.Packet(0, new byte[0]);

  private final Path binary;
  private ForkServer server; // guarded by this, started at the first session
  private Path socketDir; // guarded by this
  private boolean closed; // guarded by this

  /** @param binary berth-exec (it may not exist: {@link #start} says so then) */
  public ExecLauncher(Path binary) {
    this.binary = binary;
  }

  /**
   * Where the fork server's socket goes (berthd's exec root), so that a berthd killed with -9 leaves it
   * where the next one replaces it; until this is called, a temporary directory.
   */
  public synchronized void listenIn(Path dir) {
    socketDir = dir;
  }

  /** berth-exec as {@value #LAUNCHER_PROPERTY} names it. */
  public static Path defaultBinary() {
    return Path.of(System.getProperty(LAUNCHER_PROPERTY, "berth-exec"));
  }

  /**
   * Starts the process the session's plan describes. Returns once it runs (its output is held from the
   * first byte), or throws OciRuntimeException with runc's wording when it cannot be started (for
   * instance {@code exec failed: unable to start container process: exec: "nope": executable file not
   * found in $PATH}), after which nothing is left running.
   *
   * @param launched told the launcher's pid as soon as the session is handed to it, while it joins the
   *                 container (a caller records the session meanwhile)
   */
  public ExecProcess start(ExecLaunch spec, LongConsumer launched) throws IOException {
    if (!Files.isExecutable(binary)) {
      throw new IOException("exec launcher " + binary + " is missing: build berth (scripts/build.sh)");
    }
    byte[] frame = sessionFrame(spec);
    Session session = new Session(server().fork(FORK_TIMEOUT), spec);
    ForkServer.Forked launcher = session.launcher;
    if (!session.offer(IN_SESSION, frame)) {
      launcher.destroy();
      throw new IOException("exec launcher " + binary + " ended before it was given its session");
    }
    Thread.ofVirtual().name("exec " + spec.execId()).start(session::readFrames); // a socket: no pinning
    try {
      launched.accept(launcher.pid());
      int pid = session.started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new ExecProcess(pid, launcher.pid(), spec.exitFile(), session, session, session.exit);
    } catch (java.util.concurrent.ExecutionException e) {
      launcher.destroy();
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      launcher.destroy();
      throw new IOException("exec " + spec.execId() + " did not start within " + START_TIMEOUT.toSeconds() + "s");
    } catch (InterruptedException e) {
      launcher.destroy();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while starting exec " + spec.execId());
    } catch (RuntimeException e) {
      launcher.destroy();
      throw e;
    }
  }

  private synchronized ForkServer server() throws IOException {
    if (closed) {
      throw new IOException("exec launcher closed");
    }
    if (server == null) {
      server = new ForkServer(binary, socketDir);
    }
    return server;
  }

  /** The session frame's payload: the exit file's path (empty for none), NUL, the plan's records. */
  static byte[] sessionFrame(ExecLaunch spec) {
    Path exit = spec.exitFile();
    byte[] exitFile = exit == null ? new byte[0] : exit.toString().getBytes(StandardCharsets.UTF_8);
    byte[] plan = spec.plan();
    byte[] frame = new byte[exitFile.length + 1 + plan.length];
    System.arraycopy(exitFile, 0, frame, 0, exitFile.length);
    System.arraycopy(plan, 0, frame, exitFile.length + 1, plan.length);
    return frame;
  }

  /** Ends the fork server. Sessions run on. */
  @Override
  public synchronized void close() {
    closed = true;
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /**
   * The exit code of a session whose launcher berthd no longer talks to (after a restart): from its exit
   * file (null: it has none); empty while its launcher (pid) still runs; -1 when it is neither running nor
   * recorded.
   */
  public static OptionalInt exitCode(Path exitFile, long launcherPid) throws IOException {
    if (exitFile != null && Files.exists(exitFile)) {
      return OptionalInt.of(Integer.parseInt(Files.readString(exitFile).trim()));
    }
    boolean alive = ProcessHandle.of(launcherPid)
        .flatMap(h -> h.info().command())
        .map(c -> c.endsWith("berth-exec"))
        .orElse(false);
    return alive ? OptionalInt.empty() : OptionalInt.of(-1);
  }

  /** One session's side of the frames: output packets for whoever attaches, stdin and resizes to it. */
  static final class Session implements ProcessStdio, ExecProcess.Terminal {
    final ForkServer.Forked launcher;
    private final ExecLaunch spec;
    private final DataOutputStream toLauncher;
    private final BlockingQueue<AttachSocket.Packet> output = new ArrayBlockingQueue<>(QUEUED_PACKETS);
    final CompletableFuture<Integer> started = new CompletableFuture<>();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean attached = true;
    private boolean ended;

    Session(ForkServer.Forked launcher, ExecLaunch spec) {
      this.launcher = launcher;
      this.spec = spec;
      this.toLauncher = new DataOutputStream(new BufferedOutputStream(launcher.output(), BUFFER));
    }

    void readFrames() {
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(launcher.input(), BUFFER))) {
        while (true) {
          int type = in.read();
          if (type < 0) {
            break;
          }
          byte[] payload = new byte[in.readInt()];
          in.readFully(payload);
          switch (type) {
            case OUT_STDOUT -> offer(new AttachSocket.Packet(AttachSocket.STDOUT, payload));
            case OUT_STDERR -> offer(new AttachSocket.Packet(AttachSocket.STDERR, payload));
            case OUT_STARTED -> started.complete(Integer.parseInt(text(payload)));
            case OUT_FAILED -> started.completeExceptionally(new OciRuntimeException(
                List.of("berth-exec", spec.execId()), 1, text(payload)));
            case OUT_EXITED -> exit.complete(Integer.parseInt(text(payload)));
            default -> throw new IOException("unknown frame " + type + " from berth-exec");
          }
        }
      } catch (EOFException | java.nio.channels.ClosedChannelException ignored) {
        // the launcher died mid-frame, or berthd dropped it: what it recorded tells the rest
      } catch (IOException | RuntimeException e) {
        System.getLogger(ExecLauncher.class.getName()).log(System.Logger.Level.WARNING,
            "exec " + spec.execId() + ": " + e.getMessage());
      } finally {
        offer(END);
        if (!started.isDone()) { // an exception costs its stack trace: only when it is needed
          started.completeExceptionally(new OciRuntimeException(List.of("berth-exec"), -1,
              "exec launcher ended before the process started"));
        }
        if (!exit.isDone()) {
          exit.complete(recordedExit());
        }
      }
    }

    private int recordedExit() {
      try {
        ProcessHandle.of(launcher.pid()).ifPresent(h -> h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join());
        return exitCode(spec.exitFile(), launcher.pid()).orElse(-1);
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    /** Queues output for the attached client; once nobody is attached, output is dropped. */
    private void offer(AttachSocket.Packet packet) {
      try {
        while (attached || packet == END) {
          if (output.offer(packet, 100, TimeUnit.MILLISECONDS)) {
            return;
          }
          if (packet == END && !attached) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public AttachSocket.Packet read() throws IOException {
      if (ended) {
        return null;
      }
      try {
        AttachSocket.Packet p = output.take();
        if (p == END) {
          ended = true;
          return null;
        }
        return p;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      for (int pos = off; pos < off + len; pos += 65536) {
        int chunk = Math.min(65536, off + len - pos);
        send(IN_STDIN, bytes, pos, chunk);
      }
    }

    @Override
    public void closeStdin() throws IOException {
      send(IN_CLOSE_STDIN, new byte[0], 0, 0);
    }

    @Override
    public void resize(int height, int width) throws IOException {
      byte[] size = {(byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width};
      send(IN_RESIZE, size, 0, size.length);
    }

    /** Sends a frame; false when the launcher is gone. */
    boolean offer(int type, byte[] payload) {
      try {
        synchronized (toLauncher) {
          toLauncher.writeByte(type);
          toLauncher.writeInt(payload.length);
          toLauncher.write(payload);
          toLauncher.flush();
        }
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    /** Input for a session that has ended goes nowhere, as input for a process that has exited. */
    private void send(int type, byte[] bytes, int off, int len) throws IOException {
      synchronized (toLauncher) {
        try {
          toLauncher.writeByte(type);
          toLauncher.writeInt(len);
          toLauncher.write(bytes, off, len);
          toLauncher.flush();
        } catch (IOException e) {
          if (launcher.isAlive() && !exit.isDone()) {
            throw e;
          }
        }
      }
    }

    @Override
    public void close() {
      attached = false;
      output.clear();
    }

    private static String text(byte[] payload) {
      return new String(payload, StandardCharsets.UTF_8).strip();
    }
  }
}
