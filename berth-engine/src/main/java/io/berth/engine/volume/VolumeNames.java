package io.berth.engine.volume;

import io.berth.common.BerthException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Names of local volumes, as dockerd's local driver checks them and as it makes them for anonymous volumes. */
public final class VolumeNames {
  /** dockerd's names.RestrictedNameChars: a name is a directory under volumes/, so no '/' and no leading '.'. */
  static final String CHARS = "[a-zA-Z0-9][a-zA-Z0-9_.-]";
  private static final Pattern NAME = Pattern.compile("^" + CHARS + "+$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private VolumeNames() {}

  /** The local driver's check, in its words (the caller wraps them as "create NAME: ..."). */
  static void validate(String name) {
    if (name.length() == 1) {
      throw new BerthException.InvalidParameter(
          "volume name is too short, names should be at least two alphanumeric characters");
    }
    if (!NAME.matcher(name).matches()) {
      throw new BerthException.InvalidParameter("\"" + name + "\" includes invalid characters for a local volume "
          + "name, only \"" + CHARS + "\" are allowed. If you intended to pass a host directory, use absolute path");
    }
  }

  public static boolean valid(String name) {
    return name.length() > 1 && NAME.matcher(name).matches();
  }

  /** An anonymous volume's name: 64 hex digits, as dockerd's stringid.GenerateRandomID. */
  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
