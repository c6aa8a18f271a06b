package io.berth.dockerfile.request;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON-valued query parameters of /build, with Go's encoding/json error wording. */
final class JsonValues {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern BAD_CHAR = Pattern.compile("\\('(.)' \\(code|Unrecognized token '(.)");

  private JsonValues() {}

  /** A JSON object of strings; {@code nulls} allows null values (build args given without a value). */
  static Map<String, Optional<String>> stringMap(String json, String what, boolean nulls) {
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    JsonNode node = read(json, what, JsonNodeType.OBJECT, "map[string]string");
    if (node == null) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      if (v.isNull()) {
        // a *string stays nil; a string stays "", its key present
        out.put(e.getKey(), nulls ? Optional.empty() : Optional.of(""));
        continue;
      }
      if (!v.isTextual()) {
        throw typeError(what, v, "string");
      }
      out.put(e.getKey(), Optional.of(v.textValue()));
    }
    return out;
  }

  /** A JSON array of strings ({@code any} elements for outputs, which are objects). */
  static List<String> list(String json, String what, boolean any) {
    List<String> out = new ArrayList<>();
    JsonNode node = read(json, what, JsonNodeType.ARRAY, "[]string");
    if (node == null) {
      return out;
    }
    for (JsonNode v : node) {
      if (!any && !v.isTextual() && !v.isNull()) {
        throw typeError(what, v, "string");
      }
      out.add(v.isTextual() ? v.textValue() : v.toString());
    }
    return out;
  }

  /** {@code [{"Name":"nofile","Soft":1024,"Hard":2048}]}. */
  static List<BuildRequest.Ulimit> ulimits(String json) {
    List<BuildRequest.Ulimit> out = new ArrayList<>();
    String what = "error reading ulimit settings";
    JsonNode node = read(json, what, JsonNodeType.ARRAY, "[]*container.Ulimit");
    if (node == null) {
      return out;
    }
    for (JsonNode u : node) {
      if (u.isNull()) {
        continue;
      }
      if (!u.isObject()) {
        throw typeError(what, u, "container.Ulimit");
      }
      out.add(new BuildRequest.Ulimit(text(u, "Name", what), number(u, "Soft", what), number(u, "Hard", what)));
    }
    return out;
  }

  private static String text(JsonNode object, String field, String what) {
    JsonNode v = caseInsensitive(object, field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw typeError(what, v, "string");
    }
    return v.textValue();
  }

  private static long number(JsonNode object, String field, String what) {
    JsonNode v = caseInsensitive(object, field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw typeError(what, v, "int64");
    }
    return v.longValue();
  }

  /** encoding/json matches field names case-insensitively. */
  private static JsonNode caseInsensitive(JsonNode object, String field) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (name.equalsIgnoreCase(field)) {
        return object.get(name);
      }
    }
    return null;
  }

  /** The parameter as the JSON kind Go decodes it into; null when empty or JSON null, which leave Go's zero value. */
  private static JsonNode read(String json, String what, JsonNodeType kind, String goType) {
    if (json.isEmpty()) {
      return null;
    }
    JsonNode node = read(json, what);
    if (node.isNull()) {
      return null;
    }
    if (node.getNodeType() != kind) {
      throw typeError(what, node, goType);
    }
    return node;
  }

  private static JsonNode read(String json, String what) {
    try {
      return JSON.readTree(json);
    } catch (JsonParseException e) {
      throw BuildRequestDecoder.invalid(what + ": " + goSyntaxError(e));
    } catch (JsonProcessingException e) {
      throw BuildRequestDecoder.invalid(what + ": " + goSyntaxError(e));
    }
  }

  private static String goSyntaxError(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message.contains("end-of-input")) {
      return "unexpected end of JSON input";
    }
    Matcher m = BAD_CHAR.matcher(message);
    if (m.find()) {
      return "invalid character '" + (m.group(1) != null ? m.group(1) : m.group(2)) + "' looking for beginning of value";
    }
    return message;
  }

  private static RuntimeException typeError(String what, JsonNode value, String goType) {
    String kind = value.isTextual() ? "string" : value.isNumber() ? "number" : value.isBoolean() ? "bool"
        : value.isArray() ? "array" : value.isObject() ? "object" : "null";
    return BuildRequestDecoder.invalid(what + ": json: cannot unmarshal " + kind + " into Go value of type " + goType);
  }
}
