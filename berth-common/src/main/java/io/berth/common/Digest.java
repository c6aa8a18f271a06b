package io.berth.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:9f86…}: the one place digests are parsed and made. */
public record Digest(String algorithm, String hex) {
  private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern GENERIC = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
  private static final MessageDigest SHA256 = sha256Instance();

  public Digest {
    if (algorithm.equals("sha256") && !SHA256_HEX.matcher(hex).matches()) {
      throw new BerthException.InvalidParameter("invalid checksum digest format");
    }
  }

  public static Digest parse(String text) {
    if (text == null || !GENERIC.matcher(text).matches()) {
      throw new BerthException.InvalidParameter("invalid checksum digest format");
    }
    int colon = text.indexOf(':');
    String algorithm = text.substring(0, colon);
    if (!algorithm.equals("sha256") && !algorithm.equals("sha384") && !algorithm.equals("sha512")) {
      throw new BerthException.InvalidParameter("unsupported digest algorithm");
    }
    return new Digest(algorithm, text.substring(colon + 1));
  }

  public static boolean isSha256Hex(String text) {
    return SHA256_HEX.matcher(text).matches();
  }

  public static Digest sha256(byte[] content) {
    return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(content)));
  }

  public static Digest ofSha256(MessageDigest finished) {
    return new Digest("sha256", HexFormat.of().formatHex(finished.digest()));
  }

  /** A fresh SHA-256: a copy of one never used, cheaper than a provider look-up per file of a context. */
  public static MessageDigest newSha256() {
    try {
      return (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      return sha256Instance();
    }
  }

  private static MessageDigest sha256Instance() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }


  /** The first 12 hex characters, as Docker shows IDs. */
  public String shortHex() {
    return hex.substring(0, Math.min(12, hex.length()));
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
