package io.berth.registry.server;

import io.berth.common.Digest;
import java.io.IOException;

/**
 * {@code /v2/<name>/manifests/<reference>} and {@code /v2/<name>/referrers/<digest>}. {@code proxy}: the
 * pull-through cache, or null.
 */
record ManifestRoutes(ManifestService manifests, ProxyCache proxy) {
  void get(Call call, String repository, String reference) throws IOException {
    if (proxy != null && (Names.isDigest(reference) || Names.isTag(reference))) {
      proxy.refresh(repository, reference);
    }
    ManifestService.Stored m = manifests.get(repository, reference);
    call.header("Docker-Content-Digest", m.digest().toString());
    call.header("ETag", "\"" + m.digest() + "\"");
    call.bytes(200, m.mediaType(), m.content());
  }

  void put(Call call, String repository, String reference) throws IOException {
    byte[] raw = call.bodyUpTo(ManifestService.MAX_SIZE,
        ErrorCode.MANIFEST_INVALID.error(413, "manifest too large (limit " + ManifestService.MAX_SIZE + " bytes)"));
    ManifestService.Put put = manifests.put(repository, reference, call.header("Content-Type"), raw);
    call.header("Location", "/v2/" + repository + "/manifests/" + put.digest());
    call.header("Docker-Content-Digest", put.digest().toString());
    if (put.subject() != null) {
      call.header("OCI-Subject", put.subject().toString());
    }
    call.empty(201);
  }

  void delete(Call call, String repository, String reference) throws IOException {
    manifests.delete(repository, reference);
    call.empty(202);
  }

  void referrers(Call call, String repository, String subject) throws IOException {
    Digest digest = Names.digest(subject);
    String artifactType = call.query("artifactType");
    if (artifactType != null && !artifactType.isEmpty()) {
      call.header("OCI-Filters-Applied", "artifactType");
    } else {
      artifactType = null;
    }
    call.bytes(200, io.berth.registry.MediaTypes.OCI_INDEX,
        io.berth.common.Json.bytes(manifests.referrers(repository, digest, artifactType)));
  }
}
