package io.berth.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short helper command (a runtime subcommand) to completion, with a deadline. */
final class Command {
  private Command() {
  }

  record Result(int exitCode, byte[] stdout, String stderr) {
    String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  static Result run(List<String> argv, byte[] stdin, Path workDir, Duration timeout) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process p = pb.start();
    // Both pipes are drained concurrently so a chatty runtime cannot block on a full pipe.
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    Thread outPump = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
    Thread errPump = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
    try {
      if (stdin != null) {
        try (OutputStream in = p.getOutputStream()) {
          in.write(stdin);
        }
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor();
        throw new IOException(argv.getFirst() + " " + (argv.size() > 1 ? argv.get(1) : "")
            + " did not finish within " + timeout.toSeconds() + "s");
      }
      outPump.join();
      errPump.join();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + argv.getFirst());
    }
    return new Result(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the process is gone; what was read is what there is
    }
  }
}
