package io.berth.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Go's fmt package (Sprint, Sprintln, Sprintf and %v printing) over the Java values templates see. */
final class GoFormat {
  private static final String LDIGITS = "0123456789abcdefx";
  private static final String UDIGITS = "0123456789ABCDEFX";

  // flags of the verb being printed
  private boolean plus, minus, sharp, space, zero, plusV, sharpV;
  private boolean widPresent, precPresent;
  private int wid, prec;
  private boolean goodArgNum, reordered;
  // Printf's position in its arguments, and whether an explicit [n] index just set it
  private int argNum;
  private boolean afterIndex;
  private final StringBuilder buf;

  private GoFormat(StringBuilder buf) {
    this.buf = buf;
  }

  private void clearFlags() {
    plus = minus = sharp = space = zero = plusV = sharpV = false;
    widPresent = precPresent = false;
    wid = prec = 0;
  }

  // ---- entry points ----------------------------------------------------------------------------------------

  /** fmt.Fprint(out, v): how an action prints its value. */
  static void print(Object v, StringBuilder out) {
    switch (v) {
      case null -> out.append("<nil>");
      case String s -> out.append(s);
      case Integer i -> out.append(i.intValue());
      case Long l -> out.append(l.longValue());
      case Boolean b -> out.append(b.booleanValue());
      default -> new GoFormat(out).printArg(v, 'v');
    }
  }

