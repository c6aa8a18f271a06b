package io.berth.template;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** How Java values stand in for Go values: kinds, type names, truth, list views and map key order. */
final class Values {
  private Values() {}

  /** Go's invalid reflect.Value: what a missing map key yields. Prints as {@code <no value>}. */
  static final Object MISSING = new Object() {
    @Override
    public String toString() {
      return "<no value>";
    }
  };

  static boolean isInteger(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger || v instanceof Character;
  }

  static boolean isFloat(Object v) {
    return v instanceof Double || v instanceof Float || v instanceof BigDecimal;
  }

  static boolean isList(Object v) {
    return v instanceof List<?> || (v != null && v.getClass().isArray());
  }

  static long longValue(Object v) {
    return v instanceof Character c ? c : ((Number) v).longValue();
  }

  static double doubleValue(Object v) {
    return v instanceof Character c ? c : ((Number) v).doubleValue();
  }

  /** The Go type name a value stands for, as fmt's %T and template errors print it. */
  static String typeName(Object v) {
    return switch (v) {
      case null -> "interface {}";
      case String s -> "string";
      case Integer i -> "int";
      case Long l -> "int64";
      case Short s -> "int16";
      case Byte b -> "int8";
      case Character c -> "int32";
      case BigInteger b -> "*big.Int";
      case Double d -> "float64";
      case Float f -> "float32";
      case BigDecimal b -> "float64";
      case Boolean b -> "bool";
      case Map<?, ?> m -> "map[string]interface {}";
      case List<?> l -> "[]interface {}";
      case String[] a -> "[]string";
      case int[] a -> "[]int";
      case long[] a -> "[]int64";
      case double[] a -> "[]float64";
      case boolean[] a -> "[]bool";
      case byte[] a -> "[]uint8";
      case Object[] a -> "[]interface {}";
      case TemplateMethod m -> "func(...interface {}) interface {}";
      default -> v.getClass().getSimpleName();
    };
  }

  /** A read-only list view of a List or Java array; primitives come boxed, bytes as Go's uint8. */
  static List<?> asList(Object v) {
    return switch (v) {
      case List<?> l -> l;
      case Object[] a -> java.util.Arrays.asList(a);
      case byte[] a -> new AbstractList<Integer>() {
        public Integer get(int i) { return a[i] & 0xff; }
        public int size() { return a.length; }
      };
      case Object a when a.getClass().isArray() -> new AbstractList<Object>() {
        public Object get(int i) { return Array.get(a, i); }
        public int size() { return Array.getLength(a); }
      };
      default -> throw new IllegalArgumentException("not a list: " + v.getClass());
    };
  }

  /** Go's isTrue: empty strings, collections, zero numbers, false and nil are false. */
  static boolean truth(Object v) {
    return switch (v) {
      case null -> false;
      case String s -> !s.isEmpty();
      case Boolean b -> b;
      case Map<?, ?> m -> !m.isEmpty();
      case BigInteger b -> b.signum() != 0;
      case BigDecimal b -> b.signum() != 0;
      case Character c -> c != 0;
      case Number n when isInteger(n) -> n.longValue() != 0;
      case Number n -> n.doubleValue() != 0;
      default -> v == MISSING ? false : isList(v) ? !asList(v).isEmpty() : true;
    };
  }

  /** Map keys in the order fmt and range visit them (Go's fmtsort): numbers numerically, strings by code point. */
  static final Comparator<Object> KEY_ORDER = (a, b) -> {
    if (a instanceof String x && b instanceof String y) return compareCodePoints(x, y);
    boolean an = a instanceof Number || a instanceof Character, bn = b instanceof Number || b instanceof Character;
    if (an && bn) {
      if (isInteger(a) && isInteger(b) && !(a instanceof BigInteger) && !(b instanceof BigInteger)) {
        return Long.compare(longValue(a), longValue(b));
      }
      return Double.compare(doubleValue(a), doubleValue(b));
    }
    if (a instanceof Boolean x && b instanceof Boolean y) return Boolean.compare(x, y);
    if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
    int byType = typeName(a).compareTo(typeName(b));
    return byType != 0 ? byType : String.valueOf(a).compareTo(String.valueOf(b));
  };

  static int compareCodePoints(String x, String y) {
    int i = 0, j = 0;
    while (i < x.length() && j < y.length()) {
      int a = x.codePointAt(i), b = y.codePointAt(j);
      if (a != b) return Integer.compare(a, b);
      i += Character.charCount(a);
      j += Character.charCount(b);
    }
    return Integer.compare(x.length() - i, y.length() - j);
  }

  static List<Map.Entry<?, ?>> sortedEntries(Map<?, ?> m) {
    List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
    if (entries.size() > 1) entries.sort((e1, e2) -> KEY_ORDER.compare(e1.getKey(), e2.getKey()));
    return entries;
  }
}
