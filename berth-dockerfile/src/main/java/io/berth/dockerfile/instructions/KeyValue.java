package io.berth.dockerfile.instructions;

/** A pair of ENV or LABEL; {@code noDelim} marks the old {@code ENV key value} form. */
public record KeyValue(String key, String value, boolean noDelim) {
  @Override
  public String toString() {
    return key + "=" + value;
  }

  KeyValue expand(WordExpander e) {
    return new KeyValue(e.expand(key), e.expand(value), noDelim);
  }
}
