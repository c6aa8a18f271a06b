package io.berth.runtime;

import io.berth.common.Json;
import io.berth.sys.Linux;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs exec sessions under conmon ({@code conmon -e --exec-attach --api-version 1}), with berth-exec in the
 * place of the OCI runtime (conmon runs {@code berth-exec exec --process <plan> ...} as it would run
 * {@code runc exec}). The handshake:
 *
 * <ol>
 *   <li>one write on the start pipe: conmon forks its monitor, which forks {@code berth-exec exec}; that
 *       child waits for a second write before running the runtime;</li>
 *   <li>the monitor creates the attach socket and ctl FIFO in the session directory and reports
 *       {@code {"data": 0}} on the attach pipe: we connect now, so no output is lost;</li>
 *   <li>the second write on the start pipe: the launcher runs; the sync pipe then reports the pid
 *       ({@code {"data": <pid>}}, or a negative number and the runtime's message when it fails);</li>
 *   <li>when the process exits, conmon writes the exit files, then the exit code on the sync pipe.</li>
 * </ol>
 *
 * The attach pipe and the sync pipe are one pipe (both fd 3): the attach report always comes first,
 * since the runtime only runs after our second write. The start pipe is a FIFO in the session directory
 * (not the wrapper's stdin, as for {@link Conmon#launch}): the wrapper script reads its stdin until we
 * are done with the sync pipe, and would otherwise swallow the second start write.
 */
public final class ExecMonitor {
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(60);
    private static final int O_RDWR = 2;
    /** sh script: fd 5 keeps the sync pipe for conmon only; sh then waits for the JVM to close its stdin. */
    static final String EXEC_WRAPPER = """
            exec 5>&1 >/dev/null
            "$0" "$@" 3>&5 4<"$BERTH_START_FIFO" 5>&- </dev/null
            rc=$?
            exec 5>&-
            while read -r _; do :; done
            exit $rc
            """;

    /** Where bin/berthd says the build put berth-exec. */
    public static final String LAUNCHER_PROPERTY = "berth.exec.launcher";

    private final Conmon conmon;

    public ExecMonitor(Conmon conmon) {
        this.conmon = conmon;
    }

    /** berth-exec, as {@value #LAUNCHER_PROPERTY} names it (it may not exist: {@link #start} says so then). */
    public static Path launcher() {
        return Path.of(System.getProperty(LAUNCHER_PROPERTY, "berth-exec"));
    }

    /**
     * Starts the process described by {@code <dir>/process.json} in the running container. With attach the
     * returned session holds a connection to its stdio made before the process ran. Throws
     * OciRuntimeException with the runtime's message when the process cannot be started (for instance
     * "exec: \"nope\": executable file not found in $PATH"), after which nothing is left running.
     */
    public ExecProcess start(ExecLaunch spec, boolean attach) throws IOException {
        if (!Files.isExecutable(spec.launcher())) {
            throw new IOException("exec launcher " + spec.launcher() + " is missing: build berth (scripts/build.sh)");
        }
        MonitorFiles files = spec.files();
        Files.createDirectories(files.exitDir());
        Path startFifo = spec.dir().resolve("start");
        Files.deleteIfExists(startFifo);
        Linux.mkfifo(startFifo, 0600);

        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", EXEC_WRAPPER, conmon.binary().toString()));
        argv.addAll(arguments(spec));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.directory(spec.dir().toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("_OCI_SYNCPIPE", "3");
        env.put("_OCI_ATTACHPIPE", "3");
        env.put("_OCI_STARTPIPE", "4");
        env.put("BERTH_START_FIFO", startFifo.toString());
        // O_RDWR: never blocks for want of a reader (the wrapper opens the read end when it runs conmon)
        int start = Native.open(startFifo.toString(), O_RDWR | Native.O_CLOEXEC);
        Process process = pb.start();
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        BlockingQueue<Optional<String>> reports = new ArrayBlockingQueue<>(4);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> readReports(process, files, reports, exit));

        AttachSocket socket = null;
        boolean started = false;
        try {
            Native.write(start, new byte[] {0});
            Map<String, Object> ready = report(spec, argv, process, reports, stderr);
            if (number(ready) != 0) {
                throw failure(spec, ready, stderr);
            }
            if (attach) {
                socket = AttachSocket.open(files.attachSocket());
            }
            Native.write(start, new byte[] {0});
            Native.close(start);
            start = -1;
            Map<String, Object> created = report(spec, argv, process, reports, stderr);
            int pid = number(created);
            if (pid <= 0) {
                throw failure(spec, created, stderr);
            }
            OptionalInt conmonPid = Conmon.readPid(files.conmonPidFile());
            if (conmonPid.isEmpty()) {
                throw new IOException("conmon of exec " + spec.execId() + " wrote no pid file");
            }
            started = true;
            return new ExecProcess(pid, conmonPid.getAsInt(), files, Optional.ofNullable(socket), exit);
        } finally {
            if (start >= 0) {
                Native.close(start);
            }
            Files.deleteIfExists(startFifo);
            if (!started) {
                if (socket != null) {
                    socket.close();
                }
                process.getOutputStream().close();
                process.destroyForcibly();
            }
        }
    }

    /** conmon's command line (after its path) for an exec. */
    List<String> arguments(ExecLaunch spec) {
        MonitorFiles files = spec.files();
        List<String> args = new ArrayList<>(List.of(
                "--api-version", "1",
                "-c", spec.containerId(),
                "-u", spec.execId(),
                "-n", spec.containerId(),
                "-r", spec.launcher().toString(),
                "-b", spec.dir().toString(),
                "-p", files.pidFile().toString(),
                "-P", files.conmonPidFile().toString(),
                "-l", "k8s-file:" + spec.dir().resolve("log"),
                "--exit-dir", files.exitDir().toString(),
                "--persist-dir", files.persistDir().toString(),
                "--full-attach",
                "--socket-dir-path", spec.dir().toString(),
                "--log-level", "error",
                "-e", "--exec-process-spec", spec.plan().toString(),
                "--exec-attach"));
        if (spec.tty()) {
            args.add("-t");
        }
        if (spec.openStdin()) {
            args.add("-i");
        }
        return args;
    }

    /**
     * The exit code of a session whose sync pipe is gone (after a berthd restart): from its exit files,
     * empty while its conmon still runs, -1 when it is neither running nor recorded.
     */
    public static OptionalInt exitCode(MonitorFiles files) throws IOException {
        return switch (Conmon.inspect(files)) {
            case MonitorState.Exited e -> OptionalInt.of(e.exitCode());
            case MonitorState.Monitored m -> OptionalInt.empty();
            case MonitorState.Lost l -> OptionalInt.of(-1);
        };
    }

    /** Reads the sync pipe to its end: the attach and pid reports go to the queue, the last one is the exit. */
    private static void readReports(Process process, MonitorFiles files, BlockingQueue<Optional<String>> reports,
                                    CompletableFuture<Integer> exit) {
        String last = null;
        int count = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (++count <= 2) {
                    reports.add(Optional.of(line));
                } else {
                    last = line;
                }
            }
        } catch (IOException ignored) {
            // the pipe broke: the exit files tell the rest
        } finally {
            reports.offer(Optional.empty());
            try {
                process.getOutputStream().close(); // lets the wrapper script exit
            } catch (IOException ignored) {
                // it is gone already
            }
        }
        if (last != null) {
            try {
                if (Json.object(last.getBytes(StandardCharsets.UTF_8)).get("data") instanceof Number n) {
                    exit.complete(n.intValue());
                    return;
                }
            } catch (IOException ignored) {
                // not a report: fall back to the exit files
            }
        }
        try {
            OptionalInt code = exitCode(files);
            exit.complete(code.orElse(-1));
        } catch (IOException e) {
            exit.complete(-1);
        }
    }

    private static Map<String, Object> report(ExecLaunch spec, List<String> argv, Process process,
                                              BlockingQueue<Optional<String>> reports,
                                              CompletableFuture<String> stderr) throws IOException {
        Optional<String> line;
        try {
            line = reports.poll(REPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while starting exec " + spec.execId());
        }
        if (line == null) {
            throw new IOException("conmon for exec " + spec.execId() + " did not report within "
                    + REPORT_TIMEOUT.toSeconds() + "s");
        }
        if (line.isEmpty()) {
            String why = OciRuntimeException.cleanMessage(await(stderr));
            throw new OciRuntimeException(argv.subList(3, argv.size()), -1,
                    why.isEmpty() ? "conmon exited without reporting the exec's pid" : why);
        }
        return Json.object(line.get().getBytes(StandardCharsets.UTF_8));
    }

    private static OciRuntimeException failure(ExecLaunch spec, Map<String, Object> report,
                                               CompletableFuture<String> stderr) {
        String message = report.get("message") instanceof String s ? OciRuntimeException.cleanMessage(s) : "";
        if (message.isEmpty()) {
            message = OciRuntimeException.cleanMessage(await(stderr));
        }
        return new OciRuntimeException(List.of(spec.launcher().toString(), "exec", spec.containerId()),
                number(report), message.isEmpty() ? "exec failed" : message);
    }

    private static int number(Map<String, Object> report) {
        return report.get("data") instanceof Number n ? n.intValue() : -1;
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

    private static String await(CompletableFuture<String> text) {
        try {
            return text.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (Exception e) {
            return "";
        }
    }
}
