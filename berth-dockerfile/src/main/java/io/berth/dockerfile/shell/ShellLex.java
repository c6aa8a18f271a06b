package io.berth.dockerfile.shell;

import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * BuildKit's shell.Lex: the quote, escape and {@code $VAR} / {@code ${VAR...}} processing of
 * Dockerfile words, and their splitting into words. A port of frontend/dockerfile/shell/lex.go,
 * rune for rune; every instance is configured once and may be reused (not concurrently).
 */
public final class ShellLex {
  static final int EOF = -1;

  private final int escapeToken;
  private boolean rawQuotes;
  private boolean rawEscapes;
  private boolean skipProcessQuotes;
  private boolean skipUnsetEnv;

  public ShellLex(int escapeToken) {
    this.escapeToken = escapeToken;
  }

  /** Keeps the quote characters in the result ({@code RawQuotes}). */
  public ShellLex rawQuotes(boolean value) {
    this.rawQuotes = value;
    return this;
  }

  /** Keeps the escape characters in the result ({@code RawEscapes}). */
  public ShellLex rawEscapes(boolean value) {
    this.rawEscapes = value;
    return this;
  }

  /** Treats quotes as ordinary characters ({@code SkipProcessQuotes}), for heredoc bodies. */
  public ShellLex skipProcessQuotes(boolean value) {
    this.skipProcessQuotes = value;
    return this;
  }

  /** Leaves references to unset variables as written ({@code SkipUnsetEnv}). */
  public ShellLex skipUnsetEnv(boolean value) {
    this.skipUnsetEnv = value;
    return this;
  }

  public int escapeToken() {
    return escapeToken;
  }

  /** The result of expanding one word, with the variables it found set and not set. */
  public record Result(String result, List<String> words, Set<String> matched, Set<String> unmatched) {}

  /** ProcessWord: the word with quotes removed and variables replaced, spaces kept. */
  public String processWord(String word, EnvGetter env) {
    return process(word, env).result();
  }

  /** ProcessWordWithMatches. */
  public Result process(String word, EnvGetter env) {
    Word w = new Word(word, env);
    try {
      w.processStopOn(EOF, rawEscapes);
      return w.finish();
    } catch (DockerfileException e) {
      throw new DockerfileException("failed to process " + GoText.quote(word) + ": " + e.getMessage());
    }
  }

  /** ProcessWords: the word expanded, then split on unquoted white space. */
  public List<String> processWords(String word, EnvGetter env) {
    return process(word, env).words();
  }

  static DockerfileException error(String message) {
    return new DockerfileException(message);
  }

  /** One word being processed: shellWord plus the text/scanner over its runes. */
  private final class Word {
    private final int[] runes;
    private int pos;
    private final EnvGetter env;
    private boolean escapesRaw;
    // One builder shared by every nesting level, as BuildKit's shellWord.wordsBuffer is: a
    // ${VAR:-x} inside a word resets the words being built around it (BuildKit does the same).
    private final StringBuilder wordsBuffer = new StringBuilder();
    private final Set<String> matched = new LinkedHashSet<>();
    private final Set<String> unmatched = new LinkedHashSet<>();
    private String lastResult = "";
    private List<String> lastWords = List.of();

    Word(String text, EnvGetter env) {
      int[] all = text.codePoints().toArray();
      // text/scanner skips a byte order mark at the very start
      int skip = all.length > 0 && all[0] == 0xFEFF ? 1 : 0;
      this.runes = java.util.Arrays.copyOfRange(all, skip, all.length);
      this.env = env;
      this.escapesRaw = rawEscapes;
    }

    Result finish() {
      return new Result(lastResult, lastWords, Set.copyOf(matched), Set.copyOf(unmatched));
    }

    int peek() {
      return pos < runes.length ? runes[pos] : EOF;
    }

    int next() {
      return pos < runes.length ? runes[pos++] : EOF;
    }

