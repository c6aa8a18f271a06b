package io.berth.template;

/** Go's {@code strconv.Quote} and {@code unicode.IsPrint} for the other modules (fmt's {@code %q} is GoFormat's). */
public final class GoQuote {
  private GoQuote() {}

  /** strconv.Quote: printable runes as they are, the rest escaped in Go's forms. */
  public static String quote(String s) {
    return GoFormat.quote(s);
  }

  /** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  public static boolean isPrint(int r) {
    return GoFormat.isPrint(r);
  }
}
