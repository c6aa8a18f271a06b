package io.berth.cli;

import io.berth.client.JsonParser;
import io.berth.client.JsonWriter;
import io.berth.common.JsonIndent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Docker CLI's {@code config.json} ({@code $DOCKER_CONFIG}, else {@code ~/.docker}): registry
 * credentials in {@code auths} (base64 "user:password"), or kept by a credential helper
 * ({@code credHelpers} per registry, {@code credsStore} for all) run as {@code docker-credential-NAME}.
 */
final class DockerConfig {
  static final String HUB = "https://index.docker.io/v1/";
  private final Path file;
  private final Map<String, Object> json;

  private DockerConfig(Path file, Map<String, Object> json) {
    this.file = file;
    this.json = json;
  }

  static DockerConfig load(Map<String, String> env) throws IOException {
    String dir = env.get("DOCKER_CONFIG");
    Path base = dir != null && !dir.isEmpty() ? Path.of(dir)
        : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
    Path file = base.resolve("config.json");
    Map<String, Object> json = new LinkedHashMap<>();
    if (Files.exists(file)) {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length > 0) {
        json = JsonParser.parseObject(bytes);
      }
    }
    return new DockerConfig(file, json);
  }

  Path file() {
    return file;
  }

  /** The key credentials are kept under: Docker Hub's legacy URL, else the host[:port]. */
  static String serverKey(String domain) {
    return domain.equals("docker.io") ? HUB : domain;
  }

  /** A user name and password (or identity token) for {@code server}, or null. */
  record Auth(String username, String password, String identityToken, String serverAddress) {}

  Auth get(String server) throws IOException {
    String helper = helperFor(server);
    if (helper != null) {
      return CredentialHelper.get(helper, server);
    }
    if (json.get("auths") instanceof Map<?, ?> auths) {
      for (Map.Entry<?, ?> e : auths.entrySet()) {
        if (!sameServer(String.valueOf(e.getKey()), server) || !(e.getValue() instanceof Map<?, ?> entry)) {
          continue;
        }
        String user = entry.get("username") instanceof String s ? s : "";
        String pass = entry.get("password") instanceof String s ? s : "";
        if (entry.get("auth") instanceof String a && !a.isEmpty()) {
          String decoded = new String(Base64.getDecoder().decode(a), StandardCharsets.UTF_8);
          int colon = decoded.indexOf(':');
          if (colon >= 0) {
            user = decoded.substring(0, colon);
            pass = decoded.substring(colon + 1);
          }
        }
        String token = entry.get("identitytoken") instanceof String t ? t : "";
        return new Auth(user, pass, token, server);
      }
    }
    return null;
  }

  /** Keys may be written as URLs ({@code https://host/v1/}); they match by host. */
  private static boolean sameServer(String key, String server) {
    return strip(key).equals(strip(server));
  }

  private static String strip(String s) {
    String x = s.replaceFirst("^https?://", "");
    int slash = x.indexOf('/');
    return slash < 0 ? x : x.substring(0, slash);
  }

  private String helperFor(String server) {
    if (json.get("credHelpers") instanceof Map<?, ?> helpers && helpers.get(strip(server)) instanceof String h) {
      return h;
    }
    return json.get("credsStore") instanceof String s && !s.isEmpty() ? s : null;
  }

  boolean usesHelper(String server) {
    return helperFor(server) != null;
  }

  void store(Auth auth) throws IOException {
    String helper = helperFor(auth.serverAddress());
    if (helper != null) {
      CredentialHelper.store(helper, auth);
      return;
    }
    Map<String, Object> auths = auths();
    Map<String, Object> entry = new LinkedHashMap<>();
    if (!auth.identityToken().isEmpty()) {
      entry.put("auth", Base64.getEncoder().encodeToString((auth.username() + ":").getBytes(StandardCharsets.UTF_8)));
      entry.put("identitytoken", auth.identityToken());
    } else {
      entry.put("auth", Base64.getEncoder().encodeToString(
          (auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8)));
    }
    auths.put(auth.serverAddress(), entry);
    save();
  }

  /** Forgets {@code server}'s credentials; false when none were kept. */
  boolean erase(String server) throws IOException {
    String helper = helperFor(server);
    if (helper != null) {
      CredentialHelper.erase(helper, server);
    }
    Map<String, Object> auths = auths();
    boolean removed = auths.keySet().removeIf(k -> sameServer(k, server));
    if (removed) {
      save();
    }
    return removed || helper != null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> auths() {
    if (!(json.get("auths") instanceof Map<?, ?>)) {
      json.put("auths", new LinkedHashMap<String, Object>());
    }
    return (Map<String, Object>) json.get("auths");
  }

  private void save() throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, indent(JsonWriter.write(json)));
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String indent(String compact) {
    return JsonIndent.indent(compact, "", "\t");
  }

  /** The X-Registry-Auth value for {@code domain}: base64url JSON, {@code e30=} ("{}") without credentials. */
  String header(String domain) throws IOException {
    Auth auth = get(serverKey(domain));
    Map<String, Object> m = new LinkedHashMap<>();
    if (auth != null) {
      m.put("username", auth.username());
      m.put("password", auth.password());
      m.put("serveraddress", auth.serverAddress());
      if (!auth.identityToken().isEmpty()) {
        m.put("identitytoken", auth.identityToken());
      }
    }
    return Base64.getUrlEncoder().encodeToString(JsonWriter.write(m).getBytes(StandardCharsets.UTF_8));
  }
}
