package io.berth.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.common.BerthException;
import io.berth.common.Json;
import io.berth.daemon.Log;

/**
 * The one place where exceptions become HTTP answers: a {@link BerthException} gives its status
 * and {@code {"message": ...}}, a body that is not JSON gives 400, anything else 500.
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  /** Maps what a handler (or the routing before it) threw. {@code request} names it in the log. */
  public static Response toResponse(Request request, Throwable error) {
    String where = request == null ? "request" : request.method() + " " + request.path();
    return switch (error) {
      case BerthException.NotModified e -> Response.empty(304);
      case BerthException e -> {
        Log.debug("Handler for " + where + " returned error: " + messageOf(e));
        yield message(e.status(), messageOf(e));
      }
      case JsonProcessingException e -> {
        String message = JsonErrors.invalidJson(e).getMessage();
        Log.debug("Handler for " + where + " returned error: " + message);
        yield message(400, message);
      }
      case ProtocolException e -> message(e.status(), e.getMessage());
      default -> {
        Log.error("Handler for " + where + " returned error: " + messageOf(error));
        Log.debug(error, "stack trace of the error above");
        yield message(500, messageOf(error));
      }
    };
  }

  /** A JSON error body as dockerd writes it: {@code {"message":"..."}}. */
  public static Response message(int status, String message) {
    return Response.json(status, Json.map("message", message));
  }

  private static String messageOf(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isEmpty() ? error.getClass().getName() : message;
  }
}
