package io.berth.dockerfile.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The X-Registry-Config header: base64url JSON of credentials by registry. Like dockerd
 * (getAuthConfigs), a header that does not decode counts as no credentials, since pulling
 * without credentials is not an error either.
 */
final class RegistryConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryConfig() {}

  static Map<String, BuildRequest.AuthConfig> decode(String header) {
    Map<String, BuildRequest.AuthConfig> out = new LinkedHashMap<>();
    if (header == null || header.isEmpty()) {
      return out;
    }
    JsonNode root;
    try {
      root = JSON.readTree(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8));
    } catch (Exception e) {
      return out;
    }
    if (root == null || !root.isObject()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode a = e.getValue();
      if (!a.isObject()) {
        continue;
      }
      out.put(e.getKey(), new BuildRequest.AuthConfig(text(a, "username"), text(a, "password"), text(a, "auth"),
          text(a, "email"), text(a, "serveraddress"), text(a, "identitytoken"), text(a, "registrytoken")));
    }
    return out;
  }

  private static String text(JsonNode object, String field) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (name.equalsIgnoreCase(field) && object.get(name).isTextual()) {
        return object.get(name).textValue();
      }
    }
    return "";
  }
}
