package io.berth.daemon.api;

import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.common.GoTime;
import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import io.berth.engine.Engine;
import io.berth.engine.image.ImageArchive;
import io.berth.engine.image.ImageRemover;
import io.berth.engine.image.ImageService;
import io.berth.registry.Platform;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /images} endpoints: decode, call the engine, encode. Nothing else. */
public record ImageRoutes(Engine engine) {
  public void install(Router router) {
    router.get("/images/json", this::list);
    router.post("/images/create", this::create);
    router.post("/images/load", this::load);
    router.get("/images/get", this::saveMany);
    router.post("/images/prune", this::prune);
    router.get("/images/{name:.*}/json", this::inspect);
    router.get("/images/{name:.*}/history", this::history);
    router.get("/images/{name:.*}/get", this::saveOne);
    router.post("/images/{name:.*}/tag", this::tag);
    router.delete("/images/{name:.*}", this::remove);
  }

  private Response list(Request request) {
    Filters filters = Filters.parse(request.query("filters"));
    String legacyFilter = request.query("filter");
    if (request.apiVersion().isBefore("1.25") && !filters.has("reference") && legacyFilter != null
        && !legacyFilter.isEmpty()) { // API 1.24's filter=, a glob on repository names: dockerd reads it as reference
      Map<String, List<String>> values = new LinkedHashMap<>(filters.values());
      values.put("reference", List.of(legacyFilter));
      filters = new Filters(values);
    }
    boolean all = request.query().bool("all", false);
    boolean sharedSize = request.query().bool("shared-size", false);
    List<Object> out = new ArrayList<>();
    for (ImageService.Summary s : engine.imageService().list(filters, all, sharedSize)) {
      out.add(ImageJson.summary(s, request.apiVersion().isBefore("1.44")));
    }
    return Response.json(out);
  }

  /**
   * dockerd's getImagesByName: {@code manifests} (1.48) lists nothing in a graph store, as dockerd's;
   * {@code platform} (1.49) must be the image's; the two together are refused.
   */
  private Response inspect(Request request) throws Exception {
    boolean manifests = request.apiVersion().isAtLeast("1.48") && request.query().bool("manifests");
    Platform platform = request.apiVersion().isAtLeast("1.49") ? PlatformQuery.decode(request.query("platform")) : null;
    if (manifests && platform != null) {
      throw new BerthException.InvalidParameter("conflicting options: manifests and platform options cannot both be set");
    }
    ImageService.Details d = engine.imageService().inspect(request.param("name"), platform);
    return Response.json(ImageJson.inspect(d, request.apiVersion().isBefore("1.44"),
        request.apiVersion().isBefore("1.45")));
  }

  private Response history(Request request) {
    Platform platform = request.apiVersion().isAtLeast("1.48") ? PlatformQuery.decode(request.query("platform")) : null;
    List<Object> out = new ArrayList<>();
    for (ImageService.HistoryItem h : engine.imageService().history(request.param("name"), platform)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Comment", h.comment());
      m.put("Created", h.created());
      m.put("CreatedBy", h.createdBy());
      m.put("Id", h.id());
      m.put("Size", h.size());
      m.put("Tags", h.tags());
      out.add(m);
    }
    return Response.json(out);
  }

  private Response tag(Request request) throws Exception {
    engine.imageService().tag(request.param("name"), request.query("repo"), request.query("tag"));
    return Response.empty(201);
  }

  private Response remove(Request request) throws Exception {
    List<Object> out = new ArrayList<>();
    boolean force = request.query().bool("force", false);
    boolean noprune = request.query().bool("noprune", false);
    List<Platform> platforms = request.apiVersion().isAtLeast("1.50")
        ? PlatformQuery.decodeAll(request.query().all("platforms")) : List.of();
    if (platforms.size() > 1) {
      throw new BerthException.InvalidParameter("multiple platforms are not supported"); // one image per reference
    }
    Platform platform = platforms.isEmpty() ? null : platforms.getFirst();
    for (ImageRemover.Removed r : engine.imageRemover().remove(request.param("name"), force, !noprune, platform)) {
      out.add(r.untagged() != null ? Json.map("Untagged", r.untagged()) : Json.map("Deleted", r.deleted()));
    }
    return Response.json(out);
  }

