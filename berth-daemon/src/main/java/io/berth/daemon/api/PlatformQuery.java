package io.berth.daemon.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.BerthException;
import io.berth.common.Json;
import io.berth.daemon.http.JsonErrors;
import io.berth.registry.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code platform} query values: JSON-encoded OCI platforms for history, save, load, delete, inspect and push
 * (dockerd's httputils.DecodePlatform, {@link #decode}); {@code os[/arch[/variant]]} text for pull, import and
 * container create (containerd's platforms.Parse, {@link #parse}). Each refused in the words dockerd gives.
 */
final class PlatformQuery {
  private PlatformQuery() {}

  /** Text as containerd's Parse reads it, normalized; null when there is none. */
  static Platform parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    io.berth.dockerfile.args.Platform p;
    try {
      p = io.berth.dockerfile.args.Platform.parse(text, io.berth.dockerfile.args.Platform.host());
    } catch (io.berth.dockerfile.DockerfileException e) {
      throw new BerthException.InvalidParameter(e.getMessage());
    }
    return new Platform(p.os(), p.architecture(), p.variant());
  }

  /** One value; null when there is none. */
  static Platform decode(String json) {
    if (json == null || json.isEmpty()) {
      return null;
    }
    Map<String, String> fields = fields(json);
    String os = fields.getOrDefault("os", "");
    String architecture = fields.getOrDefault("architecture", "");
    boolean anyOptional = !fields.getOrDefault("variant", "").isEmpty() || fields.containsKey("os.version")
        || fields.containsKey("os.features");
    if (os.isEmpty() && architecture.isEmpty() && anyOptional) {
      throw new BerthException.InvalidParameter("optional platform fields provided, but OS and Architecture are missing");
    }
    if (os.isEmpty() || architecture.isEmpty()) {
      throw new BerthException.InvalidParameter("both OS and Architecture must be provided");
    }
    // os.version and os.features only tell Windows builds apart: containerd's matchers ignore them for linux
    return new Platform(os, architecture, fields.getOrDefault("variant", ""));
  }

  /** Every value, in order (dockerd's DecodePlatforms). */
  static List<Platform> decodeAll(List<String> values) {
    List<Platform> out = new ArrayList<>();
    for (String value : values) {
      out.add(decode(value));
    }
    return out;
  }

  /**
   * The platform's string fields as Go's json.Unmarshal fills an ocispec.Platform: keys matched without
   * regard to case, unknown keys ignored, a value of the wrong type refused. Present optional fields
   * are kept when non-empty ({@code os.features} as a marker).
   */
  private static Map<String, String> fields(String json) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid(JsonErrors.describe(e));
    }
    Map<String, String> fields = new java.util.HashMap<>();
    if (node == null || node.isNull()) {
      return fields;
    }
    if (!node.isObject()) {
      throw invalid(GoDecoding.cannotUnmarshal(node, "v1.Platform"));
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      JsonNode value = e.getValue();
      switch (key) {
        case "os", "architecture", "variant", "os.version" -> {
          if (!value.isNull() && !value.isTextual()) {
            throw invalid(GoDecoding.cannotUnmarshalField(value, "Platform." + key, "string"));
          }
          if (value.isTextual() && !value.asText().isEmpty()) {
            fields.put(key, value.asText());
          }
        }
        case "os.features" -> {
          if (!value.isNull() && !value.isArray()) {
            throw invalid(GoDecoding.cannotUnmarshalField(value, "Platform.os.features", "[]string"));
          }
          for (JsonNode feature : value) {
            if (!feature.isTextual()) {
              throw invalid(GoDecoding.cannotUnmarshalField(feature, "Platform.os.features", "string"));
            }
          }
          if (value.size() > 0) {
            fields.put(key, "");
          }
        }
        default -> {
        }
      }
    }
    return fields;
  }

  private static BerthException.InvalidParameter invalid(String message) {
    return new BerthException.InvalidParameter("failed to parse platform: " + message);
  }
}
