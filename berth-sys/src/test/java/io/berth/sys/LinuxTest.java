package io.berth.sys;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs as root (this machine and CI do). */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class LinuxTest {
  private Path dir;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createTempDirectory(Path.of("/tmp"), "berth-sys-test");
  }

  @AfterEach
  void tearDown() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Map<String, Object> lstat(Path p) throws IOException {
    return Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void makedevRoundTripsLargeNumbers() {
    long dev = Linux.makedev(259, 65537);
    assertEquals(259, Linux.major(dev));
    assertEquals(65537, Linux.minor(dev));
    assertEquals(0x0103L, Linux.makedev(1, 3)); // /dev/null
  }

  @Test
  void mknodCreatesDevicesWithTheirNumbers() throws IOException {
    Path chr = dir.resolve("null");
    Linux.mknod(chr, Linux.S_IFCHR | 0666, Linux.makedev(1, 3));
    Map<String, Object> st = lstat(chr);
    assertEquals(Linux.S_IFCHR, (int) st.get("mode") & Linux.S_IFMT);
    assertEquals(Linux.makedev(1, 3), (long) st.get("rdev"));

    Path blk = dir.resolve("blk");
    Linux.mknod(blk, Linux.S_IFBLK | 0600, Linux.makedev(7, 300));
    assertEquals(Linux.S_IFBLK, (int) lstat(blk).get("mode") & Linux.S_IFMT);
    assertEquals(300, Linux.minor((long) lstat(blk).get("rdev")));
  }

  @Test
  void mknodFailureCarriesErrnoAndPath() {
    Path chr = dir.resolve("missing/dev");
    ErrnoException e = assertThrows(ErrnoException.class, () -> Linux.mknod(chr, Linux.S_IFCHR, 0));
    assertEquals(Linux.ENOENT, e.errno());
    assertEquals("mknod " + chr + ": no such file or directory", e.getMessage());
  }

  @Test
  void mkfifoMakesAFifo() throws IOException {
    Path fifo = dir.resolve("fifo");
    Linux.mkfifo(fifo, 0640);
    assertEquals(Linux.S_IFIFO, (int) lstat(fifo).get("mode") & Linux.S_IFMT);
    assertThrows(ErrnoException.class, () -> Linux.mkfifo(fifo, 0640));
  }

  @Test
  void chmodSetsSpecialBitsAfterChown() throws IOException {
    Path f = Files.createFile(dir.resolve("f"));
    Linux.lchown(f, 1234, 5678);
    Linux.chmod(f, 06755);
    Map<String, Object> st = lstat(f);
    assertEquals(1234, st.get("uid"));
    assertEquals(5678, st.get("gid"));
    assertEquals(06755, (int) st.get("mode") & 07777);
    Path d = Files.createDirectory(dir.resolve("d"));
    Linux.chmod(d, 01777);
    assertEquals(01777, (int) lstat(d).get("mode") & 07777);
  }

  @Test
  void lchownChangesTheLinkNotItsTarget() throws IOException {
    Path target = Files.createFile(dir.resolve("target"));
    Path link = dir.resolve("link");
    Linux.symlink("target", link);
    Linux.lchown(link, 42, 43);
    assertEquals(42, lstat(link).get("uid"));
    assertEquals(0, lstat(target).get("uid"));
  }

  @Test
  void symlinkAndReadlinkKeepTheTargetVerbatim() throws IOException {
    Path link = dir.resolve("l");
    Linux.symlink("a//b/../c/", link);
    assertEquals("a//b/../c/", Linux.readlink(link));
    String longTarget = "x/".repeat(300) + "end";
    Linux.symlink(longTarget, dir.resolve("long"));
    assertEquals(longTarget, Linux.readlink(dir.resolve("long")));
    assertThrows(ErrnoException.class, () -> Linux.readlink(dir));
  }

  @Test
  void xattrsSetGetListRemoveWithBinaryValues() throws IOException {
    Path f = Files.createFile(dir.resolve("f"));
    byte[] value = {0, 1, (byte) 0x80, (byte) 0xff, 'y'};
    Linux.lsetxattr(f, "trusted.berth.test", value);
    Linux.lsetxattr(f, "user.other", new byte[0]);
    assertArrayEquals(value, Linux.lgetxattr(f, "trusted.berth.test").orElseThrow());
    assertArrayEquals(new byte[0], Linux.lgetxattr(f, "user.other").orElseThrow());
    assertTrue(Linux.llistxattr(f).contains("trusted.berth.test"));
    assertTrue(Linux.llistxattr(f).contains("user.other"));
    Linux.lremovexattr(f, "trusted.berth.test");
    assertTrue(Linux.lgetxattr(f, "trusted.berth.test").isEmpty());
    assertFalse(Linux.llistxattr(f).contains("trusted.berth.test"));
    ErrnoException e = assertThrows(ErrnoException.class, () -> Linux.lremovexattr(f, "trusted.berth.test"));
    assertEquals(Linux.ENODATA, e.errno());
  }

  @Test
  void xattrOnSymlinkItself() throws IOException {
    Path target = Files.createFile(dir.resolve("t"));
    Path link = dir.resolve("l");
    Linux.symlink("t", link);
    Linux.lsetxattr(link, "trusted.on.link", new byte[]{'1'});
    assertTrue(Linux.lgetxattr(link, "trusted.on.link").isPresent());
    assertTrue(Linux.lgetxattr(target, "trusted.on.link").isEmpty());
  }

  @Test
  void utimensatSetsNanosecondsOnSymlinksWithoutFollowing() throws IOException {
    Path target = Files.createFile(dir.resolve("t"));
    Path link = dir.resolve("l");
    Linux.symlink("t", link);
    Instant mtime = Instant.ofEpochSecond(1_600_000_000L, 123_456_789);
    Instant atime = Instant.ofEpochSecond(1_500_000_000L, 987_654_321);
    Linux.utimensat(link, atime, mtime, true);
    assertEquals(FileTime.from(mtime), Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS));
    assertEquals(FileTime.from(atime), Files.getAttribute(link, "lastAccessTime", LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.getLastModifiedTime(target).equals(FileTime.from(mtime)));

    Linux.utimensat(target, null, mtime, false);
    assertEquals(FileTime.from(mtime), Files.getLastModifiedTime(target));
  }

  @Test
  void bindMountAndDetach() throws IOException {
    Path src = Files.createDirectory(dir.resolve("src"));
    Files.writeString(src.resolve("hello"), "hi");
    Path dst = Files.createDirectory(dir.resolve("dst"));
    Linux.mount(src.toString(), dst, null, Linux.MS_BIND, null);
    try {
      assertEquals("hi", Files.readString(dst.resolve("hello")));
    } finally {
      Linux.umount2(dst, Linux.MNT_DETACH);
    }
    assertFalse(Files.exists(dst.resolve("hello")));
    ErrnoException e = assertThrows(ErrnoException.class, () -> Linux.umount2(dst, 0));
    assertEquals(Linux.EINVAL, e.errno());
  }

  @Test
  void uidsOfTheProcess() {
    assertEquals(0, Linux.geteuid());
    assertEquals(0, Linux.getuid());
  }
}