  private Response prune(Request request) throws Exception {
    ImageRemover.PruneReport report = engine.imageRemover().prune(Filters.parse(request.query("filters")));
    List<Object> deleted = new ArrayList<>();
    for (ImageRemover.Removed r : report.removed()) {
      deleted.add(r.untagged() != null ? Json.map("Untagged", r.untagged()) : Json.map("Deleted", r.deleted()));
    }
    return Response.json(Json.map("ImagesDeleted", deleted.isEmpty() ? null : deleted,
        "SpaceReclaimed", report.spaceReclaimed()));
  }

  /** {@code POST /images/create}: import from the request body ({@code fromSrc=-}), or pull ({@code fromImage}). */
  private Response create(Request request) throws Exception {
    String fromSrc = request.query("fromSrc");
    String fromImage = request.query("fromImage");
    if (fromSrc == null || fromSrc.isEmpty()) {
      if (fromImage != null && !fromImage.isEmpty()) {
        return new DistributionRoutes(engine).pull(request);
      }
      throw new BerthException.InvalidParameter("fromImage or fromSrc is required");
    }
    if (!fromSrc.equals("-")) {
      throw new BerthException.InvalidParameter("importing from a URL is not supported: " + fromSrc);
    }
    List<String> changes = request.query().all("changes");
    var image = engine.imageImporter().importTar(request.body(), request.query("repo"), request.query("tag"),
        request.query("message"), changes, fromSrc, PlatformQuery.parse(request.query("platform")));
    return Response.stream(Response.JSON, out -> writeLine(out, Json.map("status", image.id().toString())));
  }

  /** dockerd's postImagesLoad: quiet unless asked otherwise; with a platform, only its images are loaded. */
  private Response load(Request request) {
    Platform platform = exportPlatform(request);
    boolean quiet = request.query().bool("quiet", true);
    return Response.stream(Response.JSON, out -> {
      try {
        engine.imageArchive().load(request.body(), quiet, platform, p -> writeLine(out, progressJson(p)));
      } catch (BerthException | java.io.IOException e) {
        writeLine(out, Json.map("errorDetail", Json.map("message", e.getMessage()), "error", e.getMessage()));
      }
    });
  }

  private static Map<String, Object> progressJson(ImageArchive.Progress p) {
    if (p.stream() != null) {
      return Json.map("stream", p.stream());
    }
    return Json.map("status", p.status(), "progressDetail", Json.map("current", p.current(), "total", p.total()),
        "id", p.id());
  }

  private Response saveOne(Request request) throws Exception {
    return save(List.of(request.param("name")), exportPlatform(request));
  }

  private Response saveMany(Request request) throws Exception {
    return save(request.query().all("names"), exportPlatform(request));
  }

  /** The {@code platform} of save and load (API 1.48); this API version takes one at most, as dockerd's. */
  private static Platform exportPlatform(Request request) {
    if (request.apiVersion().isBefore("1.48")) {
      return null;
    }
    List<String> values = request.query().all("platform");
    if (values.size() > 1) {
      throw new BerthException.InvalidParameter("multiple platform parameters are not supported in this API version;"
          + " use API version 1.52 or later");
    }
    return values.isEmpty() ? null : PlatformQuery.decode(values.getFirst());
  }

  private Response save(List<String> names, Platform platform) throws Exception {
    ImageArchive.Selection selection = engine.imageArchive().select(names, platform);
    return Response.stream("application/x-tar", out -> engine.imageArchive().save(selection, out));
  }

  static void writeLine(OutputStream out, Object json) {
    try {
      byte[] bytes = Json.bytes(json);
      byte[] line = new byte[bytes.length + 1];
      System.arraycopy(bytes, 0, line, 0, bytes.length);
      line[bytes.length] = '\n';
      out.write(line);
      out.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String time(Instant t) {
    return GoTime.rfc3339Nano(t);
  }
}
