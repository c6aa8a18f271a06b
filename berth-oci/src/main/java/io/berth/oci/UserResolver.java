package io.berth.oci;

import io.berth.archive.SecurePath;
import io.berth.common.BerthException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves Config.User against the container's rootfs the way moby's getUser does through runc's
 * libcontainer/user (GetExecUserPath, GetAdditionalGroupsPath). /etc/passwd and /etc/group are located with
 * {@link SecurePath}, so a symlink in the image cannot make the daemon read a host file.
 */
public final class UserResolver {
  private static final long MAX_ID = Integer.MAX_VALUE;

  private UserResolver() {
  }

  /** {@code user} is "", "name", "uid", "name:group", "uid:gid", ... as in {@code docker run -u}. */
  public static ResolvedUser resolve(Path rootfs, String user) {
    return resolve(rootfs, user, List.of());
  }

  /** As {@link #resolve(Path, String)}, with HostConfig.GroupAdd ({@code --group-add}) names or gids. */
  public static ResolvedUser resolve(Path rootfs, String user, List<String> groupAdd) {
    Optional<List<String[]>> passwd = read(rootfs, "/etc/passwd");
    Optional<List<String[]>> group = read(rootfs, "/etc/group");

    String[] spec = (user == null ? "" : user).split(":", -1);
    String userArg = spec[0];
    String groupArg = spec.length > 1 ? spec[1] : "";
    Long uidArg = atoi(userArg);
    Long gidArg = atoi(groupArg);

    long uid = 0;
    long gid = 0;
    String matchedName = "";
    String[] match = null;
    for (String[] entry : passwd.orElse(List.of())) {
      String name = field(entry, 0);
      long entryUid = atoiOrZero(field(entry, 2));
      boolean matches = userArg.isEmpty() ? entryUid == uid
          : uidArg != null ? uidArg == entryUid : name.equals(userArg);
      if (matches) {
        match = entry;
        break; // first match wins
      }
    }
    if (match != null) {
      matchedName = field(match, 0);
      uid = atoiOrZero(field(match, 2));
      gid = atoiOrZero(field(match, 3));
    } else if (!userArg.isEmpty()) {
      if (uidArg == null) {
        throw new BerthException.InvalidParameter(
            "unable to find user " + userArg + ": no matching entries in passwd file");
      }
      uid = inRange(uidArg);
    }

    List<Long> supplementary = new ArrayList<>();
    if (!groupArg.isEmpty() || !matchedName.isEmpty()) {
      List<String[]> groups = new ArrayList<>();
      for (String[] entry : group.orElse(List.of())) {
        boolean matches;
        if (groupArg.isEmpty()) {
          matches = members(entry).contains(matchedName);
        } else if (gidArg != null) {
          matches = gidArg == atoiOrZero(field(entry, 2));
        } else {
          matches = field(entry, 0).equals(groupArg);
        }
        if (matches) {
          groups.add(entry);
        }
      }
      if (!groupArg.isEmpty()) {
        if (!groups.isEmpty()) {
          gid = atoiOrZero(field(groups.getFirst(), 2));
        } else {
          if (gidArg == null) {
            throw new BerthException.InvalidParameter(
                "unable to find group " + groupArg + ": no matching entries in group file");
          }
          gid = inRange(gidArg);
        }
      } else {
        for (String[] g : groups) {
          supplementary.add(atoiOrZero(field(g, 2)));
        }
      }
    }
    supplementary.addAll(additionalGroups(groupAdd, group.orElse(List.of())));
    return new ResolvedUser(uid, gid, supplementary);
  }

  /** runc's GetAdditionalGroups: by name or gid in /etc/group, else numeric; each gid once, in order given. */
  private static List<Long> additionalGroups(List<String> requested, List<String[]> groupFile) {
    Set<Long> gids = new LinkedHashSet<>();
    for (String ag : requested) {
      boolean found = false;
      for (String[] g : groupFile) {
        long gid = atoiOrZero(field(g, 2));
        if (field(g, 0).equals(ag) || Long.toString(gid).equals(ag)) {
          if (gids.add(gid)) {
            found = true;
            break;
          }
        }
      }
      if (!found) {
        Long gid = atoi(ag);
        if (gid == null) {
          throw new BerthException.InvalidParameter("Unable to find group " + ag);
        }
        gids.add(inRange(gid));
      }
    }
    return List.copyOf(gids);
  }

  /** The colon-separated lines of a file in the rootfs; empty when it does not exist (runc ignores that). */
  private static Optional<List<String[]>> read(Path rootfs, String path) {
    try {
      Path file = SecurePath.join(rootfs, path);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      List<String[]> lines = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty()) {
          lines.add(trimmed.split(":", -1));
        }
      }
      return Optional.of(lines);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path + " in the container", e);
    }
  }

  private static String field(String[] entry, int i) {
    return i < entry.length ? entry[i] : "";
  }

  private static List<String> members(String[] groupEntry) {
    String list = field(groupEntry, 3);
    return list.isEmpty() ? List.of() : List.of(list.split(","));
  }

  /** Go's strconv.Atoi: the value, or null when not an integer. */
  private static Long atoi(String s) {
    if (!s.matches("[+-]?[0-9]+")) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** libcontainer/user parses numeric fields ignoring errors: a bad field is 0. */
  private static long atoiOrZero(String s) {
    Long v = atoi(s);
    return v == null ? 0 : v;
  }

  private static long inRange(long id) {
    if (id < 0 || id > MAX_ID) {
      throw new BerthException.InvalidParameter("uids and gids must be in range 0-" + MAX_ID);
    }
    return id;
  }
}
