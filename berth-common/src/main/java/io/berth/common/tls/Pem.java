package io.berth.common.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PEM blocks read as Go's {@code encoding/pem} reads them: text between blocks is skipped, a
 * malformed block is skipped, headers ({@code Proc-Type: 4,ENCRYPTED}) are kept apart from the
 * DER bytes. Docker's certificates and keys are all read through this.
 */
public final class Pem {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private Pem() {}

  /** One {@code -----BEGIN TYPE-----} block. */
  public record Block(String type, Map<String, String> headers, byte[] bytes) {
    /** RFC 1423 encryption ({@code Proc-Type: 4,ENCRYPTED}), which Docker no longer accepts. */
    public boolean legacyEncrypted() {
      return headers.getOrDefault("Proc-Type", "").contains("ENCRYPTED");
    }
  }

  /** Every well-formed block of {@code data}, in order. */
  public static List<Block> decode(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    List<Block> blocks = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, from);
      if (begin < 0) {
        return blocks;
      }
      from = begin + BEGIN.length();
      if (begin > 0 && text.charAt(begin - 1) != '\n') {
        continue; // a BEGIN line must start a line
      }
      Block block = blockAt(text, begin);
      if (block != null) {
        blocks.add(block);
      }
    }
  }

  /** The block whose BEGIN line starts at {@code begin}, or null when it is malformed. */
  private static Block blockAt(String text, int begin) {
    int lineEnd = lineEnd(text, begin);
    String beginLine = text.substring(begin, lineEnd).strip();
    if (!beginLine.endsWith(DASHES) || beginLine.length() < BEGIN.length() + DASHES.length()) {
      return null;
    }
    String type = beginLine.substring(BEGIN.length(), beginLine.length() - DASHES.length());
    String endLine = END + type + DASHES;
    int end = text.indexOf(endLine, lineEnd);
    if (end < 0) {
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    StringBuilder base64 = new StringBuilder();
    boolean inHeaders = true;
    for (String line : text.substring(Math.min(lineEnd + 1, end), end).split("\n", -1)) {
      String trimmed = line.strip();
      int colon = trimmed.indexOf(':');
      if (inHeaders && colon > 0) {
        headers.put(trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1).strip());
        continue;
      }
      inHeaders = false;
      base64.append(trimmed);
    }
    try {
      return new Block(type, Map.copyOf(headers), Base64.getDecoder().decode(base64.toString()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int lineEnd(String text, int from) {
    int newline = text.indexOf('\n', from);
    return newline < 0 ? text.length() : newline;
  }
}
