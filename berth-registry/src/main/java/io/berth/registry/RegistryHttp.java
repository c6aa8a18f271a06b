package io.berth.registry;

import io.berth.common.GoQuote;
import io.berth.common.GoStatusText;
import io.berth.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one place registry HTTP happens: a JDK HttpClient per TLS setting (through the configured
 * proxies), the {@code User-Agent}, and error answers turned into {@link RegistryException}s with
 * distribution's wording. Authentication is {@link Session}'s; this class only sends.
 */
public final class RegistryHttp {
  /**
   * How long a ping waits for an answer (dockerd's v2 ping client has 15 s): a server that
   * accepts and never answers, such as a plain one that does not see a TLS hello for what it is,
   * fails the endpoint instead of hanging the pull.
   */
  static final Duration PING_TIMEOUT = Duration.ofSeconds(15);

  private final ProxySelector proxies;
  private final String userAgent;
  private final Map<Endpoint.Tls, HttpClient> clients = new ConcurrentHashMap<>();

  public RegistryHttp(ProxySelector proxies, String userAgent) {
    this.proxies = proxies;
    this.userAgent = userAgent;
  }

  HttpClient client(Endpoint.Tls tls) throws IOException {
    HttpClient client = clients.get(tls);
    if (client == null) {
      client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30))
          .proxy(proxies).sslContext(TlsContexts.create(tls)).build();
      HttpClient raced = clients.putIfAbsent(tls, client);
      client = raced == null ? client : raced;
    }
    return client;
  }

  HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).header("User-Agent", userAgent);
  }

  /** Sends and returns the answer whatever its status; I/O failures in Go's {@code Get "URL": ...} form. */
  <T> HttpResponse<T> send(Endpoint.Tls tls, HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    try {
      return client(tls).send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    } catch (IOException e) {
      throw new TransportException(goMethod(request.method()) + " \"" + request.uri() + "\": "
          + GoNetErrors.describe(e, request.uri()), e);
    }
  }

  static String goMethod(String method) {
    return method.charAt(0) + method.substring(1).toLowerCase();
  }

  /** Throws the registry's error for a non-2xx/3xx answer (distribution's HandleErrorResponse). */
  static void check(HttpResponse<?> response, byte[] body) throws RegistryException {
    int status = response.statusCode();
    if (status >= 200 && status < 400) {
      return;
    }
    throw error(response, body);
  }

  static RegistryException error(HttpResponse<?> response, byte[] body) {
    int status = response.statusCode();
    if (status >= 400 && status < 500) {
      for (AuthChallenge c : AuthChallenge.parse(response.headers().allValues("WWW-Authenticate"))) {
        if (c.bearer()) {
          String code = switch (c.parameter("error")) {
            case "invalid_token" -> "UNAUTHORIZED";
            case "insufficient_scope" -> "DENIED";
            default -> null;
          };
          if (code != null) {
            String message = c.parameter("error_description").isEmpty() ? defaultMessage(code)
                : c.parameter("error_description");
            List<RegistryException.ErrorCode> all = new ArrayList<>();
            all.add(new RegistryException.ErrorCode(code, message));
            RegistryException rest = parseBody(status, response, body);
            all.addAll(rest.errors());
            return new RegistryException(status, all);
          }
        }
      }
      RegistryException e = parseBody(status, response, body);
      if (e.errors().isEmpty() && status == 401) {
        return new RegistryException(status, List.of(new RegistryException.ErrorCode("UNAUTHORIZED",
            defaultMessage("UNAUTHORIZED"))));
      }
      return e;
    }
    return new RegistryException(status, "received unexpected HTTP status: " + status + " "
        + GoStatusText.of(status));
  }

  private static RegistryException parseBody(int status, HttpResponse<?> response, byte[] body) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    String mime = type.contains(";") ? type.substring(0, type.indexOf(';')).trim() : type.trim();
    if (!mime.equals("application/json") && !mime.equals("application/vnd.api+json")) {
      return byStatus(status, text);
    }
    try {
      Map<String, Object> json = Json.object(body);
      if (json.get("details") instanceof String details && !details.isEmpty()) {
        return byStatus(status, details);
      }
      List<RegistryException.ErrorCode> codes = new ArrayList<>();
      if (json.get("errors") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Map<?, ?> m) {
            codes.add(new RegistryException.ErrorCode(String.valueOf(m.get("code")),
                m.get("message") == null ? "" : String.valueOf(m.get("message"))));
          }
        }
      }
      if (!codes.isEmpty()) {
        return new RegistryException(status, codes);
      }
      return new RegistryException(status, "error parsing HTTP " + status
          + " response body: no error details found in HTTP response body: " + GoQuote.quote(text));
    } catch (IOException e) {
      return new RegistryException(status, "error parsing HTTP " + status + " response body: "
          + e.getMessage() + ": " + GoQuote.quote(text));
    }
  }

  private static RegistryException byStatus(int status, String details) {
    String code = switch (status) {
      case 401 -> "UNAUTHORIZED";
      case 403 -> "DENIED";
      case 429 -> "TOOMANYREQUESTS";
      default -> "UNKNOWN";
    };
    return new RegistryException(status, List.of(new RegistryException.ErrorCode(code, details)));
  }

  static String defaultMessage(String code) {
    return switch (code) {
      case "UNAUTHORIZED" -> "authentication required";
      case "DENIED" -> "requested access to the resource is denied";
      default -> "unknown error";
    };
  }

  static byte[] readAll(Supplier<InputStream> in) throws IOException {
    try (InputStream s = in.get()) {
      return s.readAllBytes();
    }
  }
}
