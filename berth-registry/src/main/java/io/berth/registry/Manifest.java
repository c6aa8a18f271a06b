package io.berth.registry;

import io.berth.common.Digest;
import io.berth.common.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A manifest as a registry served it: its exact bytes (whose digest names it) and what they say.
 * An image manifest points at a config and layers, an index at per-platform manifests; schema 1
 * is recognised only to be refused.
 */
public sealed interface Manifest permits Manifest.Image, Manifest.Index, Manifest.Schema1 {
  String mediaType();

  byte[] raw();

  default Digest digest() {
    return Digest.sha256(raw());
  }

  record Image(String mediaType, Descriptor config, List<Descriptor> layers, byte[] raw) implements Manifest {}

  record Index(String mediaType, List<Descriptor> manifests, byte[] raw) implements Manifest {}

  record Schema1(String mediaType, byte[] raw) implements Manifest {}

  /**
   * Reads a manifest; the media type comes from the document when it names one (OCI allows it
   * not to), else from the Content-Type the registry sent. Unknown kinds are a
   * {@link ManifestFormatException}.
   */
  static Manifest parse(byte[] raw, String contentType) throws ManifestFormatException {
    Map<String, Object> json;
    try {
      json = Json.object(raw);
    } catch (IOException e) {
      throw new ManifestFormatException("unsupported manifest format");
    }
    String type = json.get("mediaType") instanceof String s && !s.isEmpty() ? s : stripParameters(contentType);
    Object schemaVersion = json.get("schemaVersion");
    if (schemaVersion instanceof Number n && n.intValue() == 1) {
      return new Schema1(type.isEmpty() ? MediaTypes.DOCKER_SCHEMA1_SIGNED : type, raw);
    }
    if (type.isEmpty() || type.equals("application/json")) {
      type = json.containsKey("manifests") ? MediaTypes.OCI_INDEX : json.containsKey("config")
          ? MediaTypes.OCI_MANIFEST : "";
    }
    try {
      return switch (type) {
        case MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST -> new Image(type,
            descriptor(json.get("config"), false), descriptors(json.get("layers"), false), raw);
        case MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_INDEX -> new Index(type,
            descriptors(json.get("manifests"), true), raw);
        case MediaTypes.DOCKER_SCHEMA1, MediaTypes.DOCKER_SCHEMA1_SIGNED -> new Schema1(type, raw);
        default -> throw new ManifestFormatException("unsupported manifest format");
      };
    } catch (RuntimeException e) {
      throw new ManifestFormatException("unsupported manifest format");
    }
  }

  private static String stripParameters(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
  }

  private static List<Descriptor> descriptors(Object list, boolean withPlatform) {
    List<Descriptor> out = new ArrayList<>();
    if (list instanceof List<?> items) {
      for (Object item : items) {
        out.add(descriptor(item, withPlatform));
      }
    }
    return out;
  }

  private static Descriptor descriptor(Object o, boolean withPlatform) {
    Map<?, ?> m = (Map<?, ?>) o;
    Platform platform = null;
    if (withPlatform && m.get("platform") instanceof Map<?, ?> p) {
      platform = new Platform((String) p.get("os"), (String) p.get("architecture"), (String) p.get("variant"));
    }
    List<String> urls = new ArrayList<>();
    if (m.get("urls") instanceof List<?> u) {
      u.forEach(x -> urls.add(String.valueOf(x)));
    }
    String mediaType = m.get("mediaType") instanceof String s ? s : "";
    return new Descriptor(mediaType, Digest.parse((String) m.get("digest")),
        ((Number) m.get("size")).longValue(), urls, platform);
  }
}
