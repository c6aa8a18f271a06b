package io.berth.template;

import java.util.ArrayList;
import java.util.List;

/** Go's text/template lexer (parse/lex.go), run to completion up front: the token stream is deterministic. */
final class Lexer {
  enum Type {
    ERROR, BOOL, CHAR, CHAR_CONSTANT, COMMENT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER,
    LEFT_DELIM, LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
    // Keywords appear after all the rest (item.String prints them as <word>).
    KEYWORD, BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

    boolean isKeyword() {
      return ordinal() > KEYWORD.ordinal();
    }
  }

  /** A token: its type, start offset (chars) in the input, text and starting line. */
  record Item(Type type, int pos, String val, int line) {
    @Override
    public String toString() {
      if (type == Type.EOF) return "EOF";
      if (type == Type.ERROR) return val;
      if (type.isKeyword()) return "<" + val + ">";
      if (val.codePointCount(0, val.length()) > 10) {
        int end = val.offsetByCodePoints(0, 10);
        return GoFormat.quote(val.substring(0, end)) + "...";
      }
      return GoFormat.quote(val);
    }
  }

  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";
  private static final String LEFT_COMMENT = "/*";
  private static final String RIGHT_COMMENT = "*/";

  private final String input;
  private final List<Item> items = new ArrayList<>();
  private final int[] lineStarts;
  private int pos;
  private int start;
  private int parenDepth;
  private boolean done;

  private Lexer(String input) {
    this.input = input;
    int n = 1;
    for (int i = 0; i < input.length(); i++) if (input.charAt(i) == '\n') n++;
    lineStarts = new int[n];
    int k = 1;
    for (int i = 0; i < input.length(); i++) if (input.charAt(i) == '\n') lineStarts[k++] = i + 1;
  }

  static List<Item> lex(String input) {
    Lexer l = new Lexer(input);
    l.run();
    return l.items;
  }

