package io.berth.registry.server;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Who may make a request: nobody is asked ({@link Open}), htpasswd users with Basic auth ({@link Basic}, any
 * user may do anything, as distribution's htpasswd), or bearer tokens from the built-in token service with
 * per-repository permissions ({@link Token}). A refusal is a 401 carrying the challenge distribution sends.
 */
sealed interface Auth permits Auth.Open, Auth.Basic, Auth.Token {
  String REALM = "berth-registry";

  /** What a request needs: {@code action} (pull, push, delete, catalog) on a resource; null: just a login. */
  record Need(String type, String name, String action) {
    static Need repository(String name, String method) {
      String action = switch (method) {
        case "GET", "HEAD" -> "pull";
        case "DELETE" -> "delete";
        default -> "push";
      };
      return new Need("repository", name, action);
    }

    static Need catalog() {
      return new Need("registry", "catalog", "*");
    }

    String scope() {
      return type + ":" + name + ":" + action;
    }
  }

  /** The user making an allowed request (null: anonymous), or a RegistryError to answer. */
  String authorize(Call call, Need need);

  /** Whether the request may do {@code need} too, without failing it (a mount's source repository). */
  default boolean allows(Call call, Need need) {
    try {
      authorize(call, need);
      return true;
    } catch (RegistryError e) {
      return false;
    }
  }

  /** The user and password of a Basic Authorization header, or null. */
  static String[] basicCredentials(Call call) {
    String header = call.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  record Open() implements Auth {
    @Override
    public String authorize(Call call, Need need) {
      return null;
    }
  }

  record Basic(Htpasswd users) implements Auth {
    @Override
    public String authorize(Call call, Need need) {
      String[] credentials = basicCredentials(call);
      if (credentials == null || !users.verify(credentials[0], credentials[1])) {
        call.header("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        throw ErrorCode.UNAUTHORIZED.error();
      }
      return credentials[0];
    }
  }

  record Token(Tokens tokens) implements Auth {
    @Override
    public String authorize(Call call, Need need) {
      String header = call.header("Authorization");
      Tokens.Claims claims = null;
      if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        claims = tokens.verify(header.substring(7).strip(), Instant.now());
      }
      if (claims != null && (need == null || claims.allows(need.type(), need.name(), need.action()))) {
        return claims.subject();
      }
      String host = call.header("Host") == null ? "localhost" : call.header("Host");
      String challenge = "Bearer realm=\"" + call.scheme() + "://" + host + "/token\",service=\"" + REALM + "\"";
      if (need != null) {
        challenge += ",scope=\"" + need.scope() + "\"";
      }
      if (claims != null) {
        challenge += ",error=\"insufficient_scope\"";
      }
      call.header("WWW-Authenticate", challenge);
      throw ErrorCode.UNAUTHORIZED.error(need == null ? null
          : java.util.List.of(Detail.of("Type", need.type(), "Name", need.name(), "Action", need.action())));
    }
  }
}
