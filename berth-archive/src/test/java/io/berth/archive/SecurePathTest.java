package io.berth.archive;

import io.berth.sys.ErrnoException;
import io.berth.sys.Linux;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecurePathTest extends TempRootTest {
  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("usr/lib"));
  }

  @Test
  void plainPathsAndDotDotStayInside() throws IOException {
    assertEquals(root.resolve("usr/lib"), SecurePath.join(root, "usr/lib"));
    assertEquals(root.resolve("usr/lib"), SecurePath.join(root, "/usr//./lib/"));
    assertEquals(root.resolve("etc/passwd"), SecurePath.join(root, "../../../etc/passwd"));
    assertEquals(root, SecurePath.join(root, ".."));
    assertEquals(root, SecurePath.join(root, ""));
    assertEquals(root.resolve("missing/deeper"), SecurePath.join(root, "missing/deeper"));
  }

  @Test
  void absoluteSymlinkIsTakenRelativeToRoot() throws IOException {
    Linux.symlink("/etc", root.resolve("evil"));
    assertEquals(root.resolve("etc/passwd"), SecurePath.join(root, "evil/passwd"));
    assertEquals(root.resolve("etc"), SecurePath.join(root, "evil"));
  }

  @Test
  void relativeSymlinkCannotClimbAboveRoot() throws IOException {
    Linux.symlink("../../../..", root.resolve("up"));
    assertEquals(root.resolve("x"), SecurePath.join(root, "up/x"));
    Linux.symlink("../../lib", root.resolve("usr/lib64"));
    assertEquals(root.resolve("lib/libc.so"), SecurePath.join(root, "usr/lib64/libc.so"));
    Linux.symlink("lib/../../../usr", root.resolve("usr/u"));
    assertEquals(root.resolve("usr/lib"), SecurePath.join(root, "usr/u/lib"));
  }

  @Test
  void chainsOfSymlinksResolveInsideRoot() throws IOException {
    Linux.symlink("b", root.resolve("a"));
    Linux.symlink("/c/../usr", root.resolve("b"));
    Linux.symlink("lib", root.resolve("usr/l"));
    assertEquals(root.resolve("usr/lib/x"), SecurePath.join(root, "a/l/x"));
  }

  @Test
  void lastComponentCanBeLeftUnfollowed() throws IOException {
    Linux.symlink("/etc", root.resolve("evil"));
    assertEquals(root.resolve("evil"), SecurePath.joinNoFollow(root, "evil"));
    assertEquals(root.resolve("etc/passwd"), SecurePath.joinNoFollow(root, "evil/passwd"));
    Linux.symlink("/etc/shadow", root.resolve("etc/passwd"));
    assertEquals(root.resolve("etc/passwd"), SecurePath.joinNoFollow(root, "evil/passwd"));
    assertEquals(root.resolve("etc/shadow"), SecurePath.join(root, "evil/passwd"));
  }

  @Test
  void symlinkLoopsFailWithEloop() throws IOException {
    Linux.symlink("loop2", root.resolve("loop1"));
    Linux.symlink("/loop1", root.resolve("loop2"));
    ErrnoException e = assertThrows(ErrnoException.class, () -> SecurePath.join(root, "loop1/x"));
    assertEquals(Linux.ELOOP, e.errno());
    Linux.symlink("self/x", root.resolve("self"));
    assertThrows(ErrnoException.class, () -> SecurePath.join(root, "self"));
  }

  @Test
  void componentsUnderAFileAreKeptLexically() throws IOException {
    Files.writeString(root.resolve("file"), "x");
    assertEquals(root.resolve("file/sub"), SecurePath.join(root, "file/sub"));
  }
}
