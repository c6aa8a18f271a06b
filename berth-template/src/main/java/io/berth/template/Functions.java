package io.berth.template;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The function table: text/template's builtins plus Docker's template functions (docker/cli templates.go). */
final class Functions {
  private Functions() {}

  /** How an argument is checked and converted before the call, standing in for the Go parameter type. */
  enum Param {
    /** reflect.Value: anything, including a missing value. */
    VALUE,
    /** interface{}: anything; a missing value becomes nil. */
    ANY,
    STRING,
    /** int: any Java integer type, as a Long. */
    INT,
    /** []string: a list whose elements are all strings, as a List of String. */
    STRING_LIST;

    String goType() {
      return switch (this) {
        case VALUE -> "reflect.Value";
        case ANY -> "interface {}";
        case STRING -> "string";
        case INT -> "int";
        case STRING_LIST -> "[]string";
      };
    }
  }

  /** An error from inside a function; the executor reports it as {@code error calling NAME: message}. */
  static final class FuncError extends RuntimeException {
    FuncError(String message) {
      super(message, null, false, false);
    }
  }

  @FunctionalInterface
  interface Impl {
    Object call(Object[] args);
  }

  record Func(String name, List<Param> params, Param variadic, boolean builtin, Impl impl) {}

  static final Map<String, Func> BASIC;
  static final Map<String, Func> HEADER;

  static {
    Map<String, Func> m = new HashMap<>();
    builtin(m, "and", List.of(Param.VALUE), Param.VALUE, a -> null); // short-circuit: evaluated by the executor
    builtin(m, "or", List.of(Param.VALUE), Param.VALUE, a -> null);
    builtin(m, "not", List.of(Param.VALUE), null, a -> !Values.truth(a[0]));
    builtin(m, "len", List.of(Param.VALUE), null, a -> length(a[0]));
    builtin(m, "index", List.of(Param.VALUE), Param.VALUE, a -> index(a[0], Arrays.copyOfRange(a, 1, a.length)));
    builtin(m, "slice", List.of(Param.VALUE), Param.VALUE, a -> slice(a[0], Arrays.copyOfRange(a, 1, a.length)));
    builtin(m, "eq", List.of(Param.VALUE), Param.VALUE, a -> eq(a[0], Arrays.copyOfRange(a, 1, a.length)));
    builtin(m, "ne", List.of(Param.VALUE, Param.VALUE), null, a -> !eq(a[0], new Object[] {a[1]}));
    builtin(m, "lt", List.of(Param.VALUE, Param.VALUE), null, a -> lt(a[0], a[1]));
    builtin(m, "le", List.of(Param.VALUE, Param.VALUE), null, a -> lt(a[0], a[1]) || eq(a[0], new Object[] {a[1]}));
    builtin(m, "gt", List.of(Param.VALUE, Param.VALUE), null, a -> !(lt(a[0], a[1]) || eq(a[0], new Object[] {a[1]})));
    builtin(m, "ge", List.of(Param.VALUE, Param.VALUE), null, a -> !lt(a[0], a[1]));
    builtin(m, "print", List.of(), Param.ANY, a -> GoFormat.sprint(Arrays.asList(a)));
    builtin(m, "println", List.of(), Param.ANY, a -> GoFormat.sprintln(Arrays.asList(a)));
    builtin(m, "printf", List.of(Param.STRING), Param.ANY,
        a -> GoFormat.sprintf((String) a[0], Arrays.asList(a).subList(1, a.length)));
    builtin(m, "html", List.of(), Param.ANY, a -> Escapers.html(evalArgs(a)));
    builtin(m, "js", List.of(), Param.ANY, a -> Escapers.js(evalArgs(a)));
    builtin(m, "urlquery", List.of(), Param.ANY, a -> Escapers.queryEscape(evalArgs(a)));

    func(m, "json", List.of(Param.ANY), a -> {
      try {
        return GoJson.encode(a[0]);
      } catch (GoJson.UnsupportedValue e) {
        return ""; // Docker ignores the encoder's error and prints what it wrote: nothing
      }
    });
    func(m, "split", List.of(Param.STRING, Param.STRING), a -> Strings.split((String) a[0], (String) a[1]));
    func(m, "join", List.of(Param.STRING_LIST, Param.STRING), a -> {
      @SuppressWarnings("unchecked")
      List<String> parts = (List<String>) a[0];
      return String.join((String) a[1], parts);
    });
    func(m, "title", List.of(Param.STRING), a -> Strings.title((String) a[0]));
    func(m, "lower", List.of(Param.STRING), a -> Strings.lower((String) a[0]));
    func(m, "upper", List.of(Param.STRING), a -> Strings.upper((String) a[0]));
    func(m, "pad", List.of(Param.STRING, Param.INT, Param.INT), a -> pad((String) a[0], (Long) a[1], (Long) a[2]));
    func(m, "truncate", List.of(Param.STRING, Param.INT), a -> truncate((String) a[0], (Long) a[1]));
    BASIC = Map.copyOf(m);

    // Docker's HeaderFunctions: table headers pass through unchanged (pad keeps its basic meaning).
    Map<String, Func> h = new HashMap<>(m);
    func(h, "json", List.of(Param.STRING), a -> a[0]);
    func(h, "split", List.of(Param.STRING, Param.STRING), a -> a[0]);
    func(h, "join", List.of(Param.STRING, Param.STRING), a -> a[0]);
    func(h, "title", List.of(Param.STRING), a -> a[0]);
    func(h, "lower", List.of(Param.STRING), a -> a[0]);
    func(h, "upper", List.of(Param.STRING), a -> a[0]);
    func(h, "truncate", List.of(Param.STRING, Param.INT), a -> a[0]);
    HEADER = Map.copyOf(h);
  }

