package io.berth.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one host tool ({@code ip}, {@code iptables}) and collects what it printed. */
final class Command {
  /** Where the tools live when the daemon's PATH lacks the sbin directories. */
  private static final List<String> FALLBACK_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");
  private static final long TIMEOUT_SECONDS = 60;

  record Result(List<String> argv, int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }

    /** Throws with the tool's own words unless it exited 0. */
    Result check() {
      if (exitCode != 0) {
        throw new NetworkException(String.join(" ", argv) + ": exit " + exitCode + ": " + stderr.strip());
      }
      return this;
    }
  }

  private Command() {}

  static Result run(String... argv) {
    return run(List.of(argv), Map.of(), null);
  }

  /**
   * Runs {@code argv} with {@code extraEnv} added to berthd's environment, feeding {@code stdin}
   * (or nothing) and waiting for the exit.
   */
  static Result run(List<String> argv, Map<String, String> extraEnv, byte[] stdin) {
    List<String> resolved = new ArrayList<>(argv);
    resolved.set(0, locate(argv.getFirst()));
    ProcessBuilder pb = new ProcessBuilder(resolved);
    pb.environment().putAll(extraEnv);
    try {
      Process p = pb.start();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errReader = Thread.ofVirtual().start(() -> drain(p.getErrorStream(), err));
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new NetworkException(String.join(" ", argv) + ": timed out");
      }
      errReader.join();
      return new Result(argv, p.exitValue(), new String(out, StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new NetworkException(String.join(" ", argv) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetworkException(String.join(" ", argv) + ": interrupted", e);
    }
  }

  private static void drain(InputStream in, ByteArrayOutputStream sink) {
    try {
      in.transferTo(sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An absolute path is kept; a bare name is looked up in PATH, then in the sbin directories. */
  static String locate(String name) {
    if (name.contains("/")) {
      return name;
    }
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(":")));
    }
    dirs.addAll(FALLBACK_DIRS);
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new NetworkException(name + ": executable file not found in $PATH");
  }
}
