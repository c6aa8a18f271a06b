package io.berth.registry.server;

import io.berth.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token service's tokens: JWTs (HS256) naming the user and the access granted, as distribution's token
 * spec lays them out ({@code access: [{type, name, actions}]}). The same server issues and checks them, so a
 * symmetric key does: 32 random bytes made at first start in {@code <root>/auth/token.key} (mode 600).
 */
final class Tokens {
  static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final byte[] HEADER = B64.encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  /** One grant: actions on a resource ({@code repository} and a name, or {@code registry} {@code catalog}). */
  record Grant(String type, String name, List<String> actions) {}

  /** A verified token's claims. */
  record Claims(String subject, List<Grant> access) {
    boolean allows(String type, String name, String action) {
      for (Grant g : access) {
        if (g.type.equals(type) && g.name.equals(name) && g.actions.contains(action)) {
          return true;
        }
      }
      return false;
    }
  }

  private final byte[] key;
  private final String issuer;

  private Tokens(byte[] key, String issuer) {
    this.key = key;
    this.issuer = issuer;
  }

  /** Reads the key under the root, making it on first start. */
  static Tokens open(Path root, String issuer, Durable durable) throws IOException {
    Path file = root.resolve("auth/token.key");
    if (!Files.exists(file)) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Files.createDirectories(file.getParent());
      durable.write(file, Base64.getEncoder().encode(fresh));
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
    return new Tokens(Base64.getDecoder().decode(Files.readString(file).strip()), issuer);
  }

  String issue(String subject, List<Grant> access, Instant now) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject == null ? "" : subject);
    claims.put("aud", issuer);
    claims.put("iat", now.getEpochSecond());
    claims.put("nbf", now.getEpochSecond() - 1);
    claims.put("exp", now.plus(LIFETIME).getEpochSecond());
    List<Object> list = new ArrayList<>();
    for (Grant g : access) {
      list.add(Detail.of("type", g.type, "name", g.name, "actions", g.actions));
    }
    claims.put("access", list);
    String signingInput = new String(HEADER, StandardCharsets.US_ASCII) + "." + B64.encodeToString(Json.bytes(claims));
    return signingInput + "." + B64.encodeToString(sign(signingInput));
  }

  /** The claims of a token this server signed and that has not expired, else null. */
  Claims verify(String token, Instant now) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return null;
    }
    byte[] signature;
    try {
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
      return null;
    }
    try {
      Map<String, Object> claims = Json.object(Base64.getUrlDecoder().decode(parts[1]));
      if (!(claims.get("exp") instanceof Number exp) || exp.longValue() < now.getEpochSecond()) {
        return null;
      }
      List<Grant> access = new ArrayList<>();
      if (claims.get("access") instanceof List<?> list) {
        for (Object o : list) {
          Map<?, ?> m = (Map<?, ?>) o;
          List<String> actions = new ArrayList<>();
          ((List<?>) m.get("actions")).forEach(a -> actions.add(String.valueOf(a)));
          access.add(new Grant((String) m.get("type"), (String) m.get("name"), actions));
        }
      }
      String sub = (String) claims.get("sub");
      return new Claims(sub == null || sub.isEmpty() ? null : sub, access);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private byte[] sign(String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
