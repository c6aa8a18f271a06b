package io.berth.daemon.api;

import io.berth.common.BerthException;
import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import io.berth.engine.Engine;
import io.berth.engine.container.ExecConfig;
import io.berth.engine.container.ExecSession;
import io.berth.engine.container.ExecService;
import io.berth.engine.container.Stdio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The exec endpoints: create a session, start it (hijacked stdio, like attach), resize, inspect. */
public record ExecRoutes(Engine engine) {
  public void install(Router router) {
    router.post("/containers/{id}/exec", this::create);
    router.post("/exec/{id}/start", this::start);
    router.post("/exec/{id}/resize", this::resize);
    router.get("/exec/{id}/json", r -> Response.json(engine.exec().inspect(r.param("id"))));
  }

  private Response create(Request request) throws IOException {
    if (!request.hasBody()) {
      throw new BerthException.InvalidParameter("No exec command specified");
    }
    ExecSession s = engine.exec().create(request.param("id"), ExecConfig.decode(request.bodyBytes()));
    return Response.json(201, Json.map("Id", s.id()));
  }

  private Response resize(Request request) throws IOException {
    int h = request.query().intValue("h", 0);
    int w = request.query().intValue("w", 0);
    engine.exec().resize(request.param("id"), h, w);
    return Response.empty(200);
  }

  /** The body of {@code POST /exec/{id}/start}. */
  record StartRequest(boolean detach, boolean tty, java.util.List<Integer> consoleSize) {}

  private Response start(Request request) throws IOException {
    String id = request.param("id");
    StartRequest options = request.hasBody()
        ? io.berth.engine.container.config.ConfigCodec.decode(request.bodyBytes(), StartRequest.class)
        : new StartRequest(false, false, null);
    ExecSession s = engine.exec().get(id);
    if (options.detach()) { // as dockerd: started, nothing attached, the answer once it runs
      engine.exec().start(id).stdio().close();
      return Response.empty(200);
    }
    // As dockerd: the start request's Tty, not the session's, says whether output is framed
    boolean tty = options.tty();
    java.util.List<Integer> size = tty && !request.apiVersion().isBefore("1.42") ? options.consoleSize() : null;
    String type = !tty && !request.apiVersion().isBefore("1.42") ? Response.MULTIPLEXED_STREAM : Response.RAW_STREAM;
    byte[] detachKeys = ContainerIo.detachKeys(s.config().detachKeys());
    boolean stdout = s.config().attachStdout();
    boolean stderr = s.config().attachStderr();
    boolean stdin = s.config().attachStdin();
    // As dockerd: the connection is taken over first and the process started after, so the client sets
    // up its streams while the process starts; a failure to start goes down the stream (the exit code
    // is in inspect).
    return Response.hijack(type, (in, out) -> {
      ExecService.Started process;
      try {
        process = engine.exec().start(id);
      } catch (ExecService.StartFailure | BerthException e) {
        String text = e.getMessage();
        byte[] message = (text + "\r\n").getBytes(StandardCharsets.UTF_8);
        if (tty) {
          out.write(message);
        } else {
          StdFrames.write(out, StdFrames.STDOUT, message, 0, message.length);
        }
        out.flush();
        return;
      }
      if (size != null && size.size() == 2 && size.get(0) != null && size.get(0) > 0 && s.config().tty()) {
        try {
          engine.exec().resize(id, size.get(0), size.get(1));
        } catch (BerthException | IOException e) {
          // the process ended already
        }
      }
      Stdio socket = process.stdio();
      java.util.concurrent.atomic.AtomicBoolean detached = new java.util.concurrent.atomic.AtomicBoolean();
      // stdin on a platform thread: writing into a pipe the process does not read blocks in native code
      Thread input = stdin ? Thread.ofPlatform().daemon().name("exec-in " + id)
          .start(() -> copyStdin(in, socket, detachKeys, out, detached)) : null;
      // output on this thread: the session's output is a queue, which parks a virtual thread cheaply
      ContainerIo.pumpOutput(socket, out, tty, stdout, stderr);
      if (!detached.get()) {
        awaitRecorded(process, s);
      }
      // only now: the client, seeing the end, asks for the exit code at once
      ContainerIo.endExchange(input, out);
    });
  }

  /** The client asks for the exit code as soon as the stream ends: have it recorded by then. */
  private static void awaitRecorded(ExecService.Started process, ExecSession s) throws InterruptedException {
    try {
      process.exit().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return;
    }
    for (int i = 0; i < 200 && s.exitCode() == null; i++) {
      Thread.sleep(5);
    }
  }

  /** Client input to the process's stdin until end of input (which closes it) or the detach keys. */
  private static void copyStdin(InputStream in, Stdio socket, byte[] detach, OutputStream out,
      java.util.concurrent.atomic.AtomicBoolean detached) {
    byte[] buf = new byte[8192];
    int matched = 0;
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          if (detach.length > 0 && buf[i] == detach[matched]) {
            matched++;
            if (matched == detach.length) {
              if (i + 1 - matched > 0) {
                socket.write(buf, 0, i + 1 - matched);
              }
              detached.set(true);
              socket.close(); // the output pump ends; the process runs on
              out.close();
              return;
            }
          } else {
            matched = 0;
          }
        }
        socket.write(buf, 0, n);
      }
      socket.closeStdin();
    } catch (IOException e) {
      // the process's stdin or the client is gone
    }
  }
}
