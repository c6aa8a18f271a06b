package io.berth.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.common.BerthException;
import io.berth.common.Json;
import io.berth.daemon.Log;

/**
 * The one place where exceptions become HTTP answers: a {@link BerthException}'s kind gives the status
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
        yield message(status(e), messageOf(e));
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

  /** Each error kind's HTTP status, as dockerd's errdefs map them (httpstatus.FromError). */
  public static int status(BerthException e) {
    return switch (e) {
      case BerthException.NotFound x -> 404;
      case BerthException.Conflict x -> 409;
      case BerthException.InvalidParameter x -> 400;
      case BerthException.Forbidden x -> 403;
      case BerthException.NotModified x -> 304;
      case BerthException.Unavailable x -> 503;
      case BerthException.NotImplemented x -> 501;
      case BerthException.Unauthorized x -> 401;
      default -> 500;
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
