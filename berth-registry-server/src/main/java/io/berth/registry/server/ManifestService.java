package io.berth.registry.server;

import io.berth.common.Digest;
import io.berth.common.Json;
import io.berth.registry.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manifests: accepted only when the repository already holds everything they reference (so no crash can
 * leave a manifest pointing at a missing blob), served by tag or digest, deleted by digest (with the tags
 * that point at it) or by tag; and the referrers index kept beside them.
 */
final class ManifestService {
  /** distribution's limit on a manifest body. */
  static final int MAX_SIZE = 4 << 20;

  private final Store store;

  ManifestService(Store store) {
    this.store = store;
  }

  /** A manifest as served. */
  record Stored(Digest digest, String mediaType, byte[] content) {}

  /** What a successful PUT reports: the digest, and the subject when the manifest has one. */
  record Put(Digest digest, Digest subject) {}

  Digest resolve(String repository, String reference) {
    if (Names.isDigest(reference)) {
      return Names.digest(reference);
    }
    if (!Names.isTag(reference)) {
      throw ErrorCode.TAG_INVALID.error(Detail.of("tag", reference));
    }
    return store.repositories.resolveTag(repository, reference)
        .orElseThrow(() -> ErrorCode.MANIFEST_UNKNOWN.error(Detail.of("tag", reference)));
  }

  Stored get(String repository, String reference) throws IOException {
    Digest digest = resolve(repository, reference);
    String type = store.repositories.manifestType(repository, digest)
        .orElseThrow(() -> ErrorCode.MANIFEST_UNKNOWN.error(Detail.of("digest", digest.toString())));
    try {
      return new Stored(digest, type, store.blobs.read(digest));
    } catch (IOException e) {
      if (BlobStore.missing(e)) {
        throw ErrorCode.MANIFEST_UNKNOWN.error(Detail.of("digest", digest.toString()));
      }
      throw e;
    }
  }

  Put put(String repository, String reference, String contentType, byte[] raw) throws IOException {
    Digest digest = Digest.sha256(raw);
    String tag = null;
    if (Names.isDigest(reference)) {
      Digest named = Names.digest(reference);
      if (!named.equals(digest)) {
        throw ErrorCode.DIGEST_INVALID.error(Detail.of("digest", named.toString(), "actual", digest.toString()));
      }
    } else if (Names.isTag(reference)) {
      tag = reference;
    } else {
      throw ErrorCode.TAG_INVALID.error(Detail.of("tag", reference));
    }
    ManifestDocument doc = ManifestDocument.parse(raw, contentType);
    String finalTag = tag;
    store.guard.write(() -> {
      for (Digest blob : doc.blobs()) {
        if (!store.repositories.hasBlobLink(repository, blob) || !store.blobs.exists(blob)) {
          throw ErrorCode.MANIFEST_BLOB_UNKNOWN.error(Detail.of("digest", blob.toString()));
        }
      }
      for (Digest child : doc.manifests()) {
        if (store.repositories.manifestType(repository, child).isEmpty() || !store.blobs.exists(child)) {
          throw ErrorCode.MANIFEST_BLOB_UNKNOWN.error(Detail.of("digest", child.toString()));
        }
      }
      store.blobs.put(raw);
      store.repositories.putManifest(repository, digest, doc.mediaType());
      if (doc.subject() != null) {
        store.repositories.addReferrer(repository, doc.subject(), digest,
            Json.bytes(doc.referrerDescriptor(digest, raw.length)));
      }
      if (finalTag != null) {
        store.repositories.tag(repository, finalTag, digest);
      }
      List<Digest> reached = new ArrayList<>(doc.blobs());
      reached.addAll(doc.manifests());
      reached.add(digest);
      store.guard.reached(reached);
      return null;
    });
    return new Put(digest, doc.subject());
  }

  /** DELETE by digest removes the manifest and its tags; by tag, the tag alone. */
  void delete(String repository, String reference) throws IOException {
    if (!Names.isDigest(reference)) {
      if (!Names.isTag(reference)) {
        throw ErrorCode.TAG_INVALID.error(Detail.of("tag", reference));
      }
      if (!store.repositories.deleteTag(repository, reference)) {
        throw ErrorCode.MANIFEST_UNKNOWN.error(Detail.of("tag", reference));
      }
      return;
    }
    Digest digest = Names.digest(reference);
    if (store.repositories.manifestType(repository, digest).isEmpty()) {
      throw ErrorCode.MANIFEST_UNKNOWN.error(Detail.of("digest", digest.toString()));
    }
    store.repositories.untagAll(repository, digest);
    Digest subject = subjectOf(digest);
    store.repositories.deleteManifest(repository, digest);
    if (subject != null) {
      store.repositories.removeReferrer(repository, subject, digest);
    }
  }

  private Digest subjectOf(Digest digest) {
    try {
      return ManifestDocument.parse(store.blobs.read(digest), null).subject();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The referrers index of {@code subject}, filtered by artifact type when one is given. */
  Map<String, Object> referrers(String repository, Digest subject, String artifactType) throws IOException {
    List<Object> entries = new ArrayList<>();
    for (byte[] entry : store.repositories.referrers(repository, subject)) {
      Map<String, Object> descriptor = Json.object(entry);
      if (artifactType == null || artifactType.equals(descriptor.get("artifactType"))) {
        entries.add(descriptor);
      }
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    index.put("manifests", entries);
    return index;
  }
}
