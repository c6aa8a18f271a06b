package io.berth.dockerfile.parser;

import io.berth.dockerfile.text.GoText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits an instruction line into keyword, {@code --flags} and the rest (BuildKit's splitCommand). */
final class SplitCommand {
  static final Pattern WHITESPACE = Pattern.compile("[\\t\\x0B\\f\\r ]+");

  private SplitCommand() {}

  record Parts(String command, List<String> flags, String args) {}

  static Parts split(String line, int escapeToken) {
    String[] cmdline = WHITESPACE.split(GoText.trimSpace(line), 2);
    String args = "";
    List<String> flags = new ArrayList<>();
    if (cmdline.length == 2) {
      args = extractBuilderFlags(cmdline[1], escapeToken, flags);
    }
    return new Parts(cmdline[0], flags, GoText.trimSpace(args));
  }

  /**
   * Collects the leading {@code --word}s into flags and returns the rest of the line. Like
   * BuildKit this walks bytes, not runes: a non-ASCII flag value comes out byte by byte as
   * Latin-1 characters, exactly as dockerd sees it.
   */
  static String extractBuilderFlags(String text, int escapeToken, List<String> words) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    byte[] line = text.getBytes(StandardCharsets.UTF_8);
    int phase = inSpaces;
    StringBuilder word = new StringBuilder();
    int quote = 0;
    boolean blankOK = false;
    int ch = 0;
    for (int pos = 0; pos <= line.length; pos++) {
      if (pos != line.length) {
        ch = line[pos] & 0xFF;
      }
      if (phase == inSpaces) {
        if (pos == line.length) {
          break;
        }
        if (GoText.isSpace(ch)) {
          continue;
        }
        if (ch != '-' || pos + 1 == line.length || line[pos + 1] != '-') {
          return rest(line, pos);
        }
        phase = inWord;
      }
      if ((phase == inWord || phase == inQuote) && pos == line.length) {
        String w = word.toString();
        if (!w.equals("--") && (blankOK || !w.isEmpty())) {
          words.add(w);
        }
        break;
      }
      if (phase == inWord) {
        if (GoText.isSpace(ch)) {
          String w = word.toString();
          phase = inSpaces;
          if (w.equals("--")) {
            return rest(line, pos);
          }
          if (blankOK || !w.isEmpty()) {
            words.add(w);
          }
          word.setLength(0);
          blankOK = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOK = true;
          phase = inQuote;
          continue;
        }
        if (ch == escapeToken) {
          if (pos + 1 == line.length) {
            continue;
          }
          pos++;
          ch = line[pos] & 0xFF;
        }
        word.append((char) ch);
        continue;
      }
      if (ch == quote) {
        phase = inWord;
        continue;
      }
      if (ch == escapeToken) {
        if (pos + 1 == line.length) {
          phase = inWord;
          continue;
        }
        pos++;
        ch = line[pos] & 0xFF;
      }
      word.append((char) ch);
    }
    return "";
  }

  private static String rest(byte[] line, int pos) {
    return new String(line, pos, line.length - pos, StandardCharsets.UTF_8);
  }
}