  private static void builtin(Map<String, Func> m, String name, List<Param> params, Param variadic, Impl impl) {
    m.put(name, new Func(name, params, variadic, true, impl));
  }

  private static void func(Map<String, Func> m, String name, List<Param> params, Impl impl) {
    m.put(name, new Func(name, params, null, false, impl));
  }

  // ---- builtins ------------------------------------------------------------------------------------------

  private static Object length(Object item) {
    if (item == null) throw new FuncError("len of nil pointer");
    if (item == Values.MISSING) throw new FuncError("reflect: call of reflect.Value.Type on zero Value");
    if (item instanceof String s) return utf8Length(s);
    if (item instanceof Map<?, ?> m) return m.size();
    if (Values.isList(item)) return Values.asList(item).size();
    throw new FuncError("len of type " + Values.typeName(item));
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) n++;
      else if (c < 0x800) n += 2;
      else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }

  private static int indexArg(Object index, int cap) {
    long x;
    if (index == null || index == Values.MISSING) throw new FuncError("cannot index slice/array with nil");
    if (index instanceof BigInteger b) {
      if (b.bitLength() > 63) throw new FuncError("index out of range: " + b);
      x = b.longValue();
    } else if (Values.isInteger(index)) {
      x = Values.longValue(index);
    } else {
      throw new FuncError("cannot index slice/array with type " + Values.typeName(index));
    }
    if (x < 0 || x > cap) throw new FuncError("index out of range: " + x);
    return (int) x;
  }

  static Object index(Object item, Object[] indexes) {
    if (item == Values.MISSING) throw new FuncError("index of untyped nil");
    for (Object index : indexes) {
      if (item == null) throw new FuncError("index of nil pointer");
      if (item instanceof String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int x = indexArg(index, bytes.length);
        if (x == bytes.length) throw new FuncError("index out of range: " + x);
        item = bytes[x] & 0xff;
      } else if (item instanceof Map<?, ?> m) {
        Object key = index;
        if (key == Values.MISSING || key == null) throw new FuncError("value is nil; should be of type string");
        if (!(key instanceof String) && !m.isEmpty() && m.keySet().iterator().next() instanceof String) {
          throw new FuncError("value has type " + Values.typeName(key) + "; should be string");
        }
        Object v = m.get(key);
        item = v == null && !m.containsKey(key) ? Values.MISSING : v;
      } else if (Values.isList(item)) {
        List<?> list = Values.asList(item);
        int x = indexArg(index, list.size());
        if (x == list.size()) throw new FuncError("index out of range: " + x);
        item = list.get(x);
      } else if (item == Values.MISSING) {
        // a missing map entry met on the way: Go yields the element type's zero value, a nil interface
        throw new FuncError("index of untyped nil");
      } else {
        throw new FuncError("can't index item of type " + Values.typeName(item));
      }
    }
    return item;
  }

  private static Object slice(Object item, Object[] indexes) {
    if (item == Values.MISSING || item == null) throw new FuncError("slice of untyped nil");
    if (indexes.length > 3) throw new FuncError("too many slice indexes: " + indexes.length);
    int len;
    byte[] bytes = null;
    if (item instanceof String s) {
      if (indexes.length == 3) throw new FuncError("cannot 3-index slice a string");
      bytes = s.getBytes(StandardCharsets.UTF_8);
      len = bytes.length;
    } else if (Values.isList(item)) {
      len = Values.asList(item).size();
    } else {
      throw new FuncError("can't slice item of type " + Values.typeName(item));
    }
    int[] idx = {0, len, len};
    for (int i = 0; i < indexes.length; i++) idx[i] = indexArg(indexes[i], len);
    if (idx[0] > idx[1]) throw new FuncError("invalid slice index: " + idx[0] + " > " + idx[1]);
    if (indexes.length == 3 && idx[1] > idx[2]) throw new FuncError("invalid slice index: " + idx[1] + " > " + idx[2]);
    if (bytes != null) return new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
    return new ArrayList<>(Values.asList(item).subList(idx[0], idx[1]));
  }

  private enum Kind { BOOL, INT, FLOAT, STRING, INVALID, OTHER }

  private static Kind kind(Object v) {
    if (v == null || v == Values.MISSING) return Kind.INVALID;
    if (v instanceof Boolean) return Kind.BOOL;
    if (v instanceof String) return Kind.STRING;
    if (Values.isInteger(v)) return Kind.INT;
    if (Values.isFloat(v)) return Kind.FLOAT;
    return Kind.OTHER;
  }

  private static boolean numeric(Kind k) {
    return k == Kind.INT || k == Kind.FLOAT;
  }

  /** Numbers compare by value across Java's integer and floating types: -1, 0, 1, or 2 when unordered (NaN). */
  private static int compareNumbers(Object a, Object b) {
    if (Values.isInteger(a) && Values.isInteger(b)) {
      if (a instanceof BigInteger || b instanceof BigInteger) return toBig(a).compareTo(toBig(b));
      return Long.compare(Values.longValue(a), Values.longValue(b));
    }
    double x = Values.doubleValue(a), y = Values.doubleValue(b);
    return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
  }

  private static BigInteger toBig(Object v) {
    return v instanceof BigInteger b ? b : BigInteger.valueOf(Values.longValue(v));
  }

  static boolean eq(Object arg1, Object[] arg2) {
    if (arg2.length == 0) throw new FuncError("missing argument for comparison");
    Kind k1 = kind(arg1);
    for (Object arg : arg2) {
      Kind k2 = kind(arg);
      boolean truth;
      if (k1 == Kind.INVALID || k2 == Kind.INVALID) {
        truth = k1 == k2;
      } else if (numeric(k1) && numeric(k2)) {
        truth = compareNumbers(arg1, arg) == 0;
      } else if (k1 != k2) {
        throw new FuncError("incompatible types for comparison");
      } else {
        truth = switch (k1) {
          case BOOL, STRING -> arg1.equals(arg);
          default -> {
            if (arg1 instanceof Map || Values.isList(arg1) || arg instanceof Map || Values.isList(arg)) {
              throw new FuncError("non-comparable type " + Values.typeName(arg1) + ": " + Values.typeName(arg));
            }
            yield arg1.equals(arg);
          }
        };
      }
      if (truth) return true;
    }
    return false;
  }

  static boolean lt(Object arg1, Object arg2) {
    Kind k1 = kind(arg1), k2 = kind(arg2);
    if (k1 == Kind.INVALID || k1 == Kind.OTHER || k2 == Kind.INVALID || k2 == Kind.OTHER) {
      throw new FuncError("invalid type for comparison");
    }
    if (numeric(k1) && numeric(k2)) return compareNumbers(arg1, arg2) == -1;
    if (k1 != k2) throw new FuncError("incompatible types for comparison");
    if (k1 == Kind.BOOL) throw new FuncError("invalid type for comparison");
    return Values.compareCodePoints((String) arg1, (String) arg2) < 0;
  }

  /** html, js and urlquery format their arguments like fmt.Sprint, with a missing value as {@code <no value>}. */
  private static String evalArgs(Object[] args) {
    if (args.length == 1 && args[0] instanceof String s) return s;
    List<Object> printable = new ArrayList<>(args.length);
    for (Object a : args) printable.add(a == null || a == Values.MISSING ? "<no value>" : a);
    return GoFormat.sprint(printable);
  }

  // ---- Docker's functions --------------------------------------------------------------------------------

  private static String pad(String source, long prefix, long suffix) {
    if (source.isEmpty()) return source;
    if (prefix < 0 || suffix < 0) throw new FuncError("strings: negative Repeat count");
    return " ".repeat((int) prefix) + source + " ".repeat((int) suffix);
  }

  /** Cuts at a byte length, as Go's source[:length] does. */
  private static String truncate(String source, long length) {
    byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < length) return source;
    if (length < 0) throw new FuncError("runtime error: slice bounds out of range [:" + length + "]");
    return new String(bytes, 0, (int) length, StandardCharsets.UTF_8);
  }
}
