package io.berth.daemon.api;

import io.berth.common.BerthException;
import io.berth.common.GoTime;
import io.berth.common.TimeFilter;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.WebSocketStreams;
import io.berth.engine.Engine;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerLogs;
import io.berth.engine.container.Stdio;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** {@code logs} and {@code attach}: the container's stdio to the client, framed unless it has a TTY. */
record ContainerIo(Engine engine) {
  private static final byte[] DEFAULT_DETACH = {16, 17}; // ctrl-p ctrl-q

  private static String contentType(Request request, Container c) {
    return !c.tty() && !request.apiVersion().isBefore("1.42") ? Response.MULTIPLEXED_STREAM : Response.RAW_STREAM;
  }

  Response logs(Request request) {
    Container c = engine.containers().find(request.param("id"));
    boolean stdout = request.query().bool("stdout", false);
    boolean stderr = request.query().bool("stderr", false);
    if (!stdout && !stderr) {
      throw new BerthException.InvalidParameter("Bad parameters: you must choose at least one stream");
    }
    boolean timestamps = request.query().bool("timestamps", false);
    boolean details = request.query().bool("details", false);
    String tailText = request.query("tail");
    int tail = tailText == null || tailText.isEmpty() || tailText.equals("all") ? -1 : Integer.parseInt(tailText);
    Instant now = Instant.now();
    ContainerLogs.Query query = new ContainerLogs.Query(tail, timeParam(request.query("since"), now),
        timeParam(request.query("until"), now), request.query().bool("follow", false));
    boolean tty = c.tty();
    engine.logs().checkReadable(c.id()); // before the answer's head: the error keeps its status
    return Response.stream(contentType(request, c), out -> engine.logs().read(c.id(), query,
        new LogSink(out, tty, timestamps, details, stdout, stderr, request::clientClosed), request::clientClosed));
  }

  /**
   * Log records to the client: partial lines joined, optional details and timestamps, framed unless a TTY.
   * A line's details are its log attributes and a space (moby's logstream); berth's files hold none, since the
   * options that add them (labels, env, tag) are refused, so a line with details is a space and the line.
   */
  private static final class LogSink implements ContainerLogs.Sink {
    private static final byte[] NO_ATTRIBUTES = {' '};
    private final OutputStream out;
    private final boolean tty;
    private final boolean timestamps;
    private final boolean details;
    private final boolean stdout;
    private final boolean stderr;
    private final java.util.function.BooleanSupplier clientClosed;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    /** {@code tty}: raw output, else in Docker's frames. */
    LogSink(OutputStream out, boolean tty, boolean timestamps, boolean details, boolean stdout, boolean stderr,
        java.util.function.BooleanSupplier clientClosed) {
      this.out = out;
      this.tty = tty;
      this.timestamps = timestamps;
      this.details = details;
      this.stdout = stdout;
      this.stderr = stderr;
      this.clientClosed = clientClosed;
    }

    @Override
    public boolean accept(ContainerLogs.Line entry) throws IOException {
      if ((!entry.stderr() && !stdout) || (entry.stderr() && !stderr)) {
        return true;
      }
      partial.write(entry.content());
      if (entry.partial()) {
        return true;
      }
      byte[] line = partial.toByteArray();
      partial.reset();
      if (details) {
        line = prefixed(NO_ATTRIBUTES, line);
      }
      if (timestamps) { // nine digits always, as dockerd's rfc3339NanoFixed
        line = prefixed((GoTime.rfc3339NanoFixed(entry.time()) + " ").getBytes(StandardCharsets.UTF_8), line);
      }
      if (tty) {
        out.write(line);
        out.flush();
      } else {
        StdFrames.write(out, entry.stderr() ? StdFrames.STDERR : StdFrames.STDOUT, line, 0, line.length);
      }
      return !clientClosed.getAsBoolean();
    }

    private static byte[] prefixed(byte[] prefix, byte[] line) {
      byte[] out = new byte[prefix.length + line.length];
      System.arraycopy(prefix, 0, out, 0, prefix.length);
      System.arraycopy(line, 0, out, prefix.length, line.length);
      return out;
    }
  }

  private static Instant timeParam(String value, Instant now) {
    if (value == null || value.isEmpty() || value.equals("0")) {
      return null;
    }
    return TimeFilter.parse(value, now);
  }

  /** What an attach asks for: which streams, the logs so far, the live streams. */
  private record AttachOptions(boolean stdin, boolean stdout, boolean stderr, boolean logs, boolean stream,
      byte[] detachKeys, boolean framed) {}

  Response attach(Request request) throws IOException {
    Container c = engine.containers().find(request.param("id"));
    AttachOptions options = new AttachOptions(request.query().bool("stdin", false),
        request.query().bool("stdout", false), request.query().bool("stderr", false),
        request.query().bool("logs", false), request.query().bool("stream", false),
        detachKeys(request.query("detachKeys")), !c.tty());
    var socket = prepare(c, options);
    return Response.hijack(contentType(request, c), (in, out) -> serve(c, options, socket, in, out));
  }