    String processStopOn(int stopChar, boolean raw) {
      StringBuilder result = new StringBuilder();
      wordsBuffer.setLength(0);
      Words words = new Words(wordsBuffer);
      boolean saved = escapesRaw;
      escapesRaw = raw;
      try {
        while (peek() != EOF) {
          int ch = peek();
          if (stopChar != EOF && ch == stopChar) {
            next();
            lastWords = words.getWords();
            lastResult = result.toString();
            return lastResult;
          }
          String special = special(ch);
          if (special != null) {
            result.append(special);
            if (ch == '$') {
              words.addString(special);
            } else {
              words.addRawString(special);
            }
            continue;
          }
          ch = next();
          if (ch == escapeToken) {
            if (escapesRaw) {
              words.addRawChar(ch);
              result.appendCodePoint(ch);
            }
            ch = next();
            if (ch == EOF) {
              break;
            }
            words.addRawChar(ch);
          } else {
            words.addChar(ch);
          }
          result.appendCodePoint(ch);
        }
        if (stopChar != EOF) {
          throw error("unexpected end of statement while looking for matching " + Character.toString(stopChar));
        }
        lastWords = words.getWords();
        lastResult = result.toString();
        return lastResult;
      } finally {
        escapesRaw = saved;
      }
    }

    /** The characters with their own processing; null for an ordinary one. */
    private String special(int ch) {
      return switch (ch) {
        case '$' -> processDollar();
        case '<' -> processPossibleHeredoc();
        case '\'' -> skipProcessQuotes ? null : processSingleQuote();
        case '"' -> skipProcessQuotes ? null : processDoubleQuote();
        default -> null;
      };
    }

    private String processSingleQuote() {
      StringBuilder result = new StringBuilder();
      int ch = next();
      if (rawQuotes) {
        result.appendCodePoint(ch);
      }
      while (true) {
        ch = next();
        if (ch == EOF) {
          throw error("unexpected end of statement while looking for matching single-quote");
        }
        if (ch == '\'') {
          if (rawQuotes) {
            result.appendCodePoint(ch);
          }
          return result.toString();
        }
        result.appendCodePoint(ch);
      }
    }

    private String processDoubleQuote() {
      StringBuilder result = new StringBuilder();
      int ch = next();
      if (rawQuotes) {
        result.appendCodePoint(ch);
      }
      while (true) {
        int p = peek();
        if (p == EOF) {
          throw error("unexpected end of statement while looking for matching double-quote");
        } else if (p == '"') {
          ch = next();
          if (rawQuotes) {
            result.appendCodePoint(ch);
          }
          return result.toString();
        } else if (p == '$') {
          result.append(processDollar());
        } else {
          ch = next();
          if (ch == escapeToken) {
            if (escapesRaw) {
              result.appendCodePoint(ch);
            }
            int after = peek();
            if (after == EOF) {
              continue; // a lone escape at the end; the missing quote fails next round
            }
            if (after == '"' || after == '$' || after == escapeToken) {
              ch = next();
            }
          }
          result.appendCodePoint(ch);
        }
      }
    }

    private String processDollar() {
      next();
      if (peek() != '{') {
        String name = processName();
        if (name.isEmpty()) {
          return "$";
        }
        String value = getEnv(name);
        if (value == null && skipUnsetEnv) {
          return "$" + name;
        }
        return value == null ? "" : value;
      }
      next();
      int first = peek();
      if (first == EOF) {
        throw error("syntax error: missing '}'");
      }
      if (first == '{' || first == '}' || first == ':') {
        throw error("syntax error: bad substitution");
      }
      String name = processName();
      int ch = next();
      String chs = runeString(ch);
      boolean nullIsUnset = false;
      switch (ch) {
        case '}' -> {
          String value = getEnv(name);
          if (value == null && skipUnsetEnv) {
            return "${" + name + "}";
          }
          return value == null ? "" : value;
        }
        case ':' -> {
          nullIsUnset = true;
          ch = next();
          chs += runeString(ch);
          return modifier(name, ch, chs, nullIsUnset);
        }
        case '+', '-', '?', '#', '%' -> {
          return modifier(name, ch, chs, nullIsUnset);
        }
        case '/' -> {
          return substitution(name);
        }
        default -> throw error("unsupported modifier (" + chs + ") in substitution");
      }
    }