  static String sprint(List<?> args) {
    StringBuilder out = new StringBuilder();
    GoFormat p = new GoFormat(out);
    boolean prevString = false;
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      boolean isString = arg instanceof String;
      if (i > 0 && !isString && !prevString) out.append(' ');
      p.clearFlags();
      p.printArg(arg, 'v');
      prevString = isString;
    }
    return out.toString();
  }

  static String sprintln(List<?> args) {
    StringBuilder out = new StringBuilder();
    GoFormat p = new GoFormat(out);
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) out.append(' ');
      p.clearFlags();
      p.printArg(args.get(i), 'v');
    }
    return out.append('\n').toString();
  }

  static String sprintf(String format, List<?> a) {
    StringBuilder out = new StringBuilder(format.length() + 16);
    new GoFormat(out).doPrintf(format, a);
    return out.toString();
  }

  // ---- Printf ------------------------------------------------------------------------------------------------

  private void doPrintf(String format, List<?> a) {
    int end = format.length();
    argNum = 0;
    reordered = false;
    formatLoop:
    for (int i = 0; i < end; ) {
      goodArgNum = true;
      int lasti = i;
      while (i < end && format.charAt(i) != '%') i++;
      if (i > lasti) buf.append(format, lasti, i);
      if (i >= end) break;
      i++; // skip %
      clearFlags();
      simple:
      for (; i < end; i++) {
        char c = format.charAt(i);
        switch (c) {
          case '#' -> sharp = true;
          case '0' -> zero = !minus;
          case '+' -> plus = true;
          case '-' -> {
            minus = true;
            zero = false;
          }
          case ' ' -> space = true;
          default -> {
            if ('a' <= c && c <= 'z' && argNum < a.size()) {
              printNextArg(a, c);
              i++;
              continue formatLoop;
            }
            break simple;
          }
        }
      }
      i = argNumber(format, i, a.size());
      if (i < end && format.charAt(i) == '*') {
        i++;
        long[] w = intFromArg(a);
        wid = (int) w[0];
        widPresent = w[1] != 0;
        if (!widPresent) buf.append("%!(BADWIDTH)");
        if (wid < 0) {
          wid = -wid;
          minus = true;
          zero = false;
        }
        afterIndex = false;
      } else {
        int[] n = parseNum(format, i, end);
        wid = n[0];
        widPresent = n[1] != 0;
        i = n[2];
        if (afterIndex && widPresent) goodArgNum = false;
      }
      if (i + 1 < end && format.charAt(i) == '.') {
        i++;
        if (afterIndex) goodArgNum = false;
        i = argNumber(format, i, a.size());
        if (i < end && format.charAt(i) == '*') {
          i++;
          long[] w = intFromArg(a);
          prec = (int) w[0];
          precPresent = w[1] != 0;
          if (prec < 0) {
            prec = 0;
            precPresent = false;
          }
          if (!precPresent) buf.append("%!(BADPREC)");
          afterIndex = false;
        } else {
          int[] n = parseNum(format, i, end);
          prec = n[0];
          precPresent = n[1] != 0;
          i = n[2];
          if (!precPresent) {
            prec = 0;
            precPresent = true;
          }
        }
      }
      if (!afterIndex) {
        i = argNumber(format, i, a.size());
      }
      if (i >= end) {
        buf.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      if (verb == '%') {
        buf.append('%');
      } else if (!goodArgNum) {
        buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
      } else if (argNum >= a.size()) {
        buf.append("%!").appendCodePoint(verb).append("(MISSING)");
      } else {
        printNextArg(a, verb);
      }
    }
    if (!reordered && argNum < a.size()) {
      clearFlags();
      buf.append("%!(EXTRA ");
      for (int k = argNum; k < a.size(); k++) {
        if (k > argNum) buf.append(", ");
        Object arg = a.get(k);
        if (arg == null || arg == Values.MISSING) {
          buf.append("<nil>");
        } else {
          buf.append(Values.typeName(arg)).append('=');
          printArg(arg, 'v');
        }
      }
      buf.append(')');
    }
  }

  /** Prints the argument at argNum and moves past it; for %v, '#' and '+' become the #v and +v forms. */
  private void printNextArg(List<?> a, int verb) {
    if (verb == 'v') {
      sharpV = sharp;
      sharp = false;
      plusV = plus;
      plus = false;
    }
    printArg(a.get(argNum), verb);
    argNum++;
  }

  private static boolean tooLarge(int x) {
    return x > 1_000_000 || x < -1_000_000;
  }

  /** {num, isnum, newi}. */
  private static int[] parseNum(String s, int start, int end) {
    if (start >= end) return new int[] {0, 0, end};
    int num = 0;
    boolean isnum = false;
    int i = start;
    for (; i < end && '0' <= s.charAt(i) && s.charAt(i) <= '9'; i++) {
      if (tooLarge(num)) return new int[] {0, 0, end};
      num = num * 10 + (s.charAt(i) - '0');
      isnum = true;
    }
    return new int[] {num, isnum ? 1 : 0, i};
  }

  /** Reads an explicit [n] at i, if any, into argNum and afterIndex; returns the index after it. */
  private int argNumber(String format, int i, int numArgs) {
    if (format.length() <= i || format.charAt(i) != '[') {
      afterIndex = false;
      return i;
    }
    reordered = true;
    // parseArgNumber
    int index = 0, width = 1;
    boolean ok = false;
    if (format.length() - i >= 3) {
      for (int k = i + 1; k < format.length(); k++) {
        if (format.charAt(k) == ']') {
          int[] n = parseNum(format, i + 1, k);
          if (n[1] == 0 || n[2] != k) {
            width = k - i + 1;
            ok = false;
          } else {
            index = n[0] - 1;
            width = k - i + 1;
            ok = true;
          }
          break;
        }
      }
    }
    if (ok && 0 <= index && index < numArgs) {
      argNum = index;
      afterIndex = true;
      return i + width;
    }
    goodArgNum = false;
    afterIndex = ok;
    return i + width;
  }

  /** {num, isInt}; the argument read is used up. */
  private long[] intFromArg(List<?> a) {
    long num = 0;
    boolean isInt = false;
    if (argNum < a.size()) {
      Object v = a.get(argNum);
      if (Values.isInteger(v) && !(v instanceof BigInteger)) {
        long n = Values.longValue(v);
        if (n == (int) n) {
          num = n;
          isInt = true;
        }
      }
      argNum++;
      if (tooLarge((int) num)) {
        num = 0;
        isInt = false;
      }
    }
    return new long[] {num, isInt ? 1 : 0};
  }

  // ---- printing one operand ---------------------------------------------------------------------------------

  private void printArg(Object arg, int verb) {
    if (arg == null || arg == Values.MISSING) {
      if (verb == 'T' || verb == 'v') padString("<nil>");
      else badVerb(verb, null);
      return;
    }
    if (verb == 'T') {
      fmtS(Values.typeName(arg));
      return;
    }
    printValue(arg, verb, 0);
  }

  private void printValue(Object v, int verb, int depth) {
    switch (v) {
      case null -> {
        if (depth == 0 && verb != 'v') badVerb(verb, null);
        else padString("<nil>");
      }
      case Boolean b -> fmtBool(b, verb, v);
      case String s -> fmtString(s, verb, v);
      case Double d -> fmtFloat(d, 64, verb, v);
      case Float f -> fmtFloat(f, 32, verb, v);
      case BigDecimal d -> fmtFloat(d.doubleValue(), 64, verb, v);
      case BigInteger b -> fmtInteger(b, verb, v);
      case Character c -> fmtInteger((long) c, verb, v);
      case Number n when Values.isInteger(n) -> fmtInteger(n.longValue(), verb, v);
      case Map<?, ?> m -> {
        if (sharpV) buf.append(Values.typeName(m)).append('{');
        else buf.append("map[");
        boolean first = true;
        for (Map.Entry<?, ?> e : Values.sortedEntries(m)) {
          if (!first) buf.append(sharpV ? ", " : " ");
          first = false;
          printValue(e.getKey(), verb, depth + 1);
          buf.append(':');
          printValue(e.getValue(), verb, depth + 1);
        }
        buf.append(sharpV ? '}' : ']');
      }
      case TemplateMethod m -> fmtString("func", verb, v);
      default -> {
        if (v == Values.MISSING) {
          padString("<nil>");
        } else if (Values.isList(v)) {
          List<?> list = Values.asList(v);
          if (sharpV) buf.append(Values.typeName(v)).append('{');
          else buf.append('[');
          for (int i = 0; i < list.size(); i++) {
            if (i > 0) buf.append(sharpV ? ", " : " ");
            printValue(list.get(i), verb, depth + 1);
          }
          buf.append(sharpV ? '}' : ']');
        } else {
          fmtString(String.valueOf(v), verb, v);
        }
      }
    }
  }

  private void badVerb(int verb, Object arg) {
    buf.append("%!").appendCodePoint(verb).append('(');
    if (arg != null) {
      buf.append(Values.typeName(arg)).append('=');
      printArg(arg, 'v');
    } else {
      buf.append("<nil>");
    }
    buf.append(')');
  }

  private void fmtBool(boolean b, int verb, Object arg) {
    if (verb == 't' || verb == 'v') padString(b ? "true" : "false");
    else badVerb(verb, arg);
  }

  private void fmtString(String s, int verb, Object arg) {
    switch (verb) {
      case 'v' -> {
        if (sharpV) fmtQ(s);
        else fmtS(s);
      }
      case 's' -> fmtS(s);
      case 'x' -> fmtSx(s, LDIGITS);
      case 'X' -> fmtSx(s, UDIGITS);
      case 'q' -> fmtQ(s);
      default -> badVerb(verb, arg);
    }
  }

  private void fmtInteger(Object value, int verb, Object arg) {
    BigInteger big = value instanceof BigInteger b ? b : null;
    long v = big == null ? (Long) value : 0;
    switch (verb) {
      case 'v', 'd' -> fmtInteger(big, v, 10, verb, LDIGITS);
      case 'b' -> fmtInteger(big, v, 2, verb, LDIGITS);
      case 'o', 'O' -> fmtInteger(big, v, 8, verb, LDIGITS);
      case 'x' -> fmtInteger(big, v, 16, verb, LDIGITS);
      case 'X' -> fmtInteger(big, v, 16, verb, UDIGITS);
      case 'c' -> padString(runeString(big == null ? v : big.longValue()));
      case 'q' -> fmtQc(big == null ? v : big.longValue());
      case 'U' -> fmtUnicode(big == null ? v : big.longValue());
      default -> badVerb(verb, arg);
    }
  }

  private void fmtInteger(BigInteger big, long v, int base, int verb, String digits) {
    boolean negative = big != null ? big.signum() < 0 : v < 0;
    String mag = big != null ? big.abs().toString(base) : Long.toUnsignedString(negative ? -v : v, base);
    if (digits == UDIGITS) mag = mag.toUpperCase();
    boolean isZero = big != null ? big.signum() == 0 : v == 0;
    int precision = 0;
    if (precPresent) {
      precision = prec;
      if (precision == 0 && isZero) {
        boolean oldZero = zero;
        zero = false;
        writePadding(wid);
        zero = oldZero;
        return;
      }
    } else if (zero && widPresent) {
      precision = wid;
      if (negative || plus || space) precision--;
    }
    StringBuilder num = new StringBuilder(mag.length() + 4);
    for (int k = mag.length(); k < precision; k++) num.append('0');
    num.append(mag);
    if (sharp) {
      switch (base) {
        case 2 -> num.insert(0, "0b");
        case 8 -> {
          if (num.charAt(0) != '0') num.insert(0, '0');
        }
        case 16 -> num.insert(0, digits.charAt(16)).insert(0, '0');
        default -> { }
      }
    }
    if (verb == 'O') num.insert(0, "0o");
    if (negative) num.insert(0, '-');
    else if (plus) num.insert(0, '+');
    else if (space) num.insert(0, ' ');
    boolean oldZero = zero;
    zero = false;
    pad(num.toString());
    zero = oldZero;
  }

  private void fmtFloat(double v, int size, int verb, Object arg) {
    switch (verb) {
      case 'v' -> fmtFloat(v, size, 'g', -1);
      case 'b', 'g', 'G', 'x', 'X' -> fmtFloat(v, size, (char) verb, -1);
      case 'f', 'e', 'E' -> fmtFloat(v, size, (char) verb, 6);
      case 'F' -> fmtFloat(v, size, 'f', 6);
      default -> badVerb(verb, arg);
    }
  }

  private void fmtFloat(double v, int size, char verb, int precision) {
    if (precPresent) precision = prec;
    String formatted = GoFloat.format(v, verb, precision, size);
    StringBuilder num = new StringBuilder(formatted.length() + 8);
    if (formatted.charAt(0) == '-' || formatted.charAt(0) == '+') num.append(formatted);
    else num.append('+').append(formatted);
    if (space && num.charAt(0) == '+' && !plus) num.setCharAt(0, ' ');
    if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
      boolean oldZero = zero;
      zero = false;
      if (num.charAt(1) == 'N' && !space && !plus) num.deleteCharAt(0);
      pad(num.toString());
      zero = oldZero;
      return;
    }
    if (sharp && verb != 'b') {
      int digits = 0;
      if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
        digits = precision;
        if (digits == -1) digits = 6;
      }
      String tail = "";
      boolean hasDecimalPoint = false, sawNonzeroDigit = false;
      for (int i = 1; i < num.length(); i++) {
        char c = num.charAt(i);
        if (c == '.') {
          hasDecimalPoint = true;
        } else if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
          tail = num.substring(i);
          num.setLength(i);
          break;
        } else {
          if (c != '0') sawNonzeroDigit = true;
          if (sawNonzeroDigit) digits--;
        }
      }
      if (!hasDecimalPoint) {
        if (num.length() == 2 && num.charAt(1) == '0') digits--;
        num.append('.');
      }
      while (digits > 0) {
        num.append('0');
        digits--;
      }
      num.append(tail);
    }
    if (plus || num.charAt(0) != '+') {
      if (zero && widPresent && wid > num.length()) {
        buf.append(num.charAt(0));
        writePadding(wid - num.length());
        buf.append(num, 1, num.length());
        return;
      }
      pad(num.toString());
      return;
    }
    pad(num.substring(1));
  }

  // ---- strings and runes --------------------------------------------------------------------------------------

  private String truncate(String s) {
    if (precPresent) {
      int n = prec;
      for (int i = 0; i < s.length(); ) {
        n--;
        if (n < 0) return s.substring(0, i);
        i += Character.charCount(s.codePointAt(i));
      }
    }
    return s;
  }

  private void fmtS(String s) {
    padString(truncate(s));
  }

  private void fmtQ(String s) {
    s = truncate(s);
    if (sharp && canBackquote(s)) padString("`" + s + "`");
    else padString(plus ? quoteASCII(s) : quote(s));
  }

  private void fmtSx(String s, String digits) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int length = b.length;
    if (precPresent && prec < length) length = prec;
    int width = 2 * length;
    if (width > 0) {
      if (space) {
        if (sharp) width *= 2;
        width += length - 1;
      } else if (sharp) {
        width += 2;
      }
    } else {
      if (widPresent) writePadding(wid);
      return;
    }
    if (widPresent && wid > width && !minus) writePadding(wid - width);
    if (sharp) buf.append('0').append(digits.charAt(16));
    for (int i = 0; i < length; i++) {
      if (space && i > 0) {
        buf.append(' ');
        if (sharp) buf.append('0').append(digits.charAt(16));
      }
      int c = b[i] & 0xff;
      buf.append(digits.charAt(c >> 4)).append(digits.charAt(c & 0xf));
    }
    if (widPresent && wid > width && minus) writePadding(wid - width);
  }

  private static String runeString(long r) {
    if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) r = 0xFFFD;
    return new String(Character.toChars((int) r));
  }

  private void fmtQc(long r) {
    if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) r = 0xFFFD;
    int cp = (int) r;
    if (sharp && isPrint(cp)) padString("'" + new String(Character.toChars(cp)) + "'");
    else padString(quoteRune(cp, plus));
  }

  private void fmtUnicode(long u) {
    String hex = Long.toHexString(u).toUpperCase();
    int minDigits = precPresent && prec > 4 ? prec : 4;
    StringBuilder sb = new StringBuilder("U+");
    for (int k = hex.length(); k < minDigits; k++) sb.append('0');
    sb.append(hex);
    if (sharp && u >= 0 && u <= 0x10FFFF && isPrint((int) u)) {
      sb.append(" '").appendCodePoint((int) u).append('\'');
    }
    boolean oldZero = zero;
    zero = false;
    pad(sb.toString());
    zero = oldZero;
  }

  // ---- padding -----------------------------------------------------------------------------------------------

  private void writePadding(int n) {
    if (n <= 0) return;
    char c = zero ? '0' : ' ';
    for (int i = 0; i < n; i++) buf.append(c);
  }

  private void pad(String s) {
    padString(s);
  }

  private void padString(String s) {
    if (!widPresent || wid == 0) {
      buf.append(s);
      return;
    }
    int width = wid - s.codePointCount(0, s.length());
    if (!minus) {
      writePadding(width);
      buf.append(s);
    } else {
      buf.append(s);
      writePadding(width);
    }
  }

  // ---- strconv quoting ---------------------------------------------------------------------------------------

  /** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  static boolean isPrint(int r) {
    if (r < 0x80) return r >= 0x20 && r < 0x7f;
    return switch (Character.getType(r)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }

  static String quote(String s) {
    return quoteWith(s, '"', false);
  }

  static String quoteASCII(String s) {
    return quoteWith(s, '"', true);
  }

  static String quoteRune(int r, boolean asciiOnly) {
    StringBuilder sb = new StringBuilder("'");
    appendQuotedRune(sb, r, '\'', asciiOnly);
    return sb.append('\'').toString();
  }

  private static String quoteWith(String s, char q, boolean asciiOnly) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append(q);
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      if (r >= 0xD800 && r < 0xE000) r = 0xFFFD; // lone surrogate: invalid text
      appendQuotedRune(sb, r, q, asciiOnly);
    }
    return sb.append(q).toString();
  }

  private static void appendQuotedRune(StringBuilder sb, int r, char q, boolean asciiOnly) {
    if (r == q || r == '\\') {
      sb.append('\\').append((char) r);
      return;
    }
    if (asciiOnly ? (r < 0x80 && isPrint(r)) : isPrint(r)) {
      sb.appendCodePoint(r);
      return;
    }
    switch (r) {
      case 0x07 -> sb.append("\\a");
      case '\b' -> sb.append("\\b");
      case '\f' -> sb.append("\\f");
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      case 0x0b -> sb.append("\\v");
      default -> {
        if (r < ' ' || r == 0x7f) sb.append("\\x").append(hex(r, 2));
        else if (r < 0x10000) sb.append("\\u").append(hex(r, 4));
        else sb.append("\\U").append(hex(r, 8));
      }
    }
  }

  private static String hex(int v, int width) {
    String h = Integer.toHexString(v);
    return "0".repeat(Math.max(0, width - h.length())) + h;
  }

  static boolean canBackquote(String s) {
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      if (r == '`' || r == 0xFEFF || r == 0xFFFD) return false;
      if (r < ' ' && r != '\t') return false;
      if (r == 0x7f) return false;
    }
    return true;
  }

  /** fmt's %#U: U+0023 '#'. */
  static String unicodeVerbose(int r) {
    String h = Integer.toHexString(r).toUpperCase();
    String s = "U+" + "0".repeat(Math.max(0, 4 - h.length())) + h;
    return isPrint(r) ? s + " '" + new String(Character.toChars(r)) + "'" : s;
  }
}
