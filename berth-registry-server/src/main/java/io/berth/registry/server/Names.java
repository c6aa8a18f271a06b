package io.berth.registry.server;

import io.berth.common.Digest;
import java.util.regex.Pattern;

/** The grammar of what a request names: repositories, tags and digests, as distribution's reference package. */
public final class Names {
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final int MAX_NAME = 255;

  private Names() {}

  public static boolean validRepository(String name) {
    return name.length() <= MAX_NAME && REPOSITORY.matcher(name).matches();
  }

  /** The repository a path names, or NAME_INVALID. */
  public static String repository(String name) {
    if (!validRepository(name)) {
      throw ErrorCode.NAME_INVALID.error(Detail.of("name", name));
    }
    return name;
  }

  public static boolean isTag(String reference) {
    return TAG.matcher(reference).matches();
  }

  public static boolean isDigest(String reference) {
    return reference.indexOf(':') > 0;
  }

  /** A digest the store can hold (sha256), or DIGEST_INVALID. */
  public static Digest digest(String text) {
    Digest digest;
    try {
      digest = Digest.parse(text);
    } catch (RuntimeException e) {
      throw ErrorCode.DIGEST_INVALID.error(Detail.of("digest", String.valueOf(text), "reason", e.getMessage()));
    }
    if (!digest.algorithm().equals("sha256")) {
      throw ErrorCode.DIGEST_INVALID.error(Detail.of("digest", text, "reason", "unsupported digest algorithm"));
    }
    return digest;
  }
}
