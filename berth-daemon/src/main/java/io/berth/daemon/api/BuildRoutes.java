package io.berth.daemon.api;

import io.berth.builder.BuildException;
import io.berth.builder.BuildOutput;
import io.berth.builder.Builder;
import io.berth.builder.Cancellation;
import io.berth.builder.PreparedBuild;
import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import io.berth.dockerfile.args.Platform;
import io.berth.dockerfile.request.BuildRequest;
import io.berth.dockerfile.request.BuildRequestDecoder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /build} (the classic builder: a JSON stream of {@code stream}, {@code aux} and
 * {@code errorDetail} messages), {@code POST /build/prune} and {@code POST /build/cancel}. What fails
 * before the first step (the request, the context, the Dockerfile) is an error status, as dockerd answers
 * before it has written anything; later errors end the stream. A client that goes away cancels the build.
 */
public record BuildRoutes(Builder builder) {
  /** berth's own extension: {@code RUN --mount=type=secret} contents, base64 JSON of id to base64 bytes. */
  static final String SECRETS_HEADER = "X-Berth-Build-Secrets";

  public void install(Router router) {
    router.post("/build", this::build);
    router.post("/build/prune", this::prune);
    router.post("/build/cancel", this::cancel);
  }

  private Response build(Request request) throws Exception {
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String name : request.query().names()) {
      query.put(name, request.query().all(name));
    }
    BuildRequest build = BuildRequestDecoder.decode(query, request.header("X-Registry-Config"),
        request.apiVersion().minor(), Platform.host());
    // the client going away cancels the build: its remote context's fetch, then its steps (dockerd's request
    // context); the watch starts once the body (the context) has been read
    Cancellation cancel = new Cancellation();
    request.onClientClose(cancel::cancel);
    PreparedBuild prepared = builder.prepare(build, request.body(), secrets(request.header(SECRETS_HEADER)),
        cancel);
    boolean wantAux = !request.apiVersion().isBefore("1.30");
    // the build's files are removed after the last chunk: the client need not wait for that
    return Response.stream(Response.JSON, out -> {
      ByteArrayOutputStream quietBuffer = new ByteArrayOutputStream();
      OutputStream target = build.quiet() ? quietBuffer : out;
      BuildOutput output = new JsonOutput(target, wantAux);
      try {
        String id = prepared.run(output);
        if (build.quiet()) {
          writeLine(out, Json.map("stream", id + "\n"));
        }
      } catch (BuildException | BerthException | io.berth.dockerfile.DockerfileException | java.io.IOException e) {
        if (build.quiet()) {
          out.write(quietBuffer.toByteArray());
        }
        writeLine(out, error(e));
      }
    }, prepared::close);
  }

  private static Map<String, Object> error(Exception e) {
    Map<String, Object> detail = new LinkedHashMap<>();
    if (e instanceof BuildException b && b.code() != 0) {
      detail.put("code", b.code());
    }
    detail.put("message", e.getMessage());
    return Json.map("errorDetail", detail, "error", e.getMessage());
  }

  private static Map<String, byte[]> secrets(String header) {
    if (header == null || header.isEmpty()) {
      return Map.of();
    }
    try {
      Map<String, Object> json = Json.object(Base64.getDecoder().decode(header));
      Map<String, byte[]> out = new LinkedHashMap<>();
      json.forEach((k, v) -> out.put(k, Base64.getDecoder().decode((String) v)));
      return out;
    } catch (java.io.IOException | RuntimeException e) {
      throw new BerthException.InvalidParameter("invalid " + SECRETS_HEADER + " header: " + e.getMessage());
    }
  }

  /** The classic builder's stream: one JSON message per line; RUN's stderr in red, as dockerd writes it. */
  private record JsonOutput(OutputStream out, boolean wantAux) implements BuildOutput {
    @Override
    public synchronized void stdout(String text) {
      writeLine(out, Json.map("stream", text));
    }

    @Override
    public synchronized void stderr(String text) {
      writeLine(out, Json.map("stream", "\033[91m" + text + "\033[0m"));
    }

    @Override
    public synchronized void aux(String imageId) {
      if (wantAux) {
        writeLine(out, Json.map("aux", Json.map("ID", imageId)));
      }
    }

    @Override
    public synchronized void progress(io.berth.engine.distribution.Progress progress) {
      writeLine(out, ProgressJson.of(progress));
    }
  }

  private static void writeLine(OutputStream out, Object json) {
    ImageRoutes.writeLine(out, json);
  }

  private Response prune(Request request) throws Exception {
    Filters filters = Filters.parse(request.query("filters"));
    long keep = bytes(request, "keep-storage");
    if (!request.apiVersion().isBefore("1.48")) {
      long reserved = bytes(request, "reserved-space");
      keep = reserved != 0 ? reserved : keep;
      if (bytes(request, "max-used-space") != 0 || bytes(request, "min-free-space") != 0) {
        throw new BerthException.InvalidParameter("berth's build cache prune takes keep-storage (reserved-space) "
            + "only, not max-used-space or min-free-space");
      }
    }
    var report = builder.prune(request.query().bool("all"), filters, keep);
    return Response.json(Json.map("CachesDeleted", report.deleted().isEmpty() ? null : report.deleted(),
        "SpaceReclaimed", report.spaceReclaimed()));
  }

  private static long bytes(Request request, String name) {
    String v = request.query(name);
    if (v == null || v.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new BerthException.InvalidParameter(name + " is in bytes and expects an integer, got " + v + ": "
          + "strconv.Atoi: parsing \"" + v + "\": invalid syntax");
    }
  }

  private Response cancel(Request request) {
    String id = request.query("id");
    if (id == null || id.isEmpty()) {
      throw new BerthException.InvalidParameter("build ID not provided");
    }
    throw new BerthException.NotFound("no build with ID " + id + ": the classic builder's builds have no IDs");
  }
}
