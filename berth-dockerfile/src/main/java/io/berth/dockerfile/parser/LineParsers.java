package io.berth.dockerfile.parser;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-instruction argument parsers of BuildKit's line_parsers.go: each turns the text after
 * the keyword and flags into the node chain of arguments. Variables are not expanded here.
 */
final class LineParsers {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  static final String NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";

  private LineParsers() {}

  /** The arguments of one instruction: the first node of the chain (or null) and the JSON mark. */
  record Parsed(Node next, boolean json) {
    static final Parsed NONE = new Parsed(null, false);
  }

  @FunctionalInterface
  interface LineParser {
    Parsed parse(String rest, Directives d);
  }

  private static final Map<String, LineParser> DISPATCH = Map.ofEntries(
      Map.entry("add", LineParsers::parseMaybeJsonToList),
      Map.entry("arg", LineParsers::parseNameOrNameVal),
      Map.entry("cmd", LineParsers::parseMaybeJson),
      Map.entry("copy", LineParsers::parseMaybeJsonToList),
      Map.entry("entrypoint", LineParsers::parseMaybeJson),
      Map.entry("env", (rest, d) -> new Parsed(parseNameVal(rest, "ENV", d), false)),
      Map.entry("expose", LineParsers::parseStringsWhitespaceDelimited),
      Map.entry("from", LineParsers::parseStringsWhitespaceDelimited),
      Map.entry("healthcheck", LineParsers::parseHealthConfig),
      Map.entry("label", (rest, d) -> new Parsed(parseNameVal(rest, "LABEL", d), false)),
      Map.entry("maintainer", LineParsers::parseString),
      Map.entry("onbuild", LineParsers::parseSubCommand),
      Map.entry("run", LineParsers::parseMaybeJson),
      Map.entry("shell", LineParsers::parseMaybeJson),
      Map.entry("stopsignal", LineParsers::parseString),
      Map.entry("user", LineParsers::parseString),
      Map.entry("volume", LineParsers::parseMaybeJsonToList),
      Map.entry("workdir", LineParsers::parseString));

  /** BuildKit's newNodeFromLine: keyword, flags and arguments of one logical line. */
  static Node nodeFromLine(String line, Directives d, List<String> comments) {
    SplitCommand.Parts parts = SplitCommand.split(line, d.escapeToken());
    // unknown instructions still parse (their arguments ignored); instructions.Parse rejects them
    LineParser fn = DISPATCH.getOrDefault(parts.command().toLowerCase(Locale.ROOT), (rest, dir) -> new Parsed(new Node(), false));
    Parsed parsed = fn.parse(parts.args(), d);
    Node node = new Node(parts.command(), parsed.next());
    node.setOriginal(line);
    node.setFlags(parts.flags());
    node.setJson(parsed.json());
    node.setPrevComment(comments);
    return node;
  }

  /** ONBUILD RUN foo -> a node whose one child is the inner instruction. */
  static Parsed parseSubCommand(String rest, Directives d) {
    if (rest.isEmpty()) {
      return Parsed.NONE;
    }
    Node holder = new Node();
    holder.addChildNode(nodeFromLine(rest, d, List.of()));
    return new Parsed(holder, false);
  }

