package io.berth.daemon.http;

import io.berth.common.BerthException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes by method and path pattern, as dockerd's gorilla/mux router does: {@code {id}} matches
 * one segment, {@code {name:.*}} matches a regular expression (image names contain slashes).
 * Routes are tried in registration order and the first match wins, so register the more
 * specific pattern first. Every route also answers under a {@code /v1.xx} prefix; the version
 * is checked against the supported range and handed to the handler.
 */
public final class Router {
  private static final Pattern VERSIONED = Pattern.compile("^/v([0-9.]+)(/.*)$");
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)(?::([^}]*))?}");

  private final List<Route> routes = new ArrayList<>();
  private final ApiVersion minVersion;
  private final ApiVersion maxVersion;

  public Router() {
    this(ApiVersion.MIN, ApiVersion.MAX);
  }

  public Router(ApiVersion minVersion, ApiVersion maxVersion) {
    this.minVersion = minVersion;
    this.maxVersion = maxVersion;
  }

  /** One registered route; {@code names} are the path parameters in pattern order. */
  public record Route(String method, String pattern, Pattern regex, List<String> names, Handler handler) {}

  public Router add(String method, String pattern, Handler handler) {
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder("^");
    Matcher m = PARAM.matcher(pattern);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(pattern.substring(last, m.start())));
      String expression = m.group(2) == null ? "[^/]+" : m.group(2);
      // Named groups keep numbering right even when the expression has groups of its own.
      regex.append("(?<p").append(names.size()).append('>').append(expression).append(')');
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(pattern.substring(last))).append('$');
    routes.add(new Route(method, pattern, Pattern.compile(regex.toString()), List.copyOf(names), handler));
    return this;
  }

  public Router get(String pattern, Handler handler) {
    return add("GET", pattern, handler);
  }

  public Router head(String pattern, Handler handler) {
    return add("HEAD", pattern, handler);
  }

  public Router post(String pattern, Handler handler) {
    return add("POST", pattern, handler);
  }

  public Router put(String pattern, Handler handler) {
    return add("PUT", pattern, handler);
  }

  public Router delete(String pattern, Handler handler) {
    return add("DELETE", pattern, handler);
  }

  public List<Route> routes() {
    return Collections.unmodifiableList(routes);
  }

  /**
   * Finds the route, checks the API version and runs the handler. An unknown route (or a known
   * path with another method, as in dockerd) is a 404 "page not found".
   */
  public Response dispatch(Request request) throws Exception {
    String path = request.fullPath();
    String versionText = null;
    Matcher versioned = VERSIONED.matcher(path);
    if (versioned.matches()) {
      versionText = versioned.group(1);
      path = versioned.group(2);
    }
    for (Route route : routes) {
      if (!route.method.equals(request.method())) {
        continue;
      }
      Matcher m = route.regex.matcher(path);
      if (!m.matches()) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < route.names.size(); i++) {
        params.put(route.names.get(i), m.group("p" + i));
      }
      request.route(path, checkVersion(versionText), Collections.unmodifiableMap(params));
      Response response = route.handler.handle(request);
      if (response == null) {
        throw new IllegalStateException("handler for " + route.method + " " + route.pattern + " returned no response");
      }
      return response;
    }
    throw new BerthException.NotFound("page not found");
  }

  private ApiVersion checkVersion(String text) {
    if (text == null) {
      return maxVersion;
    }
    ApiVersion version = ApiVersion.parse(text);
    if (version.compareTo(minVersion) < 0) {
      throw new BerthException.InvalidParameter("client version " + text
          + " is too old. Minimum supported API version is " + minVersion
          + ", please upgrade your client to a newer version");
    }
    if (version.compareTo(maxVersion) > 0) {
      throw new BerthException.InvalidParameter("client version " + text
          + " is too new. Maximum supported API version is " + maxVersion);
    }
    return version;
  }
}
