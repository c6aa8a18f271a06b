package io.berth.daemon.api;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.Filters;
import io.berth.common.GoQuote;
import io.berth.common.ImageReference;
import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import io.berth.engine.Engine;
import io.berth.engine.distribution.Distribution;
import io.berth.engine.distribution.PullService;
import io.berth.engine.distribution.SearchService;
import io.berth.registry.Platform;
import io.berth.registry.V1Index;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registry endpoints: pull ({@code POST /images/create?fromImage=}), push, login, search, distribution inspect. Decode, call, encode. */
record DistributionRoutes(Engine engine) {
  void install(Router router) {
    router.get("/distribution/{name:.*}/json", this::inspect);
    router.post("/images/{name:.*}/push", this::push);
    router.post("/auth", this::auth);
    router.get("/images/search", this::search);
  }

  /** dockerd's getImagesSearch: term, limit (25 when absent), filters; the hits as Docker's SearchResult list. */
  private Response search(Request request) throws Exception {
    Filters filters = SearchService.validate(Filters.parse(request.query("filters")));
    String limitText = request.query("limit");
    int limit = SearchService.DEFAULT_LIMIT;
    if (limitText != null && !limitText.isEmpty()) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        throw new BerthException.InvalidParameter("strconv.Atoi: parsing " + GoQuote.quote(limitText)
            + ": invalid syntax");
      }
    }
    String term = request.query("term") == null ? "" : request.query("term");
    RegistryAuth auth = RegistryAuth.fromHeader(request.header("X-Registry-Auth"));
    List<Object> out = new ArrayList<>();
    for (V1Index.Result r : engine.distribution().search().search(term, limit, filters, auth.credentials())) {
      out.add(Json.map("star_count", r.starCount(), "is_official", r.official(), "name", r.name(),
          "is_automated", r.automated(), "description", r.description()));
    }
    return Response.json(out);
  }

  /** {@code POST /auth}: checks an AuthConfig against its registry, as {@code docker login} asks. */
  private Response auth(Request request) throws Exception {
    RegistryAuth auth = RegistryAuth.fromJson(request.jsonObject());
    String token = engine.distribution().login(auth.serverAddress(), auth.credentials());
    return Response.json(Json.map("IdentityToken", token, "Status", "Login Succeeded"));
  }

  /** dockerd's postImagesPush: the repository, an optional tag (none: every tag), a platform, credentials. */
  private Response push(Request request) throws Exception {
    ImageReference ref = ImageReference.parse(request.param("name"));
    String tag = request.query("tag");
    if (tag != null && !tag.isEmpty()) {
      if (!ImageReference.isValidTag(tag)) {
        throw new BerthException.InvalidParameter("invalid reference format");
      }
      ref = new ImageReference(ref.domain(), ref.path(), tag, null);
    }
    Platform platform = request.apiVersion().isAtLeast("1.46") ? PlatformQuery.decode(request.query("platform")) : null;
    RegistryAuth auth = RegistryAuth.fromHeader(request.header("X-Registry-Auth"));
    io.berth.engine.distribution.PushService.PushRequest push =
        new io.berth.engine.distribution.PushService.PushRequest(ref, platform, auth.credentials());
    return ProgressStream.start(out -> engine.distribution().push().push(push, out));
  }

  /** dockerd's postImagesCreate for {@code fromImage}: the reference, tag or digest, platform and credentials. */
  Response pull(Request request) throws Exception {
    ImageReference ref = pullReference(request.query("fromImage"), request.query("tag"));
    Platform platform = PlatformQuery.parse(request.query("platform"));
    RegistryAuth auth = RegistryAuth.fromHeader(request.header("X-Registry-Auth"));
    PullService.PullRequest pull = new PullService.PullRequest(ref, ref.tag() == null && ref.digest() == null,
        platform, auth.credentials());
    return ProgressStream.start(out -> engine.distribution().pull().pull(pull, out));
  }

  static ImageReference pullReference(String fromImage, String tag) {
    ImageReference ref = ImageReference.parse(fromImage);
    if (tag == null || tag.isEmpty()) {
      return ref;
    }
    if (tag.contains(":")) {
      try {
        Digest.parse(tag);
        return new ImageReference(ref.domain(), ref.path(), null, tag);
      } catch (BerthException.InvalidParameter e) {
        throw new BerthException.InvalidParameter("invalid reference format");
      }
    }
    if (!ImageReference.isValidTag(tag)) {
      throw new BerthException.InvalidParameter("invalid reference format");
    }
    return new ImageReference(ref.domain(), ref.path(), tag, null);
  }

  private Response inspect(Request request) throws Exception {
    ImageReference ref = ImageReference.parse(request.param("name"));
    RegistryAuth auth = RegistryAuth.fromHeader(request.header("X-Registry-Auth"));
    Distribution.Inspection i = engine.distribution().inspect(ref, auth.credentials());
    List<Object> platforms = new ArrayList<>();
    for (Platform p : i.platforms()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("architecture", p.architecture());
      m.put("os", p.os());
      if (!p.variant().isEmpty()) {
        m.put("variant", p.variant());
      }
      platforms.add(m);
    }
    return Response.json(Json.map("Descriptor", Json.map("mediaType", i.descriptor().mediaType(),
        "digest", i.descriptor().digest().toString(), "size", i.descriptor().size()), "Platforms", platforms));
  }
}