  /** 1-based line holding offset {@code p}. */
  int lineOf(int p) {
    int lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  private void run() {
    State state = State.TEXT;
    while (!done) {
      state = switch (state) {
        case TEXT -> lexText();
        case LEFT_DELIM -> lexLeftDelim();
        case COMMENT -> lexComment();
        case RIGHT_DELIM -> lexRightDelim();
        case INSIDE -> lexInsideAction();
      };
    }
  }

  private enum State { TEXT, LEFT_DELIM, COMMENT, RIGHT_DELIM, INSIDE }

  private static final int EOF_CH = -1;

  private int next() {
    if (pos >= input.length()) return EOF_CH;
    int r = input.codePointAt(pos);
    pos += Character.charCount(r);
    return r;
  }

  private int peek() {
    return pos >= input.length() ? EOF_CH : input.codePointAt(pos);
  }

  private void backup(int r) {
    if (r != EOF_CH) pos -= Character.charCount(r);
  }

  private void emit(Type t) {
    items.add(new Item(t, start, input.substring(start, pos), lineOf(start)));
    start = pos;
    if (t == Type.EOF) done = true;
  }

  private void ignore() {
    start = pos;
  }

  private State errorf(String message) {
    items.add(new Item(Type.ERROR, start, message, lineOf(start)));
    done = true;
    return State.TEXT;
  }

  private boolean accept(String valid) {
    int r = next();
    if (r != EOF_CH && valid.indexOf(r) >= 0) return true;
    backup(r);
    return false;
  }

  private void acceptRun(String valid) {
    while (true) {
      int r = next();
      if (r == EOF_CH || valid.indexOf(r) < 0) {
        backup(r);
        return;
      }
    }
  }

  static boolean isSpace(int r) {
    return r == ' ' || r == '\t' || r == '\r' || r == '\n';
  }

  static boolean isAlphaNumeric(int r) {
    return r == '_' || Character.isLetter(r) || Character.isDigit(r);
  }

  private static boolean hasLeftTrimMarker(String s, int at) {
    return s.length() - at >= 2 && s.charAt(at) == '-' && isSpace(s.charAt(at + 1));
  }

  private static boolean hasRightTrimMarker(String s, int at) {
    return s.length() - at >= 2 && isSpace(s.charAt(at)) && s.charAt(at + 1) == '-';
  }

  private static int rightTrimLength(String s, int from, int to) {
    int i = to;
    while (i > from && isSpace(s.charAt(i - 1))) i--;
    return to - i;
  }

  private static int leftTrimLength(String s, int from) {
    int i = from;
    while (i < s.length() && isSpace(s.charAt(i))) i++;
    return i - from;
  }

  /** Reports {delim, trimSpace}. */
  private boolean atRightDelim() {
    return input.startsWith(RIGHT, pos) || (hasRightTrimMarker(input, pos) && input.startsWith(RIGHT, pos + 2));
  }

  private boolean atTrimmedRightDelim() {
    return hasRightTrimMarker(input, pos) && input.startsWith(RIGHT, pos + 2);
  }

  private State lexText() {
    int x = input.indexOf(LEFT, pos);
    if (x >= 0) {
      if (x > pos) {
        pos = x;
        int trim = 0;
        if (hasLeftTrimMarker(input, pos + LEFT.length())) trim = rightTrimLength(input, start, pos);
        pos -= trim;
        boolean nonEmpty = pos > start;
        if (nonEmpty) emit(Type.TEXT);
        pos += trim;
        ignore();
      }
      return State.LEFT_DELIM;
    }
    pos = input.length();
    if (pos > start) emit(Type.TEXT);
    emit(Type.EOF);
    return State.TEXT;
  }

  private State lexLeftDelim() {
    pos += LEFT.length();
    boolean trim = hasLeftTrimMarker(input, pos);
    int afterMarker = trim ? 2 : 0;
    if (input.startsWith(LEFT_COMMENT, pos + afterMarker)) {
      pos += afterMarker;
      ignore();
      return State.COMMENT;
    }
    emit(Type.LEFT_DELIM);
    pos += afterMarker;
    ignore();
    parenDepth = 0;
    return State.INSIDE;
  }

  private State lexComment() {
    pos += LEFT_COMMENT.length();
    int x = input.indexOf(RIGHT_COMMENT, pos);
    if (x < 0) return errorf("unclosed comment");
    pos = x + RIGHT_COMMENT.length();
    if (!atRightDelim()) return errorf("comment ends before closing delimiter");
    boolean trim = atTrimmedRightDelim();
    if (trim) pos += 2;
    pos += RIGHT.length();
    if (trim) pos += leftTrimLength(input, pos);
    ignore();
    return State.TEXT;
  }

  private State lexRightDelim() {
    boolean trim = atTrimmedRightDelim();
    if (trim) {
      pos += 2;
      ignore();
    }
    pos += RIGHT.length();
    emit(Type.RIGHT_DELIM);
    if (trim) {
      pos += leftTrimLength(input, pos);
      ignore();
    }
    return State.TEXT;
  }

  private State lexInsideAction() {
    if (atRightDelim()) {
      if (parenDepth == 0) return State.RIGHT_DELIM;
      return errorf("unclosed left paren");
    }
    int r = next();
    if (r == EOF_CH) return errorf("unclosed action");
    if (isSpace(r)) {
      backup(r);
      return lexSpace();
    }
    switch (r) {
      case '=' -> emit(Type.ASSIGN);
      case ':' -> {
        if (next() != '=') return errorf("expected :=");
        emit(Type.DECLARE);
      }
      case '|' -> emit(Type.PIPE);
      case '"' -> { return lexQuote('"', Type.STRING, "unterminated quoted string"); }
      case '`' -> { return lexRawQuote(); }
      case '$' -> { return lexVariable(); }
      case '\'' -> { return lexQuote('\'', Type.CHAR_CONSTANT, "unterminated character constant"); }
      case '(' -> {
        parenDepth++;
        emit(Type.LEFT_PAREN);
      }
      case ')' -> {
        parenDepth--;
        if (parenDepth < 0) return errorf("unexpected right paren");
        emit(Type.RIGHT_PAREN);
      }
      default -> {
        if (r == '.') {
          if (pos < input.length()) {
            char c = input.charAt(pos);
            if (c < '0' || '9' < c) return lexFieldOrVariable(Type.FIELD);
          }
          backup(r);
          return lexNumber();
        }
        if (r == '+' || r == '-' || ('0' <= r && r <= '9')) {
          backup(r);
          return lexNumber();
        }
        if (isAlphaNumeric(r)) {
          backup(r);
          return lexIdentifier();
        }
        if (r <= 0x7f && r >= 0x20 && r != 0x7f) {
          emit(Type.CHAR);
        } else {
          return errorf("unrecognized character in action: " + GoFormat.unicodeVerbose(r));
        }
      }
    }
    return State.INSIDE;
  }

  private State lexSpace() {
    int numSpaces = 0;
    while (isSpace(peek())) {
      next();
      numSpaces++;
    }
    // A trim-marked closing delimiter has a minus after a space: leave that space for it.
    if (hasRightTrimMarker(input, pos - 1) && input.startsWith(RIGHT, pos - 1 + 2)) {
      pos--;
      if (numSpaces == 1) return State.RIGHT_DELIM;
    }
    emit(Type.SPACE);
    return State.INSIDE;
  }

  private State lexIdentifier() {
    while (true) {
      int r = next();
      if (r != EOF_CH && isAlphaNumeric(r)) continue;
      backup(r);
      String word = input.substring(start, pos);
      if (!atTerminator()) return errorf("bad character " + GoFormat.unicodeVerbose(r));
      Type key = keyword(word);
      if (key != null && key != Type.DOT) emit(key);
      else if (word.charAt(0) == '.') emit(Type.FIELD);
      else if (word.equals("true") || word.equals("false")) emit(Type.BOOL);
      else emit(Type.IDENTIFIER);
      return State.INSIDE;
    }
  }

  private static Type keyword(String word) {
    return switch (word) {
      case "." -> Type.DOT;
      case "block" -> Type.BLOCK;
      case "break" -> Type.BREAK;
      case "continue" -> Type.CONTINUE;
      case "define" -> Type.DEFINE;
      case "else" -> Type.ELSE;
      case "end" -> Type.END;
      case "if" -> Type.IF;
      case "range" -> Type.RANGE;
      case "nil" -> Type.NIL;
      case "template" -> Type.TEMPLATE;
      case "with" -> Type.WITH;
      default -> null;
    };
  }

  private State lexVariable() {
    if (atTerminator()) {
      emit(Type.VARIABLE);
      return State.INSIDE;
    }
    return lexFieldOrVariable(Type.VARIABLE);
  }

  private State lexFieldOrVariable(Type typ) {
    if (atTerminator()) {
      emit(typ == Type.VARIABLE ? Type.VARIABLE : Type.DOT);
      return State.INSIDE;
    }
    int r;
    while (true) {
      r = next();
      if (r == EOF_CH || !isAlphaNumeric(r)) {
        backup(r);
        break;
      }
    }
    if (!atTerminator()) return errorf("bad character " + GoFormat.unicodeVerbose(r));
    emit(typ);
    return State.INSIDE;
  }

  private boolean atTerminator() {
    int r = peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF_CH, '.', ',', '|', ':', ')', '(':
        return true;
      default:
        return r == RIGHT.charAt(0);
    }
  }

