package io.berth.daemon.api;

import io.berth.common.Json;
import io.berth.registry.Credentials;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * Docker's AuthConfig as clients send it: {@code X-Registry-Auth} (base64url JSON) on pull and
 * push, the JSON body of {@code POST /auth}. An {@code auth} field (base64 "user:password") stands
 * for the user name and password when those are empty.
 */
record RegistryAuth(Credentials credentials, String serverAddress) {
  static final RegistryAuth NONE = new RegistryAuth(Credentials.ANONYMOUS, "");

  static RegistryAuth fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    byte[] json;
    try {
      json = Base64.getUrlDecoder().decode(padded(header.trim().replace('+', '-').replace('/', '_')));
    } catch (IllegalArgumentException e) {
      return NONE; // dockerd ignores an auth header it cannot decode
    }
    try {
      return fromJson(Json.object(json));
    } catch (IOException e) {
      return NONE;
    }
  }

  private static String padded(String s) {
    return s.length() % 4 == 0 ? s : s + "=".repeat(4 - s.length() % 4);
  }

  static RegistryAuth fromJson(Map<String, Object> m) {
    return new RegistryAuth(Credentials.fromAuthConfig(string(m, "username"), string(m, "password"), string(m, "auth"),
        string(m, "identitytoken"), string(m, "registrytoken")), string(m, "serveraddress"));
  }

  private static String string(Map<String, Object> m, String key) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key) && e.getValue() instanceof String s) {
        return s;
      }
    }
    return "";
  }
}
