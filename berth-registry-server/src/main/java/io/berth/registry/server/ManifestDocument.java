package io.berth.registry.server;

import io.berth.common.Digest;
import io.berth.common.Json;
import io.berth.registry.Descriptor;
import io.berth.registry.Manifest;
import io.berth.registry.ManifestFormatException;
import io.berth.registry.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the registry needs of a pushed manifest: its media type, the blobs and manifests it references (which
 * the repository must hold before it is accepted), and the referrers API's fields (subject, artifactType,
 * annotations). The kinds and descriptors come from berth-registry's {@link Manifest}.
 */
record ManifestDocument(String mediaType, List<Digest> blobs, List<Digest> manifests, Digest subject,
                        String artifactType, Map<String, Object> annotations) {

  /** Parses and checks a manifest body; anything malformed is MANIFEST_INVALID. */
  static ManifestDocument parse(byte[] raw, String contentType) {
    Map<String, Object> json;
    try {
      json = Json.object(raw);
    } catch (IOException | RuntimeException e) {
      throw invalid("manifest is not a JSON object");
    }
    if (!(json.get("schemaVersion") instanceof Number version) || version.intValue() != 2) {
      throw invalid("schemaVersion must be 2 (schema 1 manifests are not accepted)");
    }
    String header = contentType == null ? "" : contentType.split(";", 2)[0].trim();
    if (json.get("mediaType") instanceof String declared && !header.isEmpty() && !declared.equals(header)) {
      throw invalid("mediaType " + declared + " does not match Content-Type " + header);
    }
    Manifest manifest;
    try {
      manifest = Manifest.parse(raw, header);
    } catch (ManifestFormatException e) {
      throw invalid(e.getMessage());
    }
    List<Digest> blobs = new ArrayList<>();
    List<Digest> manifests = new ArrayList<>();
    String artifactType = json.get("artifactType") instanceof String s ? s : null;
    switch (manifest) {
      case Manifest.Image image -> {
        blobs.add(image.config().digest());
        image.layers().stream().filter(l -> l.urls().isEmpty()).map(Descriptor::digest).forEach(blobs::add);
        if (artifactType == null) {
          artifactType = image.config().mediaType();
        }
      }
      case Manifest.Index index -> index.manifests().forEach(d -> manifests.add(d.digest()));
      case Manifest.Schema1 ignored -> throw invalid("schema 1 manifests are not accepted");
    }
    for (Digest d : blobs) {
      requireSha256(d);
    }
    Digest subject = null;
    if (json.get("subject") instanceof Map<?, ?> s) {
      try {
        subject = Digest.parse((String) s.get("digest"));
      } catch (RuntimeException e) {
        throw invalid("subject has no valid digest");
      }
    }
    Map<String, Object> annotations = new LinkedHashMap<>();
    if (json.get("annotations") instanceof Map<?, ?> a) {
      a.forEach((k, v) -> annotations.put(String.valueOf(k), v));
    }
    return new ManifestDocument(manifest.mediaType(), blobs, manifests, subject, artifactType, annotations);
  }

  /** This manifest's entry in a referrers index. */
  Map<String, Object> referrerDescriptor(Digest digest, long size) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("digest", digest.toString());
    d.put("size", size);
    if (artifactType != null && !artifactType.isEmpty()) {
      d.put("artifactType", artifactType);
    }
    if (!annotations.isEmpty()) {
      d.put("annotations", annotations);
    }
    return d;
  }

  boolean isIndex() {
    return mediaType.equals(MediaTypes.OCI_INDEX) || mediaType.equals(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  private static void requireSha256(Digest d) {
    if (!d.algorithm().equals("sha256")) {
      throw invalid("unsupported digest algorithm in " + d);
    }
  }

  private static RegistryError invalid(String why) {
    return ErrorCode.MANIFEST_INVALID.error(why);
  }
}