  private State lexNumber() {
    if (!scanNumber()) return errorf("bad number syntax: " + GoFormat.quote(input.substring(start, pos)));
    int sign = peek();
    if (sign == '+' || sign == '-') {
      if (!scanNumber() || input.charAt(pos - 1) != 'i') {
        return errorf("bad number syntax: " + GoFormat.quote(input.substring(start, pos)));
      }
      emit(Type.COMPLEX);
    } else {
      emit(Type.NUMBER);
    }
    return State.INSIDE;
  }

  private boolean scanNumber() {
    accept("+-");
    String digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) digits = "0123456789abcdefABCDEF_";
      else if (accept("oO")) digits = "01234567_";
      else if (accept("bB")) digits = "01_";
    }
    acceptRun(digits);
    if (accept(".")) acceptRun(digits);
    if (digits.length() == 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (digits.length() == 23 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    int r = peek();
    if (r != EOF_CH && isAlphaNumeric(r)) {
      next();
      return false;
    }
    return true;
  }

  /** Go's lexChar and lexQuote, alike but for the quote: escapes skipped, the constant ends on its line. */
  private State lexQuote(int quote, Type type, String unterminated) {
    while (true) {
      int r = next();
      if (r == '\\') {
        int e = next();
        if (e != EOF_CH && e != '\n') continue;
        return errorf(unterminated);
      }
      if (r == EOF_CH || r == '\n') return errorf(unterminated);
      if (r == quote) break;
    }
    emit(type);
    return State.INSIDE;
  }

  private State lexRawQuote() {
    while (true) {
      int r = next();
      if (r == EOF_CH) return errorf("unterminated raw quoted string");
      if (r == '`') break;
    }
    emit(Type.RAW_STRING);
    return State.INSIDE;
  }
}
