package io.berth.registry;

import io.berth.common.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A content descriptor: what a manifest says of a blob or of another manifest. {@code platform}
 * is set only on the entries of an index; {@code urls} only on foreign layers.
 */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls, Platform platform) {

  public Descriptor {
    urls = urls == null ? List.of() : List.copyOf(urls);
  }

  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, List.of(), null);
  }

  /** The short ID progress messages name a blob by (its digest's first 12 hex digits). */
  public String shortId() {
    return digest.shortHex();
  }

  /** As a manifest writes it (mediaType, size, digest; Docker's field order). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mediaType", mediaType);
    m.put("size", size);
    m.put("digest", digest.toString());
    if (!urls.isEmpty()) {
      m.put("urls", urls);
    }
    return m;
  }
}