  /**
   * {@code GET /containers/{id}/attach/ws}: the same over a WebSocket, never multiplexed (the frames keep
   * the writes apart); binary frames from API 1.28 on, and before 1.42 all three streams, as dockerd.
   */
  Response attachWebSocket(Request request) throws IOException {
    Container c = engine.containers().find(request.param("id"));
    String key = request.header("Sec-WebSocket-Key");
    if (key == null || key.isBlank() || !"websocket".equalsIgnoreCase(request.header("Upgrade"))) {
      throw new BerthException.InvalidParameter("websocket: the client is not using the websocket protocol");
    }
    boolean all = request.apiVersion().isBefore("1.42");
    AttachOptions options = new AttachOptions(all || request.query().bool("stdin", false),
        all || request.query().bool("stdout", false), all || request.query().bool("stderr", false),
        request.query().bool("logs", false), request.query().bool("stream", false),
        detachKeys(request.query("detachKeys")), false);
    var socket = prepare(c, options);
    boolean binary = !request.apiVersion().isBefore("1.28");
    return Response.websocket(key, (in, out) -> {
      WebSocketStreams ws = new WebSocketStreams(in, out, binary);
      serve(c, options, socket, ws.input(), ws.output());
    });
  }

  /** Checks what can be checked before the connection is taken over, and asks for the live streams. */
  private java.util.concurrent.CompletableFuture<Stdio> prepare(Container c, AttachOptions options)
      throws IOException {
    if (c.state().paused()) {
      throw new BerthException.Conflict("container " + c.id() + " is paused, unpause the container before attach");
    }
    if (options.logs()) {
      engine.logs().checkReadable(c.id());
    }
    if (!options.stream()) {
      return null;
    }
    engine.containers().event(c, "attach");
    return engine.lifecycle().attach(c.id());
  }

  /** The logs so far (with logs=1), then the live streams (with stream=1) until the end or a detach. */
  private void serve(Container c, AttachOptions options, java.util.concurrent.CompletableFuture<Stdio> socketFuture,
      InputStream in, OutputStream out) throws Exception {
    if (options.logs()) {
      engine.logs().read(c.id(), new ContainerLogs.Query(-1, null, null, false),
          new LogSink(out, !options.framed(), false, false, options.stdout(), options.stderr(), () -> false), () -> false);
      out.flush();
    }
    if (socketFuture == null) {
      endExchange(null, out);
      return;
    }
    Stdio socket;
    try {
      socket = socketFuture.get();
    } catch (java.util.concurrent.ExecutionException e) {
      return; // the start failed; the client learns it from start's answer
    }
    // The socket's reads and writes are native calls that would pin a virtual thread's carrier
    // (there are as few carriers as cores): pump on platform threads.
    Thread input = null;
    if (options.stdin() && c.config().openStdin()) {
      input = Thread.ofPlatform().daemon().name("attach-in " + c.shortId())
          .start(() -> copyStdin(in, socket, options.detachKeys(), c.config().stdinOnce(), out));
    }
    Thread output = Thread.ofPlatform().daemon().name("attach-out " + c.shortId())
        .start(() -> pumpOutput(socket, out, !options.framed(), options.stdout(), options.stderr()));
    output.join();
    endExchange(input, out);
    engine.containers().event(c, "detach");
  }

  /** How long a client that has seen the end of a hijacked stream may take to close the connection. */
  private static final java.time.Duration CLOSE_GRACE = java.time.Duration.ofSeconds(2);

  /**
   * Ends a hijacked exchange whose output is over while the client may still be sending: the write side
   * is shut down so that the client sees the end, and the input pump goes on reading (what it reads goes
   * nowhere) until the client closes, at most {@link #CLOSE_GRACE}, after which interrupting it closes
   * the connection. Closing with bytes unread would turn the client's end of stream into ECONNRESET.
   */
  static void endExchange(Thread input, OutputStream out) throws InterruptedException {
    try {
      out.close();
    } catch (IOException e) {
      // the client is gone
    }
    if (input != null) {
      input.join(CLOSE_GRACE);
      input.interrupt();
    }
  }

  /** A process's output to an attached client (raw with a TTY, else in Docker's frames) until it ends. */
  static void pumpOutput(Stdio socket, OutputStream out, boolean tty, boolean stdout, boolean stderr) {
    try (socket) {
      Stdio.Output packet;
      while ((packet = socket.read()) != null) {
        boolean isErr = packet.stderr();
        if ((isErr && !stderr) || (!isErr && !stdout)) {
          continue;
        }
        if (tty) {
          out.write(packet.data());
        } else {
          StdFrames.write(out, isErr ? StdFrames.STDERR : StdFrames.STDOUT, packet.data(), 0, packet.data().length);
        }
        out.flush();
      }
    } catch (IOException e) {
      // the client went away or detached: the process goes on
    }
  }

  /** Client input to the container's stdin, watching for the detach sequence. */
  private static void copyStdin(InputStream in, Stdio socket, byte[] detach, boolean stdinOnce,
      OutputStream out) {
    byte[] buf = new byte[8192];
    int matched = 0;
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (detach.length > 0 && buf[i] == detach[matched]) {
            matched++;
            if (matched == detach.length) {
              if (i + 1 - matched > start) {
                socket.write(buf, start, i + 1 - matched - start);
              }
              socket.close(); // detached: the output loop ends, the container runs on
              out.close();
              return;
            }
          } else {
            matched = 0;
          }
        }
        socket.write(buf, start, n - start);
      }
      if (stdinOnce) {
        socket.closeStdin();
      }
    } catch (IOException e) {
      // the container's stdin or the client is gone
    }
  }

  /** Docker's detach key syntax: {@code ctrl-p,ctrl-q}, {@code ctrl-@}, letters... */
  static byte[] detachKeys(String spec) {
    if (spec == null || spec.isEmpty()) {
      return DEFAULT_DETACH;
    }
    try {
      return io.berth.common.DetachKeySequence.toBytes(spec);
    } catch (IllegalArgumentException e) {
      throw new BerthException.InvalidParameter("Invalid escape keys (" + spec + ") provided");
    }
  }

}
