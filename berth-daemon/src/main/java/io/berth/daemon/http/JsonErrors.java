package io.berth.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.berth.common.BerthException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's parse errors into the messages dockerd gives ({@code invalid JSON: invalid
 * character 'x' looking for beginning of value}), which scripts and tests grep for.
 */
public final class JsonErrors {
  private static final Pattern UNEXPECTED = Pattern.compile("^Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");
  private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '(.)");

  private JsonErrors() {}

  /** The 400 a malformed request body deserves. */
  public static BerthException.InvalidParameter invalidJson(JsonProcessingException e) {
    return new BerthException.InvalidParameter("invalid JSON: " + describe(e), e);
  }

  /** The Go-style description of a parse error, without the "invalid JSON: " prefix. */
  public static String describe(JsonProcessingException e) {
    if (e instanceof JsonEOFException) {
      return "unexpected EOF";
    }
    String message = e.getOriginalMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    Matcher unexpected = UNEXPECTED.matcher(message);
    if (unexpected.find()) {
      String context = message.contains("double-quote to start field name")
          ? "looking for beginning of object key string"
          : "looking for beginning of value";
      return "invalid character '" + unexpected.group(1) + "' " + context;
    }
    Matcher unrecognized = UNRECOGNIZED.matcher(message);
    if (unrecognized.find()) {
      return "invalid character '" + unrecognized.group(1) + "' looking for beginning of value";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
