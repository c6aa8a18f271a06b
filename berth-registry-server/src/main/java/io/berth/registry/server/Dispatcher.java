package io.berth.registry.server;

import io.berth.common.Digest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes every request of the distribution API to its handler and turns what they throw into the spec's
 * error bodies: a {@link RegistryError} as itself, a failure of the client's connection as nothing (it is
 * gone), anything else as a logged 500.
 */
final class Dispatcher {
  private static final Pattern UPLOADS = Pattern.compile("^/v2/(.+)/blobs/uploads/?$");
  private static final Pattern UPLOAD = Pattern.compile("^/v2/(.+)/blobs/uploads/([^/]+)$");
  private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/([^/]+)$");
  private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
  private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");
  private static final Pattern REFERRERS = Pattern.compile("^/v2/(.+)/referrers/([^/]+)$");

  private static final byte[] EMPTY_OBJECT = {'{', '}'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};

  private final BlobRoutes blobs;
  private final UploadRoutes uploads;
  private final ManifestRoutes manifests;
  private final DiscoveryRoutes discovery;
  private final Collector collector;
  private final Security security;
  private final Log log;

  /** How requests are authorized, and the token service when the registry serves tokens. */
  record Security(Auth auth, TokenService tokens) {}

  Dispatcher(Store store, Collector collector, Security security, List<URI> proxies, Log log) {
    BlobService blobService = new BlobService(store);
    ManifestService manifestService = new ManifestService(store);
    ProxyCache proxy = proxies.isEmpty() ? null : new ProxyCache(proxies, store, blobService, manifestService, log);
    this.blobs = new BlobRoutes(blobService, store, proxy);
    this.uploads = new UploadRoutes(blobService);
    this.manifests = new ManifestRoutes(manifestService, proxy);
    this.discovery = new DiscoveryRoutes(store);
    this.collector = collector;
    this.security = security;
    this.log = log;
  }

  /** Serves one request on the calling (virtual) thread and completes it, whatever happens. */
  void handle(Call call) {
    try {
      route(call);
      call.finish();
    } catch (RegistryError e) {
      answer(call, e);
    } catch (IOException e) {
      log.debug(call.method + " " + call.path + ": " + e);
      call.abort(e);
    } catch (RuntimeException | Error e) {
      log.error(call.method + " " + call.path + " failed", e);
      answer(call, ErrorCode.UNKNOWN.error());
    }
  }

  private void answer(Call call, RegistryError e) {
    if (call.answered()) {
      call.abort(e);
      return;
    }
    try {
      call.drainBody(); // the headers set so far stay: WWW-Authenticate, Content-Range
      call.error(e);
    } catch (IOException io) {
      call.abort(io);
    }
  }

