package io.berth.dockerfile.parser;

import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.shell.EnvGetter;
import io.berth.dockerfile.shell.ShellLex;
import io.berth.dockerfile.text.GoText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BuildKit's parser.Parse: lines to an AST. Handles the directives at the top, comments (also
 * inside continuations), the escape token as line continuation, empty continuation lines (a
 * warning), here-documents after RUN, COPY and ADD (also under ONBUILD), a UTF-8 BOM, and
 * BuildKit's limit of 64 KiB per line.
 */
public final class DockerfileParser {
  static final int MAX_LINE = 64 * 1024;
  private static final Pattern HEREDOC = Pattern.compile("^([0-9]*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)\\z");
  private static final Pattern LEADING_TABS = Pattern.compile("(?m)^\\t+");
  private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("add", "copy", "run");

  private DockerfileParser() {}

  public static ParseResult parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  public static ParseResult parse(byte[] data) {
    Directives d = new Directives();
    LineScanner scanner = new LineScanner(data);
    int currentLine = 0;
    Node root = new Node();
    root.lines(-1, 0);
    List<Warning> warnings = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    while (scanner.scan()) {
      String raw = scanner.text();
      if (currentLine == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      if (isComment(raw)) {
        String comment = GoText.trimSpace(raw.substring(1));
        if (comment.isEmpty()) {
          comments = new ArrayList<>();
        } else {
          comments.add(comment);
        }
      }
      String line;
      try {
        Processed p = processLine(d, raw, true);
        if (p.directive()) {
          comments.removeLast();
        }
        line = p.text();
      } catch (DockerfileException e) {
        throw e.withLocation(currentLine, currentLine);
      }
      currentLine++;
      int startLine = currentLine;
      Directives.Trimmed trimmed = d.trimContinuation(line);
      if (trimmed.endOfLine() && trimmed.text().isEmpty()) {
        continue;
      }
      StringBuilder buf = new StringBuilder(trimmed.text());
      boolean endOfLine = trimmed.endOfLine();
      boolean emptyContinuationLine = false;
      while (!endOfLine && scanner.scan()) {
        String next = scanner.text();
        String processed;
        try {
          processed = processLine(d, next, false).text();
        } catch (DockerfileException e) {
          throw e.withLocation(currentLine, currentLine);
        }
        currentLine++;
        if (isComment(next)) {
          continue; // comments inside a continuation are dropped
        }
        if (GoText.trimLeftSpace(trimNewline(processed)).isEmpty()) {
          emptyContinuationLine = true;
          continue;
        }
        Directives.Trimmed more = d.trimContinuation(processed);
        endOfLine = more.endOfLine();
        buf.append(more.text());
      }
      String instruction = buf.toString();
      if (emptyContinuationLine) {
        warnings.add(new Warning("Empty continuation line found in: " + instruction,
            "Empty continuation lines will become errors in a future release",
            "https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/", currentLine));
      }
      Node child;
      try {
        child = LineParsers.nodeFromLine(instruction, d, comments);
      } catch (DockerfileException e) {
        throw e.withLocation(startLine, currentLine);
      }
      if (canContainHeredoc(child) && instruction.contains("<<")) {
        List<Heredoc> heredocs;
        try {
          heredocs = heredocsFromLine(instruction);
        } catch (DockerfileException e) {
          throw e.withLocation(startLine, currentLine);
        }
        for (Heredoc heredoc : heredocs) {
          StringBuilder content = new StringBuilder(heredoc.content());
          boolean terminated = false;
          while (scanner.scan()) {
            String bodyLine = scanner.text();
            currentLine++;
            String possibleTerminator = trimNewline(bodyLine);
            if (heredoc.chomp()) {
              possibleTerminator = possibleTerminator.replaceFirst("^\t+", "");
            }
            if (possibleTerminator.equals(heredoc.name())) {
              terminated = true;
              break;
            }
            content.append(bodyLine);
          }
          if (!terminated) {
            throw new DockerfileException("unterminated heredoc").withLocation(startLine, currentLine);
          }
          child.addHeredoc(heredoc.withContent(content.toString()));
        }
      }
      root.addChild(child, startLine, currentLine);
      comments = new ArrayList<>();
    }
    if (root.startLine() < 0) {
      throw new DockerfileException("file with no instructions").withLocation(currentLine, 0);
    }
    if (scanner.tooLong()) {
      throw new DockerfileException("dockerfile line greater than max allowed size of " + (MAX_LINE - 1))
          .withLocation(currentLine, 0);
    }
    return new ParseResult(root, d.escapeToken(), List.copyOf(warnings), d.seen());
  }

  /** The here-document a word like {@code <<-'EOF'} opens, or null if it opens none. */
  public static Heredoc parseHeredoc(String src) {
    Matcher m = HEREDOC.matcher(src);
    if (!m.find()) {
      return null;
    }
    int fd = m.group(1).isEmpty() ? 0 : parseFd(m.group(1));
    boolean chomp = m.group(2).equals("-");
    String rest = m.group(3);
    if (rest.isEmpty()) {
      return null;
    }
    // Lexed with and without quotes: a difference means part of the word was quoted, and a
    // quoted delimiter turns expansion of the body off.
    ShellLex lex = new ShellLex('\\').skipUnsetEnv(true);
    List<String> words = lex.processWords(rest, EnvGetter.EMPTY);
    if (words.size() != 1) {
      return null;
    }
    List<String> wordsRaw = lex.rawQuotes(true).processWords(rest, EnvGetter.EMPTY);
    if (wordsRaw.size() != words.size()) {
      throw new DockerfileException("internal lexing of heredoc produced inconsistent results: " + rest);
    }
    String word = words.getFirst();
    boolean expand = quoteCount(word) == quoteCount(wordsRaw.getFirst());
    return new Heredoc(word, fd, expand, chomp, "");
  }

  /** Removes the leading tabs of every line, as {@code <<-} asks. */
  public static String chompHeredocContent(String src) {
    return LEADING_TABS.matcher(src).replaceAll("");
  }

  static List<Heredoc> heredocsFromLine(String line) {
    ShellLex lex = new ShellLex('\\').rawQuotes(true).rawEscapes(true).skipUnsetEnv(true);
    List<String> words;
    try {
      words = lex.processWords(line, EnvGetter.EMPTY);
    } catch (DockerfileException e) {
      words = List.of();
    }
    List<Heredoc> docs = new ArrayList<>();
    for (String word : words) {
      Heredoc heredoc = parseHeredoc(word);
      if (heredoc != null) {
        docs.add(heredoc);
      }
    }
    return docs;
  }

  private static boolean canContainHeredoc(Node node) {
    Node n = node;
    if (n.value().toLowerCase(Locale.ROOT).equals("onbuild") && n.next() != null && !n.next().children().isEmpty()) {
      n = n.next().children().getFirst();
    }
    return HEREDOC_INSTRUCTIONS.contains(n.value().toLowerCase(Locale.ROOT)) && !n.json();
  }

  private static int parseFd(String digits) {
    try {
      return Integer.parseUnsignedInt(digits);
    } catch (NumberFormatException e) {
      return 0; // BuildKit ignores the error of an out-of-range descriptor
    }
  }

  private static long quoteCount(String s) {
    return s.chars().filter(c -> c == '\'' || c == '"').count();
  }

  private record Processed(String text, boolean directive) {}

  private static Processed processLine(Directives d, String token, boolean stripLeftWhitespace) {
    String text = trimNewline(token);
    if (stripLeftWhitespace) {
      text = GoText.trimLeftSpace(text);
    }
    boolean directive = d.possibleParserDirective(text);
    return new Processed(isComment(text) ? "" : text, directive);
  }

  private static boolean isComment(String line) {
    String text = GoText.trimLeftSpace(line);
    return !text.isEmpty() && text.charAt(0) == '#';
  }

  private static String trimNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
      end--;
    }
    return s.substring(0, end);
  }

  /** bufio.Scanner with BuildKit's line split: lines keep their '\n'; one over 64 KiB stops it. */
  private static final class LineScanner {
    private final byte[] data;
    private int pos;
    private String text;
    private boolean tooLong;

    LineScanner(byte[] data) {
      this.data = data;
    }

    boolean scan() {
      if (tooLong || pos >= data.length) {
        return false;
      }
      int end = pos;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      int length = end - pos;
      if (length >= MAX_LINE) {
        tooLong = true;
        return false;
      }
      int next = end < data.length ? end + 1 : end;
      text = new String(data, pos, next - pos, StandardCharsets.UTF_8);
      pos = next;
      return true;
    }

    String text() {
      return text;
    }

    boolean tooLong() {
      return tooLong;
    }
  }
}
