package io.berth.registry.server;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An htpasswd file of bcrypt entries ({@code user:$2y$...}, as {@code htpasswd -B} writes them); distribution
 * accepts bcrypt only, and so does this. Blank lines and {@code #} comments are skipped.
 */
final class Htpasswd {
  private final Map<String, String> hashes;

  private Htpasswd(Map<String, String> hashes) {
    this.hashes = hashes;
  }

  static Htpasswd load(Path file) throws IOException {
    Map<String, String> hashes = new LinkedHashMap<>();
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      String hash = colon < 0 ? "" : trimmed.substring(colon + 1);
      if (colon <= 0 || !hash.matches("\\$2[abxy]?\\$\\d\\d\\$.{53}")) {
        throw new SettingsException("htpasswd file " + file + ", line " + number
            + ": not a bcrypt entry (make one with htpasswd -B)");
      }
      hashes.put(trimmed.substring(0, colon), hash);
    }
    return new Htpasswd(hashes);
  }

  boolean verify(String user, String password) {
    String hash = hashes.get(user);
    if (hash == null) {
      return false;
    }
    return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
        hash.getBytes(StandardCharsets.UTF_8)).verified;
  }
}
