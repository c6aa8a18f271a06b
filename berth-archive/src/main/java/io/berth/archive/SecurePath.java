package io.berth.archive;

import io.berth.sys.ErrnoException;
import io.berth.sys.Linux;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a root directory the way the kernel would if that root were "/" (what Go's
 * filepath-securejoin does): component by component, following symlinks, with absolute symlink targets
 * and ".." bounded by the root. The result is always the root or below it, and no existing component
 * of its parent chain is a symlink (at the time of the call). Components that do not exist are kept
 * lexically. At most {@value #MAX_SYMLINKS} symlinks are followed (then ELOOP).
 * <p>
 * It does not guard against a concurrent writer changing the tree between resolution and use.
 */
public final class SecurePath {
  public static final int MAX_SYMLINKS = 255;

  private SecurePath() {
  }

  /** {@code unsafePath} resolved inside {@code root}, following every symlink including the last component. */
  public static Path join(Path root, String unsafePath) throws IOException {
    return root.resolve(relative(root, unsafePath, true));
  }

  /**
   * Like {@link #join} but the last component is not followed: a symlink there is returned as
   * itself, as lstat, lchown or unlink want it.
   */
  public static Path joinNoFollow(Path root, String unsafePath) throws IOException {
    return root.resolve(relative(root, unsafePath, false));
  }

  /** The resolved path relative to root ("" for the root itself), components joined by "/". */
  static String relative(Path root, String unsafePath, boolean followLast) throws IOException {
    return relative(root, unsafePath, followLast, null);
  }

  /**
   * {@link #relative(Path, String, boolean)}, also saying in {@code followedSymlink[0]} whether a symlink was
   * followed on the way (when not, the resolution can only change where one of the path's own components does).
   */
  static String relative(Path root, String unsafePath, boolean followLast, boolean[] followedSymlink)
      throws IOException {
    Deque<String> pending = new ArrayDeque<>();
    pushFront(pending, unsafePath);
    List<String> current = new ArrayList<>();
    int hops = 0;
    while (!pending.isEmpty()) {
      String part = pending.removeFirst();
      if (part.equals("..")) {
        if (!current.isEmpty()) {
          current.removeLast();
        }
        continue;
      }
      current.add(part);
      if (pending.isEmpty() && !followLast) {
        break;
      }
      Path candidate = resolve(root, current);
      if (!isSymlink(candidate)) {
        continue;
      }
      if (++hops > MAX_SYMLINKS) {
        throw new ErrnoException("SecureJoin", root + "/" + unsafePath, Linux.ELOOP);
      }
      String target = Linux.readlink(candidate);
      if (followedSymlink != null) {
        followedSymlink[0] = true;
      }
      current.removeLast();
      if (target.startsWith("/")) {
        current.clear();
      }
      pushFront(pending, target);
    }
    return String.join("/", current);
  }

  private static void pushFront(Deque<String> pending, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty() && !parts[i].equals(".")) {
        pending.addFirst(parts[i]);
      }
    }
  }

  private static Path resolve(Path root, List<String> parts) throws IOException {
    try {
      return root.resolve(String.join("/", parts));
    } catch (InvalidPathException e) {
      throw new IOException("invalid path " + String.join("/", parts) + ": " + e.getReason());
    }
  }

  private static boolean isSymlink(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink();
    } catch (NoSuchFileException e) {
      return false;
    } catch (FileSystemException e) {
      if ("Not a directory".equals(e.getReason())) {
        return false; // a missing component under a non-directory: kept lexically
      }
      throw e;
    }
  }
}
