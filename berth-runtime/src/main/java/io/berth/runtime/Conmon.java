package io.berth.runtime;

import io.berth.common.Json;
import io.berth.sys.ErrnoException;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates containers under conmon, the per-container monitor that holds the container's stdio, writes
 * its log and its exit code, and outlives berthd (conmon double-forks and calls setsid itself, since
 * we never pass --sync).
 *
 * <p>conmon takes two pipes as inherited descriptors named by environment variables: the start pipe
 * ({@code _OCI_STARTPIPE}, conmon waits for one write on it before forking: the moment to move it into a
 * cgroup) and the sync pipe ({@code _OCI_SYNCPIPE}, where it reports {@code {"data": <pid>}} once the
 * runtime created the container, or {@code {"data": -1, "message": "..."}}). ProcessBuilder passes
 * only fds 0-2, so conmon runs under a small sh script ({@link #FD_WRAPPER}): the process's stdout pipe
 * becomes the sync pipe (fd 3), its stdin pipe the start pipe (fd 4), and its stderr stays ours for
 * conmon's own error messages. The JDK closes every other descriptor in the child, so no berthd
 * descriptor (data-root lock, listening socket) leaks into the long-lived monitor.
 *
 * <p>The script outlives conmon's first process and waits for its stdin to close, which we do only
 * after reading the sync pipe: when the JDK sees its child exit it drains and closes the child's stdout
 * pipe, which would lose a report conmon's daemon writes after its parent exited.
 */
public final class Conmon {
  private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(120);
  /** sh script: fd 5 keeps the sync pipe for conmon only; sh then waits for the JVM to close its stdin. */
  static final String FD_WRAPPER = """
          exec 5>&1 >/dev/null
          "$0" "$@" 3>&5 4<&0 5>&- </dev/null
          rc=$?
          exec 5>&-
          while read -r _; do :; done
          exit $rc
          """;
  /** conmon's control message types (ctrl.c). */
  private static final int WIN_RESIZE_EVENT = 1;
  private static final int REOPEN_LOGS_EVENT = 2;

  private final Path binary;

  public Conmon(Path binary) {
    this.binary = Objects.requireNonNull(binary, "binary");
  }

  /** conmon where Debian and Podman install it, if any. */
  public static Optional<Conmon> installed() {
    for (String p : List.of("/usr/bin/conmon", "/usr/libexec/podman/conmon", "/usr/local/bin/conmon",
        "/usr/local/libexec/podman/conmon", "/usr/sbin/conmon")) {
      if (Files.isExecutable(Path.of(p))) {
        return Optional.of(new Conmon(Path.of(p)));
      }
    }
    return Optional.empty();
  }

  public Path binary() {
    return binary;
  }

  /**
   * Creates the container ({@code runtime create} run by conmon): on return it exists in state
   * "created", its stdio is held by conmon, and {@link OciRuntimeClient#start} runs it. Attach before
   * start to see all of its output. Throws OciRuntimeException with the runtime's message when
   * creation fails (e.g. the executable does not exist), after which nothing is left running.
   */
  public ContainerProcess launch(Launch spec) throws IOException {
    MonitorFiles files = spec.files();
    Files.createDirectories(files.persistDir());
    Files.createDirectories(files.exitDir());
    if (spec.logPath() != null) {
      Files.createDirectories(spec.logPath().toAbsolutePath().getParent());
    }
    for (Path stale : List.of(files.exitFile(), files.persistExitFile(), files.oomFile(), files.pidFile(),
        files.conmonPidFile())) {
      Files.deleteIfExists(stale);
    }

    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", FD_WRAPPER, binary.toString()));
    argv.addAll(arguments(spec, files));
    ProcessBuilder pb = new ProcessBuilder(argv);
    // conmon writes its "oom" file relative to its working directory in some versions.
    pb.directory(files.persistDir().toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("_OCI_SYNCPIPE", "3");
    env.put("_OCI_STARTPIPE", "4");
    Process process = pb.start();

    CompletableFuture<String> stderr = drain(process.getErrorStream());
    CompletableFuture<String> sync = CompletableFuture.supplyAsync(() -> readLine(process.getInputStream()),
        command -> Thread.ofVirtual().start(command));
    OutputStream start = process.getOutputStream();
    try {
      start.write(0);
      start.flush();
    } catch (IOException e) {
      // conmon already exited: its stderr says why (reported below)
    }

    String line;
    try {
      line = sync.get(CREATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      killConmon(files);
      process.destroyForcibly();
      throw new IOException("conmon for " + spec.id() + " did not report within " + CREATE_TIMEOUT.toSeconds() + "s");
    } catch (InterruptedException e) {
      killConmon(files);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while creating " + spec.id());
    } catch (ExecutionException e) {
      process.destroyForcibly();
      throw new IOException("reading conmon's sync pipe: " + e.getCause().getMessage(), e.getCause());
    } finally {
      closeQuietly(process.getInputStream());
      closeQuietly(start); // lets the wrapper script exit
    }
    int intermediateExit = waitFor(process);

    if (line == null) {
      String why = OciRuntimeException.cleanMessage(await(stderr));
      throw new OciRuntimeException(argv.subList(3, argv.size()), intermediateExit,
          why.isEmpty() ? "conmon exited without reporting a container pid" : why);
    }
    Map<String, Object> report = Json.object(line.getBytes(StandardCharsets.UTF_8));
    int pid = report.get("data") instanceof Number n ? n.intValue() : -1;
    if (pid <= 0) {
      String message = report.get("message") instanceof String s ? OciRuntimeException.cleanMessage(s) : "";
      if (message.isEmpty()) {
        message = OciRuntimeException.cleanMessage(await(stderr));
      }
      throw new OciRuntimeException(List.of(spec.runtime().runtime().path().toString(), "create", spec.id()),
          pid, message.isEmpty() ? "container creation failed" : message);
    }
    OptionalInt conmonPid = readPid(files.conmonPidFile());
    if (conmonPid.isEmpty()) {
      throw new IOException("conmon for " + spec.id() + " wrote no pid file " + files.conmonPidFile());
    }
    return new ContainerProcess(spec.id(), pid, conmonPid.getAsInt(), files);
  }

  /** conmon's command line (after its path) for a create. */
  List<String> arguments(Launch spec, MonitorFiles files) {
    List<String> args = new ArrayList<>(List.of(
        "--api-version", "1",
        "-c", spec.id(),
        "-u", spec.id(),
        "-n", spec.id(),
        "-r", spec.runtime().runtime().path().toString(),
        "-b", files.bundle().toString(),
        "-p", files.pidFile().toString(),
        "-P", files.conmonPidFile().toString(),
        "-l", spec.logPath() == null ? "none:" : "k8s-file:" + spec.logPath().toAbsolutePath(),
        "--exit-dir", files.exitDir().toString(),
        "--persist-dir", files.persistDir().toString(),
        // the attach socket goes in the bundle itself; clients connect through /proc/self/fd
        "--full-attach",
        "--socket-dir-path", files.persistDir().toString(),
        "--log-level", "error"));
    for (String global : spec.runtime().globalArgs()) {
      args.add("--runtime-arg");
      args.add(global);
    }
    if (spec.tty()) {
      args.add("-t");
    }
    if (spec.openStdin()) {
      args.add("-i");
      if (!spec.stdinOnce()) {
        args.add("--leave-stdin-open");
      }
    }
    if (spec.logSizeMax() > 0) {
      args.add("--log-size-max");
      args.add(Long.toString(spec.logSizeMax()));
    }
    return args;
  }

  /** Sets the container's terminal size (tty containers; ignored otherwise). */
  public static void resize(MonitorFiles files, int height, int width) throws IOException {
    if (height < 0 || width < 0 || height > 1000 || width > 1000) {
      // conmon rejects other sizes (and Docker clients send 0x0 on detach)
      throw new IllegalArgumentException("terminal size out of conmon's range 0..1000: " + height + "x" + width);
    }
    control(files, WIN_RESIZE_EVENT + " " + height + " " + width + "\n");
  }

  /**
   * Makes conmon start a new log file: it creates an empty {@code <log>.tmp} and renames it over the log
   * path. To rotate (Docker's max-file), rename the log away first, then call this; without the rename
   * the current log is lost. conmon's own --log-size-max counter is not reset by this.
   */
  public static void reopenLogs(MonitorFiles files) throws IOException {
    control(files, REOPEN_LOGS_EVENT + " 0 0\n");
  }

  /**
   * Writes one control line to conmon's ctl FIFO. Opened non-blocking: with conmon gone (container
   * exited) there is no reader and the open fails with ENXIO instead of hanging.
   */
  private static void control(MonitorFiles files, String line) throws IOException {
    int fd;
    try {
      fd = Native.open(files.ctlFifo().toString(), Native.O_WRONLY | Native.O_NONBLOCK | Native.O_CLOEXEC);
    } catch (ErrnoException e) {
      if (e.errno() == Native.ENXIO || e.errno() == io.berth.sys.Linux.ENOENT) {
        throw new IOException("conmon of container " + files.id() + " is not running", e);
      }
      throw e;
    }
    try {
      Native.write(fd, line.getBytes(StandardCharsets.US_ASCII));
    } finally {
      Native.close(fd);
    }
  }

  /**
   * After a berthd restart: what the files say about a container. The exit file wins (conmon writes
   * it last, just before exiting); then a live conmon whose command line names this container; else
   * the monitor is lost.
   */
  public static MonitorState inspect(MonitorFiles files) throws IOException {
    OptionalInt code = ExitFiles.read(files.exitDir(), files.id());
    if (code.isEmpty()) {
      code = ExitFiles.readFile(files.persistExitFile());
    }
    if (code.isPresent()) {
      return new MonitorState.Exited(code.getAsInt(), Files.exists(files.oomFile()));
    }
    OptionalInt conmonPid = readPid(files.conmonPidFile());
    if (conmonPid.isEmpty()) {
      return new MonitorState.Lost("no conmon pid file " + files.conmonPidFile());
    }
    if (!isConmonFor(conmonPid.getAsInt(), files.id())) {
      // It may have exited between the two reads: look at the exit file once more.
      code = ExitFiles.read(files.exitDir(), files.id());
      if (code.isPresent()) {
        return new MonitorState.Exited(code.getAsInt(), Files.exists(files.oomFile()));
      }
      return new MonitorState.Lost("conmon " + conmonPid.getAsInt() + " is not running");
    }
    return new MonitorState.Monitored(conmonPid.getAsInt(), readPid(files.pidFile()).orElse(0));
  }

  /** True when pid is alive and is a conmon started for this container id (guards against pid reuse). */
  public static boolean isConmonFor(int pid, String id) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "cmdline"));
    } catch (IOException e) {
      return false;
    }
    String[] args = new String(raw, StandardCharsets.UTF_8).split("\0");
    if (args.length == 0 || !args[0].endsWith("conmon")) {
      return false;
    }
    for (int i = 1; i + 1 < args.length; i++) {
      if (args[i].equals("-c") && args[i + 1].equals(id)) {
        return true;
      }
    }
    return false;
  }

  static OptionalInt readPid(Path file) throws IOException {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return text.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
    } catch (NoSuchFileException e) {
      return OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static void killConmon(MonitorFiles files) {
    try {
      OptionalInt pid = readPid(files.conmonPidFile());
      if (pid.isPresent() && isConmonFor(pid.getAsInt(), files.id())) {
        ProcessHandle.of(pid.getAsInt()).ifPresent(ProcessHandle::destroyForcibly);
      }
    } catch (IOException ignored) {
      // best effort on a path that is already failing
    }
  }

  private static String readLine(InputStream in) {
    try {
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      var out = new ByteArrayOutputStream();
      try (in) {
        in.transferTo(out);
      } catch (IOException ignored) {
        // what was read is what there is
      }
      result.complete(out.toString(StandardCharsets.UTF_8));
    });
    return result;
  }

  /** stderr reaches end-of-file once conmon has detached from it; a few seconds at most. */
  private static String await(CompletableFuture<String> text) {
    try {
      return text.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    } catch (ExecutionException | TimeoutException e) {
      return "";
    }
  }

  private static int waitFor(Process p) throws IOException {
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for conmon");
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
