package io.berth.builder;

import io.berth.archive.SecurePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --chown=user[:group]} resolved as moby's parseChownFlag does: names looked up in the destination
 * tree's {@code /etc/passwd} and {@code /etc/group}, numbers taken as they are, a missing group meaning
 * the user's string again.
 */
final class ChownSpec {
  private ChownSpec() {}

  /** The uid and gid, or an error in dockerd's words. */
  static int[] resolve(String chown, Path root) {
    String[] parts = chown.split(":", -1);
    if (parts.length > 2) {
      throw new BuildException("unable to convert uid/gid chown string to host mapping: invalid chown string format: "
          + chown);
    }
    String user = parts[0];
    String group = parts.length == 1 ? parts[0] : parts[1];
    try {
      int uid = lookup(user, root, "/etc/passwd", "can't find uid for user " + user + ": no such user: " + user);
      int gid = lookup(group, root, "/etc/group", "can't find gid for group " + group + ": no such group: " + group);
      return new int[] {uid, gid};
    } catch (BuildException e) {
      throw new BuildException("unable to convert uid/gid chown string to host mapping: " + e.getMessage());
    }
  }

  private static int lookup(String name, Path root, String file, String notFound) {
    if (name.matches("[0-9]+")) {
      try {
        return Integer.parseInt(name);
      } catch (NumberFormatException e) {
        throw new BuildException(notFound);
      }
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(SecurePath.join(root, file));
    } catch (IOException e) {
      throw new BuildException(notFound);
    }
    for (String line : lines) {
      String[] fields = line.split(":", -1);
      if (fields.length >= 3 && fields[0].equals(name) && fields[2].matches("[0-9]+")) {
        return Integer.parseInt(fields[2]);
      }
    }
    throw new BuildException(notFound);
  }
}
