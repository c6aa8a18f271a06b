package io.berth.registry.server;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /token}: the token service of distribution's token auth spec, served by the registry itself.
 * Basic credentials (checked against the htpasswd file) or none (anonymous); each {@code scope} parameter
 * ({@code repository:NAME:pull,push}) is granted as far as the access file allows. Wrong credentials are a
 * 401, which is how {@code docker login} learns its password was wrong.
 */
record TokenService(Tokens tokens, Htpasswd users, Access access, Log log) {
  void serve(Call call) throws IOException {
    String user = null;
    String[] credentials = Auth.basicCredentials(call);
    if (credentials != null) {
      if (!users.verify(credentials[0], credentials[1])) {
        log.audit(credentials[0], "login", "result=denied");
        call.header("WWW-Authenticate", "Basic realm=\"" + Auth.REALM + "\"");
        throw ErrorCode.UNAUTHORIZED.error();
      }
      user = credentials[0];
      log.audit(user, "login", "result=ok");
    }
    List<Tokens.Grant> grants = new ArrayList<>();
    for (String scope : call.queryAll("scope")) {
      for (String one : scope.split(" ")) {
        Tokens.Grant grant = grant(user, one);
        if (grant != null) {
          grants.add(grant);
        }
      }
    }
    Instant now = Instant.now();
    String token = tokens.issue(user, grants, now);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token);
    body.put("access_token", token);
    body.put("expires_in", Tokens.LIFETIME.toSeconds());
    body.put("issued_at", now.toString());
    call.json(200, body);
  }

  /**
   * Which repositories a search may list: those the caller may pull, the caller named by Basic credentials
   * (the v1 search carries no token) or anonymous; wrong credentials are a 401.
   */
  java.util.function.Predicate<String> searchable(Call call) {
    String[] credentials = Auth.basicCredentials(call);
    if (credentials != null && !users.verify(credentials[0], credentials[1])) {
      call.header("WWW-Authenticate", "Basic realm=\"" + Auth.REALM + "\"");
      throw ErrorCode.UNAUTHORIZED.error();
    }
    String user = credentials == null ? null : credentials[0];
    return name -> !access.granted(user, name, Set.of("pull")).isEmpty();
  }

  private Tokens.Grant grant(String user, String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first < 0 || last <= first) {
      return null;
    }
    String type = scope.substring(0, first);
    String name = scope.substring(first + 1, last);
    Set<String> wanted = new LinkedHashSet<>(List.of(scope.substring(last + 1).split(",")));
    if (type.equals("registry") && name.equals("catalog")) {
      return access.granted(user, null, Set.of("catalog")).isEmpty() ? null
          : new Tokens.Grant("registry", "catalog", List.of("*"));
    }
    if (!type.equals("repository")) {
      return null;
    }
    if (wanted.contains("*")) {
      wanted = new LinkedHashSet<>(List.of("pull", "push", "delete"));
    }
    Set<String> granted = access.granted(user, name, wanted);
    return granted.isEmpty() ? null : new Tokens.Grant("repository", name, List.copyOf(granted));
  }
}