    private String modifier(String name, int ch, String chs, boolean nullIsUnset) {
      boolean raw = ch == '#' || ch == '%';
      if (nullIsUnset && raw) {
        throw error("unsupported modifier (" + chs + ") in substitution");
      }
      String word = stopOnOrMissing('}', raw, "syntax error: missing '}'");
      String value = getEnv(name);
      boolean set = value != null;
      if (skipUnsetEnv && !set) {
        return "${" + name + chs + word + "}";
      }
      boolean empty = !set || (nullIsUnset && value.isEmpty());
      switch (ch) {
        case '-':
          return empty ? word : value;
        case '+':
          return empty ? "" : word;
        case '?':
          if (!set) {
            throw error(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
          }
          if (nullIsUnset && value.isEmpty()) {
            throw error(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
          }
          return value;
        case '%', '#':
          boolean greedy = !word.isEmpty() && word.codePointAt(0) == ch;
          String pattern = greedy ? word.substring(1) : word;
          String v = set ? value : "";
          return ch == '%' ? ShellPattern.trimSuffix(pattern, v, greedy) : ShellPattern.trimPrefix(pattern, v, greedy);
        default:
          throw error("unsupported modifier (" + chs + ") in substitution");
      }
    }

    private String substitution(String name) {
      boolean replaceAll = peek() == '/';
      if (replaceAll) {
        next();
      }
      String pattern = stopOnOrMissing('/', true, "syntax error: missing '/' in ${}");
      String replacement = stopOnOrMissing('}', true, "syntax error: missing '}'");
      String value = getEnv(name);
      if (skipUnsetEnv && value == null) {
        return "${" + name + "/" + pattern + "/" + replacement + "}";
      }
      return ShellPattern.replace(pattern, value == null ? "" : value, replacement, replaceAll);
    }

    private String stopOnOrMissing(int stop, boolean raw, String missing) {
      try {
        return processStopOn(stop, raw);
      } catch (DockerfileException e) {
        if (peek() == EOF) {
          throw error(missing);
        }
        throw e;
      }
    }

    private String processName() {
      StringBuilder name = new StringBuilder();
      while (peek() != EOF) {
        int ch = peek();
        if (name.isEmpty() && Character.isDigit(ch)) {
          while (peek() != EOF && Character.isDigit(peek())) {
            name.appendCodePoint(next());
          }
          return name.toString();
        }
        if (name.isEmpty() && isSpecialParam(ch)) {
          return Character.toString(next());
        }
        if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
          break;
        }
        name.appendCodePoint(next());
      }
      return name.toString();
    }

    private String processPossibleHeredoc() {
      next();
      if (peek() != '<') {
        return "<";
      }
      next();
      StringBuilder result = new StringBuilder("<<");
      while (peek() == '\t' || peek() == '\r' || peek() == ' ') {
        result.appendCodePoint(next());
      }
      return result.toString();
    }

    private String getEnv(String name) {
      String value = env.get(name).orElse(null);
      (value != null ? matched : unmatched).add(name);
      return value;
    }
  }

  private static boolean isSpecialParam(int ch) {
    return switch (ch) {
      case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
      default -> false;
    };
  }

  /** Go's string(rune): EOF (-1) becomes the replacement character. */
  private static String runeString(int ch) {
    return ch < 0 ? "\uFFFD" : Character.toString(ch);
  }

  /** The words being split while a word is processed (BuildKit's wordsStruct). */
  private static final class Words {
    private final StringBuilder buf;
    private final List<String> words = new ArrayList<>();
    private boolean inWord;

    Words(StringBuilder buf) {
      this.buf = buf;
    }

    void addChar(int ch) {
      if (GoText.isSpace(ch) && inWord) {
        if (!buf.isEmpty()) {
          words.add(buf.toString());
          buf.setLength(0);
          inWord = false;
        }
      } else if (!GoText.isSpace(ch)) {
        addRawChar(ch);
      }
    }

    void addRawChar(int ch) {
      buf.appendCodePoint(ch);
      inWord = true;
    }

    void addString(String s) {
      s.codePoints().forEach(this::addChar);
    }

    void addRawString(String s) {
      buf.append(s);
      inWord = true;
    }

    List<String> getWords() {
      if (!buf.isEmpty()) {
        words.add(buf.toString());
        buf.setLength(0);
        inWord = false;
      }
      return List.copyOf(words);
    }
  }
}
