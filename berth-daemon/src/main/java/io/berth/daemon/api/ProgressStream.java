package io.berth.daemon.api;

import io.berth.common.Json;
import io.berth.daemon.http.Response;
import io.berth.engine.distribution.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Runs a pull or push and streams its progress as dockerd does: the response begins with the
 * first progress line, so a failure before any (an unknown image, refused credentials) is an
 * ordinary error response with its status; a failure after is the stream's last line.
 */
final class ProgressStream {
  /** The operation, reporting to {@code out}. */
  interface Work {
    void run(Consumer<Progress> out) throws Exception;
  }

  private record Line(Progress progress, Exception failure, boolean end) {}

  private ProgressStream() {}

  static Response start(Work work) throws Exception {
    BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    Thread.ofVirtual().name("progress").start(() -> {
      try {
        work.run(p -> lines.add(new Line(p, null, false)));
        lines.add(new Line(null, null, true));
      } catch (Exception e) {
        lines.add(new Line(null, e, true));
      }
    });
    Line first = lines.take();
    if (first.failure() != null) {
      throw first.failure();
    }
    return Response.stream(Response.JSON, out -> {
      Line line = first;
      while (true) {
        if (line.progress() != null) {
          write(out, ProgressJson.of(line.progress()));
        } else {
          if (line.failure() != null) {
            write(out, ProgressJson.error(messageOf(line.failure())));
          }
          return;
        }
        line = lines.take();
      }
    });
  }

  private static String messageOf(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static void write(OutputStream out, Object json) throws IOException {
    byte[] bytes = Json.bytes(json);
    byte[] line = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, line, 0, bytes.length);
    line[bytes.length] = '\r';
    line[bytes.length + 1] = '\n';
    out.write(line);
    out.flush();
  }
}
