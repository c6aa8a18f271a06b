package io.berth.daemon.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.GoQuote;
import io.berth.common.Json;
import io.berth.daemon.http.JsonErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * How moby's routers read parameters, in Go's words, for routes whose answers must be dockerd's byte for byte:
 * a body decoded into a Go struct (json.Decoder), integers and booleans through strconv, a filters parameter
 * through filters.FromJSON. Each returns the error text dockerd would put in its {@code message}, or null.
 */
final class GoDecoding {
  private GoDecoding() {}

  /**
   * json.NewDecoder(body).Decode(&v) into a struct of {@code goType}: its first JSON value must be an object (or
   * null); what follows it is not read. Note that the struct's fields are not checked.
   */
  static String decodeStruct(byte[] body, String goType) {
    if (isBlank(body)) {
      return "got EOF while reading request body";
    }
    Parsed parsed = parse(body, "unexpected EOF"); // the Decoder's io.ErrUnexpectedEOF
    JsonNode value = parsed.value();
    if (parsed.error() != null) {
      return parsed.error();
    }
    return value == null || value.isNull() || value.isObject() ? null : cannotUnmarshal(value, goType);
  }

  /**
   * filters.FromJSON: "" is no filter; otherwise {@code {"key":{"value":true}}} or the legacy {@code
   * {"key":["value"]}}; json.Unmarshal's error of the first form otherwise.
   */
  static String filters(String json) {
    if (json == null || json.isEmpty()) {
      return null;
    }
    Parsed parsed = parse(json.getBytes(StandardCharsets.UTF_8), "unexpected end of JSON input"); // json.Unmarshal's
    JsonNode value = parsed.value();
    if (parsed.error() != null) {
      return parsed.error();
    }
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      return cannotUnmarshal(value, "map[string]map[string]bool");
    }
    String current = null;
    boolean legacy = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      JsonNode v = it.next().getValue();
      legacy &= v.isNull() || v.isArray() && allText(v);
      if (current == null && !v.isNull()) {
        if (!v.isObject()) {
          current = cannotUnmarshal(v, "map[string]bool");
        } else {
          for (JsonNode b : v) {
            if (current == null && !b.isBoolean() && !b.isNull()) {
              current = cannotUnmarshal(b, "bool");
            }
          }
        }
      }
    }
    return legacy ? null : current;
  }

  private record Parsed(JsonNode value, String error) {}

  /** The first JSON value of {@code bytes}, or Go's description of why there is none. */
  private static Parsed parse(byte[] bytes, String truncated) {
    try {
      return new Parsed(Json.MAPPER.readTree(bytes), null);
    } catch (JsonEOFException e) {
      return new Parsed(null, truncated);
    } catch (JsonProcessingException e) {
      return new Parsed(null, JsonErrors.describe(e));
    } catch (IOException e) {
      return new Parsed(null, e.getMessage());
    }
  }

  /** strconv.ParseUint(text, 10, 64)'s error, or null. */
  static String parseUint(String text) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return "strconv.ParseUint: parsing " + GoQuote.quote(text) + ": invalid syntax";
    }
    try {
      Long.parseUnsignedLong(text);
      return null;
    } catch (NumberFormatException e) {
      return "strconv.ParseUint: parsing " + GoQuote.quote(text) + ": value out of range";
    }
  }

  /** strconv.ParseBool's error, or null. */
  static String parseBool(String text) {
    return switch (text) {
      case "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False" -> null;
      default -> "strconv.ParseBool: parsing " + GoQuote.quote(text) + ": invalid syntax";
    };
  }

  /** strconv.ParseBool's value (for text parseBool accepts). */
  static boolean boolValue(String text) {
    return switch (text) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      default -> false;
    };
  }

  /** json.Unmarshal's error for a value of the wrong kind. */
  static String cannotUnmarshal(JsonNode value, String goType) {
    return "json: cannot unmarshal " + kind(value) + " into Go value of type " + goType;
  }

  /** The same for a struct's field ({@code Platform.os}). */
  static String cannotUnmarshalField(JsonNode value, String field, String goType) {
    return "json: cannot unmarshal " + kind(value) + " into Go struct field " + field + " of type " + goType;
  }

  private static String kind(JsonNode value) {
    return value.isArray() ? "array" : value.isObject() ? "object" : value.isTextual() ? "string"
        : value.isNumber() ? "number" : "bool";
  }

  /** json.NewDecoder(body).Decode(&v)'s error for the body's first value, whatever its type ("EOF" for none), or null. */
  static String decodeValue(byte[] body) {
    return isBlank(body) ? "EOF" : parse(body, "unexpected EOF").error();
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode e : array) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
