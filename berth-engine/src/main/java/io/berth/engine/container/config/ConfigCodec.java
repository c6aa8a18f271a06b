package io.berth.engine.container.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.berth.common.BerthException;
import io.berth.common.Json;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one mapping between the container model and JSON in the Engine API's shapes: the API layer decodes
 * requests and encodes inspect with it, and the container store reads and writes its files with it (the same
 * shapes, so files written by an older berthd, which kept the API's maps, read unchanged). Field names are
 * Docker's (PascalCase, a few spelled out); a string stands for a one-element list where Docker's StrSlice
 * accepts it; map entries are written sorted by key, as Go writes them.
 */
public final class ConfigCodec {
  private static final ObjectMapper MAPPER = Json.MAPPER.copy()
      .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
      .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ConfigCodec() {}

  /** A request body; a value of the wrong JSON type is a 400 in the words of Go's decoder. */
  public static <T> T decode(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (MismatchedInputException e) {
      throw new BerthException.InvalidParameter(mismatch(e), e);
    } catch (JsonProcessingException e) {
      throw new BerthException.InvalidParameter("invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BerthException.InvalidParameter("invalid JSON: " + e.getMessage(), e);
    }
  }

  /** A value already parsed into maps (a stored file, an image's config). */
  public static <T> T fromMap(Map<String, ?> json, Class<T> type) {
    if (json == null) {
      return null;
    }
    try {
      return MAPPER.convertValue(json, type);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof MismatchedInputException m) {
        throw new BerthException.InvalidParameter(mismatch(m), e);
      }
      throw new BerthException.InvalidParameter(e.getMessage(), e);
    }
  }

  /** The value in the API's JSON shape, as ordered maps. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(Object value) {
    return value == null ? null : MAPPER.convertValue(value, LinkedHashMap.class);
  }

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unmodifiable, key-sorted copy that keeps null values (Go maps may hold them); null stays null. */
  static Map<String, String> copy(Map<String, String> m) {
    return m == null ? null : Collections.unmodifiableMap(new TreeMap<>(m));
  }

  private static String mismatch(MismatchedInputException e) {
    StringBuilder field = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
      }
    }
    String target = e.getTargetType() == null ? "value" : goType(e.getTargetType());
    return "json: cannot unmarshal " + jsonKind(e) + " into Go struct field " + field + " of type " + target;
  }

  private static String jsonKind(MismatchedInputException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.contains("String value") || m.contains("from String")) {
      return "string";
    }
    if (m.contains("Array value") || m.contains("START_ARRAY")) {
      return "array";
    }
    if (m.contains("Object value") || m.contains("START_OBJECT")) {
      return "object";
    }
    if (m.contains("Boolean")) {
      return "bool";
    }
    return "number";
  }

  private static String goType(Class<?> t) {
    if (t == long.class || t == Long.class) {
      return "int64";
    }
    if (t == int.class || t == Integer.class) {
      return "int";
    }
    if (t == boolean.class || t == Boolean.class) {
      return "bool";
    }
    if (t == String.class) {
      return "string";
    }
    if (java.util.List.class.isAssignableFrom(t)) {
      return "[]string";
    }
    if (Map.class.isAssignableFrom(t)) {
      return "map[string]string";
    }
    return t.getSimpleName();
  }
}
