package io.berth.cli;

import java.util.ArrayList;
import java.util.List;

/** One command-line flag (pflag's model): a bool, a string, or a repeatable string list. */
public final class Flag {
  enum Kind { BOOL, STRING, LIST }

  final Kind kind;
  final String shorthand;
  final String name;
  final String typeLabel;
  final String usage;
  final String defaultText;
  final boolean hidden;
  private boolean bool;
  private String string;
  private final List<String> list = new ArrayList<>();
  private boolean changed;
  private Converter converter = Converter.IDENTITY;

  /**
   * Checks and normalizes each value as it is set (pflag's Value.Set): throwing
   * IllegalArgumentException with the reason makes the parse fail with cobra's
   * {@code invalid argument "v" for "-x, --name" flag: reason}.
   */
  @FunctionalInterface
  public interface Converter {
    Converter IDENTITY = v -> v;

    String convert(String value);
  }

  Flag(Kind kind, String shorthand, String name, String typeLabel, String usage, String defaultText, boolean hidden) {
    this.kind = kind;
    this.shorthand = shorthand;
    this.name = name;
    this.typeLabel = typeLabel;
    this.usage = usage;
    this.defaultText = defaultText;
    this.hidden = hidden;
    if (kind == Kind.BOOL) {
      bool = "true".equals(defaultText);
    } else if (kind == Kind.STRING) {
      string = defaultText == null ? "" : defaultText;
    }
  }

  /** Sets the converter applied to every value given on the command line. */
  public Flag convert(Converter converter) {
    this.converter = converter;
    return this;
  }

  public boolean isTrue() {
    return bool;
  }

  public String string() {
    return string;
  }

  public List<String> list() {
    return list;
  }

  /** True when the flag was given on the command line. */
  public boolean changed() {
    return changed;
  }

  void set(String value) {
    switch (kind) {
      case BOOL -> bool = parseBool(value);
      case STRING -> string = converted(value);
      case LIST -> {
        for (String item : "strings".equals(typeLabel) ? records(value) : List.of(value)) {
          list.add(converted(item));
        }
      }
    }
    changed = true;
  }

  /** pflag's StringSlice (help's "strings"): each value is one CSV record, so "a,b" gives two items, "" none. */
  private List<String> records(String value) {
    try {
      return value.isEmpty() ? List.of() : Csv.fields(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"" + displayName() + "\" flag: "
          + e.getMessage());
    }
  }

  private String converted(String value) {
    try {
      return converter.convert(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"" + displayName() + "\" flag: "
          + e.getMessage());
    }
  }

  /** The value as a number (flags declared with an integer converter). */
  public long longValue() {
    return string.isEmpty() ? 0 : Long.parseLong(string);
  }

  public int intValue() {
    return (int) longValue();
  }

  /** "-f, --filter" as cobra names a flag in error messages. */
  String displayName() {
    return shorthand == null ? "--" + name : "-" + shorthand + ", --" + name;
  }

  /** Go's strconv.ParseBool. */
  private boolean parseBool(String value) {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"" + displayName()
          + "\" flag: strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
    };
  }
}