  private void route(Call call) throws IOException {
    String path = call.path;
    String method = call.method;
    if (path.equals("/token") && security.tokens() != null) {
      require(method, "GET");
      security.tokens().serve(call);
      return;
    }
    if (path.equals("/v2/") || path.equals("/v2")) {
      require(method, "GET", "HEAD");
      call.user = security.auth().authorize(call, null);
      if (call.user != null && security.tokens() == null && call.header("Authorization") != null) {
        log.audit(call.user, "login", "result=ok");
      }
      call.bytes(200, "application/json", EMPTY_OBJECT); // the API's "I am here", and no JSON mapper needed
      return;
    }
    if (path.equals("/v2/_catalog")) {
      require(method, "GET");
      call.user = security.auth().authorize(call, Auth.Need.catalog());
      discovery.catalog(call);
      return;
    }
    if (path.equals("/v1/_ping")) {
      require(method, "GET", "HEAD");
      call.bytes(200, "application/json", TRUE);
      return;
    }
    if (path.equals("/v1/search")) {
      require(method, "GET");
      if (security.tokens() != null) {
        discovery.search(call, security.tokens().searchable(call));
      } else {
        call.user = security.auth().authorize(call, null);
        discovery.search(call, name -> true);
      }
      return;
    }
    if (path.equals("/_berth/gc")) {
      collect(call);
      return;
    }
    Matcher m;
    if ((m = UPLOADS.matcher(path)).matches()) {
      require(method, "POST");
      String repository = authorized(call, m.group(1));
      String from = call.query("from");
      boolean mayMount = from != null && Names.validRepository(from)
          && security.auth().allows(call, new Auth.Need("repository", from, "pull"));
      uploads.start(call, repository, mayMount);
    } else if ((m = UPLOAD.matcher(path)).matches()) {
      String repository = authorized(call, m.group(1));
      String id = m.group(2);
      switch (method) {
        case "PATCH" -> uploads.patch(call, repository, id);
        case "PUT" -> uploads.finish(call, repository, id);
        case "GET" -> uploads.status(call, repository, id);
        case "DELETE" -> uploads.cancel(call, repository, id);
        default -> throw ErrorCode.UNSUPPORTED.error();
      }
    } else if ((m = BLOB.matcher(path)).matches()) {
      String repository = authorized(call, m.group(1));
      Digest digest = Names.digest(m.group(2));
      switch (method) {
        case "GET" -> blobs.get(call, repository, digest);
        case "HEAD" -> blobs.head(call, repository, digest);
        case "DELETE" -> {
          blobs.delete(call, repository, digest);
          log.audit(call.user, "delete", "repository=" + repository + " blob=" + digest);
        }
        default -> throw ErrorCode.UNSUPPORTED.error();
      }
    } else if ((m = MANIFEST.matcher(path)).matches()) {
      String repository = authorized(call, m.group(1));
      String reference = m.group(2);
      switch (method) {
        case "GET", "HEAD" -> {
          manifests.get(call, repository, reference);
          if (method.equals("GET")) {
            log.audit(call.user, "pull", what(call, repository, reference));
          }
        }
        case "PUT" -> {
          manifests.put(call, repository, reference);
          log.audit(call.user, "push", what(call, repository, reference));
        }
        case "DELETE" -> {
          manifests.delete(call, repository, reference);
          log.audit(call.user, "delete", "repository=" + repository + " reference=" + reference);
        }
        default -> throw ErrorCode.UNSUPPORTED.error();
      }
    } else if ((m = TAGS.matcher(path)).matches()) {
      require(method, "GET");
      discovery.tags(call, authorized(call, m.group(1)));
    } else if ((m = REFERRERS.matcher(path)).matches()) {
      require(method, "GET");
      manifests.referrers(call, authorized(call, m.group(1)), m.group(2));
    } else {
      call.bytes(404, "text/plain; charset=utf-8", "404 page not found\n".getBytes());
    }
  }

  /** {@code POST /_berth/gc}: a collection now (what `berth registry garbage-collect` asks for); loopback only. */
  private void collect(Call call) throws IOException {
    require(call.method, "POST");
    if (!call.fromLoopback()) {
      throw ErrorCode.DENIED.error("garbage collection is triggered from the registry's own host only");
    }
    Collector.Result r = collector.collect();
    log.info("garbage collection: " + r.blobsRemoved() + " blob(s) removed, " + r.bytesFreed() + " bytes freed, "
        + r.linksRemoved() + " link(s) removed, " + r.uploadsPurged() + " upload(s) purged in " + r.millis() + " ms");
    call.json(200, Map.of("blobsRemoved", r.blobsRemoved(), "bytesFreed", r.bytesFreed(),
        "linksRemoved", r.linksRemoved(), "uploadsPurged", r.uploadsPurged(), "millis", r.millis()));
  }

  /** The repository a path names, once the request may do its method's action on it. */
  private String authorized(Call call, String name) {
    String repository = Names.repository(name);
    call.user = security.auth().authorize(call, Auth.Need.repository(repository, call.method));
    return repository;
  }

  private static String what(Call call, String repository, String reference) {
    String digest = call.responseHeader("Docker-Content-Digest");
    return "repository=" + repository + " reference=" + reference + (digest == null ? "" : " digest=" + digest);
  }

  private static void require(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw ErrorCode.UNSUPPORTED.error();
  }
}
