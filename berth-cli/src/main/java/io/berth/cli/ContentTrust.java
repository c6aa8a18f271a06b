package io.berth.cli;

import java.util.Map;

/**
 * Docker Content Trust (image signatures checked against a Notary server), which berth does not do. The Docker
 * CLI turns it on for build, pull, push, create and run with {@code DOCKER_CONTENT_TRUST} (any value that
 * strconv.ParseBool does not read as false) or {@code --disable-content-trust=false}; berth refuses both rather
 * than going on unverified.
 */
final class ContentTrust {
  private ContentTrust() {}

  /** The command's {@code --disable-content-trust} flag, as the Docker CLI declares it. */
  static Flag flag(FlagSet flags) {
    return flags.boolDefaultTrue(null, "disable-content-trust", "Skip image verification");
  }

  /** Fails with {@code status} when verification is asked for. */
  static void refuseVerification(Flag disable, Map<String, String> env, int status) {
    if (asked(disable, env)) {
      throw new CliError("berth does not verify image signatures (Docker Content Trust): unset DOCKER_CONTENT_TRUST "
          + "or pass --disable-content-trust", status);
    }
  }

  static boolean asked(Flag disable, Map<String, String> env) {
    if (disable.changed()) {
      return !disable.isTrue();
    }
    String value = env.getOrDefault("DOCKER_CONTENT_TRUST", "");
    // trust.Enabled: a value ParseBool cannot read counts as true
    return !value.isEmpty() && !switch (value) {
      case "0", "f", "F", "false", "FALSE", "False" -> true;
      default -> false;
    };
  }
}
