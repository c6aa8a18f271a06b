package io.berth.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference parsed and normalized exactly as Docker's distribution/reference does:
 * {@code busybox} is {@code docker.io/library/busybox}, {@code host:5000/a/b:tag} keeps its
 * registry, {@code name@sha256:…} pins a digest. Tag and digest are {@code null} when absent.
 */
public record ImageReference(String domain, String path, String tag, String digest) {
  public static final String DEFAULT_DOMAIN = "docker.io";
  public static final String DEFAULT_TAG = "latest";
  private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
  private static final String OFFICIAL_PREFIX = "library/";
  private static final int NAME_MAX = 255;

  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String HOST =
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])";
  private static final String DOMAIN = HOST + "(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final String REMOTE_NAME = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final Pattern REFERENCE = Pattern.compile(
      "^((?:" + DOMAIN + "/)?" + REMOTE_NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
  private static final Pattern ANYTHING_LOWERCASED = Pattern.compile(
      "^((?:" + DOMAIN + "/)?" + REMOTE_NAME.replace("[a-z0-9]", "[a-zA-Z0-9]") + ")(?::(" + TAG
          + "))?(?:@(" + DIGEST + "))?$");
  private static final Pattern IDENTIFIER = Pattern.compile("^[a-f0-9]{64}$");
  private static final Pattern TAG_ONLY = Pattern.compile("^" + TAG + "$");
  private static final Pattern DOMAIN_ONLY = Pattern.compile("^" + DOMAIN + "$");

  /** Parses a user-typed reference (familiar or full) into its normalized form. */
  public static ImageReference parse(String text) {
    if (text == null || text.isEmpty()) {
      throw invalid("invalid reference format");
    }
    if (IDENTIFIER.matcher(text).matches()) {
      throw invalid("invalid repository name (" + text
          + "), cannot specify 64-byte hexadecimal strings");
    }
    String domain;
    String remainder;
    int slash = text.indexOf('/');
    String first = slash < 0 ? "" : text.substring(0, slash);
    if (slash < 0 || (!first.contains(".") && !first.contains(":") && !first.equals("localhost")
        && first.toLowerCase().equals(first))) {
      domain = DEFAULT_DOMAIN;
      remainder = text;
    } else {
      domain = first;
      remainder = text.substring(slash + 1);
    }
    if (domain.equals(LEGACY_DEFAULT_DOMAIN)) {
      domain = DEFAULT_DOMAIN;
    }
    if (domain.equals(DEFAULT_DOMAIN) && !remainder.contains("/")) {
      remainder = OFFICIAL_PREFIX + remainder;
    }
    int colon = remainder.indexOf(':');
    String remoteName = colon < 0 ? remainder : remainder.substring(0, colon);
    if (!remoteName.toLowerCase().equals(remoteName)) {
      throw invalid("invalid reference format: repository name (" + remoteName + ") must be lowercase");
    }
    String full = domain + "/" + remainder;
    Matcher m = REFERENCE.matcher(full);
    if (!m.matches()) {
      if (ANYTHING_LOWERCASED.matcher(full).matches()) {
        throw invalid("invalid reference format: repository name must be lowercase");
      }
      throw invalid("invalid reference format");
    }
    String name = m.group(1);
    if (name.length() > NAME_MAX) {
      throw invalid("invalid reference format: repository name must not be more than 255 characters");
    }
    String digest = m.group(3);
    if (digest != null) {
      Digest.parse(digest);
    }
    return new ImageReference(domain, name.substring(domain.length() + 1), m.group(2), digest);
  }

  /** True when {@code text} is a registry host as references name it ({@code host}, {@code host:port}, {@code [::1]:5000}). */
  public static boolean isValidDomain(String text) {
    return DOMAIN_ONLY.matcher(text).matches();
  }

  /** True when {@code text} is a valid tag on its own (as in {@code docker tag SRC NAME:TAG}). */
  public static boolean isValidTag(String text) {
    return TAG_ONLY.matcher(text).matches();
  }

  /** This reference with {@code latest} when it names neither a tag nor a digest. */
  public ImageReference withDefaultTag() {
    return tag == null && digest == null ? new ImageReference(domain, path, DEFAULT_TAG, null) : this;
  }

  public ImageReference withTag(String newTag) {
    return new ImageReference(domain, path, newTag, null);
  }

  /** The repository name in full, e.g. {@code docker.io/library/busybox}. */
  public String name() {
    return domain + "/" + path;
  }

  /** The repository name as users see it, e.g. {@code busybox} or {@code host:5000/a/b}. */
  public String familiarName() {
    if (domain.equals(DEFAULT_DOMAIN)) {
      return path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0
          ? path.substring(OFFICIAL_PREFIX.length())
          : path;
    }
    return name();
  }

  /** The whole reference as users see it, e.g. {@code busybox:latest}. */
  public String familiarString() {
    return familiarName() + suffix();
  }

  @Override
  public String toString() {
    return name() + suffix();
  }

  private String suffix() {
    return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  private static BerthException.InvalidParameter invalid(String message) {
    return new BerthException.InvalidParameter(message);
  }
}