  /** Splits on white space outside quotes, keeping quotes and escapes (removed later). */
  static List<String> parseWords(String rest, int escapeToken) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    List<String> words = new ArrayList<>();
    int phase = inSpaces;
    int quote = 0;
    boolean blankOK = false;
    StringBuilder word = new StringBuilder();
    int ch = 0;
    int width = 0;
    for (int pos = 0; pos <= rest.length(); pos += width) {
      if (pos != rest.length()) {
        ch = rest.codePointAt(pos);
        width = Character.charCount(ch);
      }
      if (phase == inSpaces) {
        if (pos == rest.length()) {
          break;
        }
        if (GoText.isSpace(ch)) {
          continue;
        }
        phase = inWord;
      }
      if ((phase == inWord || phase == inQuote) && pos == rest.length()) {
        if (blankOK || !word.isEmpty()) {
          words.add(word.toString());
        }
        break;
      }
      if (phase == inWord) {
        if (GoText.isSpace(ch)) {
          phase = inSpaces;
          if (blankOK || !word.isEmpty()) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOK = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOK = true;
          phase = inQuote;
        }
        if (ch == escapeToken) {
          if (pos + width == rest.length()) {
            continue;
          }
          word.appendCodePoint(ch);
          pos += width;
          ch = rest.codePointAt(pos);
          width = Character.charCount(ch);
        }
        word.appendCodePoint(ch);
        continue;
      }
      if (ch == quote) {
        phase = inWord;
      }
      if (ch == escapeToken && quote != '\'') {
        if (pos + width == rest.length()) {
          phase = inWord;
          continue;
        }
        pos += width;
        word.appendCodePoint(ch);
        ch = rest.codePointAt(pos);
        width = Character.charCount(ch);
      }
      word.appendCodePoint(ch);
    }
    return words;
  }

  /** ENV and LABEL: {@code KEY value} (old form) or {@code KEY=value ...}, as (key value sep) triples. */
  static Node parseNameVal(String rest, String key, Directives d) {
    List<String> words = parseWords(rest, d.escapeToken());
    if (words.isEmpty()) {
      return null;
    }
    if (!words.getFirst().contains("=")) {
      String[] parts = SplitCommand.WHITESPACE.split(rest, 2);
      if (parts.length < 2) {
        throw new DockerfileException(key + " must have two arguments");
      }
      return keyValue(parts[0], parts[1], "");
    }
    Node root = null;
    Node last = null;
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new DockerfileException("Syntax error - can't find = in " + GoText.quote(word)
            + ". Must be of the form: name=value");
      }
      Node node = keyValue(word.substring(0, eq), word.substring(eq + 1), "=");
      if (root == null) {
        root = node;
      } else {
        last.setNext(node);
      }
      last = node.next().next();
    }
    return root;
  }

  private static Node keyValue(String key, String value, String separator) {
    return new Node(key, new Node(value, new Node(separator)));
  }

  /** ARG: {@code name1 name2= name3="" name4=value}, one node per word. */
  static Parsed parseNameOrNameVal(String rest, Directives d) {
    return chain(parseWords(rest, d.escapeToken()));
  }

  static Parsed parseStringsWhitespaceDelimited(String rest, Directives d) {
    if (rest.isEmpty()) {
      return Parsed.NONE;
    }
    return chain(List.of(SplitCommand.WHITESPACE.split(rest, -1)));
  }

  static Parsed parseString(String rest, Directives d) {
    return rest.isEmpty() ? Parsed.NONE : new Parsed(new Node(rest), false);
  }

  /**
   * A JSON array of strings, or null when the text is not a JSON array at all. A JSON array with
   * something other than a string in it is an error.
   */
  static List<String> parseJson(String rest) {
    String text = GoText.trimLeftSpace(rest);
    if (!text.startsWith("[")) {
      return null;
    }
    JsonNode array;
    try {
      array = JSON.readTree(text);
    } catch (Exception e) {
      return null;
    }
    if (array == null || !array.isArray()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : array) {
      if (!element.isTextual()) {
        throw new DockerfileException(NOT_STRING_ARRAY);
      }
      values.add(element.textValue());
    }
    return values;
  }

  /** RUN, CMD, ENTRYPOINT, SHELL: the exec form's strings or the shell form's whole text. */
  static Parsed parseMaybeJson(String rest, Directives d) {
    if (rest.isEmpty()) {
      return Parsed.NONE;
    }
    List<String> json = parseJson(rest);
    if (json != null) {
      return new Parsed(chain(json).next(), true);
    }
    return new Parsed(new Node(rest), false);
  }

  /** ADD, COPY, VOLUME: the exec form's strings or white-space separated words. */
  static Parsed parseMaybeJsonToList(String rest, Directives d) {
    List<String> json = parseJson(rest);
    if (json != null) {
      return new Parsed(chain(json).next(), true);
    }
    return parseStringsWhitespaceDelimited(rest, d);
  }

  /** HEALTHCHECK: a type word (CMD, NONE) and then a command as RUN takes it. */
  static Parsed parseHealthConfig(String rest, Directives d) {
    int sep = 0;
    while (sep < rest.length() && !GoText.isSpace(rest.charAt(sep))) {
      sep++;
    }
    int next = sep;
    while (next < rest.length() && GoText.isSpace(rest.charAt(next))) {
      next++;
    }
    if (sep == 0) {
      return Parsed.NONE;
    }
    Parsed cmd = parseMaybeJson(rest.substring(next), d);
    return new Parsed(new Node(rest.substring(0, sep), cmd.next()), cmd.json());
  }

  private static Parsed chain(List<String> values) {
    Node root = null;
    Node last = null;
    for (String value : values) {
      Node node = new Node(value);
      if (root == null) {
        root = node;
      } else {
        last.setNext(node);
      }
      last = node;
    }
    return new Parsed(root, false);
  }
}
