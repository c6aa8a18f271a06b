package io.berth.cli.cp;

import io.berth.client.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code X-Docker-Container-Path-Stat} header: base64 JSON {name, size, mode, mtime, linkTarget}
 * with {@code mode} in Go's FileMode bits.
 */
public record PathStat(String name, long size, long mode, String linkTarget) {
  static final long MODE_DIR = 1L << 31;
  static final long MODE_SYMLINK = 1L << 27;
  static final long MODE_DEVICE = 1L << 26;
  static final long MODE_IRREGULAR = 1L << 19;

  public static PathStat decode(String header) throws IOException {
    if (header == null || header.isEmpty()) {
      throw new IOException("unable to decode container path stat header: missing header");
    }
    Map<String, Object> json = JsonParser.parseObject(Base64.getDecoder().decode(header.getBytes(StandardCharsets.US_ASCII)));
    return new PathStat(String.valueOf(json.getOrDefault("name", "")), number(json.get("size")),
        number(json.get("mode")), json.get("linkTarget") instanceof String s ? s : "");
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  public boolean isDir() {
    return (mode & MODE_DIR) != 0;
  }

  public boolean isSymlink() {
    return (mode & MODE_SYMLINK) != 0;
  }

  /** Docker's ValidateOutputPathFileMode: null when the mode is fine, else the reason. */
  public String unusableReason() {
    if ((mode & MODE_DEVICE) != 0) {
      return "got a device";
    }
    if ((mode & MODE_IRREGULAR) != 0) {
      return "got an irregular file";
    }
    return null;
  }
}
