package io.berth.archive;

import io.berth.sys.Linux;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tree with every file type and attribute goes through write, then apply, and comes back identical. */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class LayerRoundTripTest {
  private static final Instant T = Instant.ofEpochSecond(1_650_000_000L);
  private static final byte[] CAP_NET_BIND = {0, 0, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

  @org.junit.jupiter.api.io.TempDir
  private Path src;
  @org.junit.jupiter.api.io.TempDir
  private Path dst;

  private void buildTree() throws IOException {
    Path a = Files.createDirectory(src.resolve("a"));
    Path f = a.resolve("f");
    Files.writeString(f, "set-uid binary");
    Linux.lchown(f, 1000, 1001);
    Linux.chmod(f, 04755);
    Linux.lsetxattr(f, "security.capability", CAP_NET_BIND);
    Linux.lsetxattr(f, "user.binary", new byte[]{0, (byte) 0xff, (byte) 0x80, '\n'});
    Linux.lsetxattr(f, "trusted.berth", new byte[]{'t'});
    Files.createLink(a.resolve("hl"), f);
    Linux.symlink("../b/target/", a.resolve("s"));
    Linux.lchown(a.resolve("s"), 7, 8);
    Linux.lchown(a, 1000, 1000);
    Linux.chmod(a, 02750);

    Path dev = Files.createDirectory(src.resolve("dev"));
    Linux.mknod(dev.resolve("null"), Linux.S_IFCHR | 0666, Linux.makedev(1, 3));
    Linux.mknod(dev.resolve("sda1"), Linux.S_IFBLK | 0660, Linux.makedev(8, 1));
    Linux.mkfifo(src.resolve("fifo"), 0600);
    Linux.chmod(src.resolve("fifo"), 0620);

    Path tmpDir = Files.createDirectory(src.resolve("tmp"));
    Linux.chmod(tmpDir, 01777);
    Files.createFile(src.resolve("empty"));
    Files.writeString(src.resolve("ünïcode 名前.txt"), "utf-8 name");
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(big);
    Files.write(src.resolve("big.bin"), big);

    Path deep = src;
    for (int i = 0; i < 6; i++) {
      deep = Files.createDirectory(deep.resolve("directory-with-a-long-name-" + i + "-".repeat(20)));
    }
    Files.writeString(deep.resolve("leaf-" + "l".repeat(120)), "deep");

    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(src.resolve("sock")));
    }

    // times last, deepest first, so that creating children does not move a directory's mtime
    List<Path> all = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(src)) {
      walk.filter(p -> !p.equals(src)).forEach(all::add);
    }
    all.sort((x, y) -> y.getNameCount() - x.getNameCount());
    int i = 0;
    for (Path p : all) {
      Linux.utimensat(p, T.plusSeconds(1000 + i), T.plusSeconds(i), true);
      i++;
    }
  }

  @Test
  void writeThenApplyReproducesEveryAttribute() throws IOException {
    buildTree();
    byte[] tar = write(src, WhiteoutMode.OVERLAY);
    long size = LayerApplier.apply(new ByteArrayInputStream(tar), dst, WhiteoutMode.OVERLAY);

    long expectedSize = 0;
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !p.getFileName().toString().equals("hl")) {
          expectedSize += Files.size(p);
        }
      }
    }
    assertEquals(expectedSize, size);

    List<String> compared = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path s : (Iterable<Path>) walk::iterator) {
        if (s.equals(src) || s.getFileName().toString().equals("sock")) {
          continue;
        }
        Path d = dst.resolve(src.relativize(s).toString());
        assertSameMetadata(s, d);
        compared.add(src.relativize(s).toString());
      }
    }
    for (String rel : compared) { // contents last: reading moves atime (relatime), also of hard links
      Path s = src.resolve(rel);
      if (Files.isSymbolicLink(s)) {
        assertEquals(Linux.readlink(s), Linux.readlink(dst.resolve(rel)));
      } else if (Files.isRegularFile(s, LinkOption.NOFOLLOW_LINKS)) {
        assertArrayEquals(Files.readAllBytes(s), Files.readAllBytes(dst.resolve(rel)), rel);
      }
    }
    assertTrue(compared.size() > 15);
    assertFalse(Files.exists(dst.resolve("sock"), LinkOption.NOFOLLOW_LINKS), "sockets are skipped");
    assertEquals(2, (int) Files.getAttribute(dst.resolve("a/f"), "unix:nlink"));
    assertEquals(Files.getAttribute(dst.resolve("a/f"), "unix:ino"), Files.getAttribute(dst.resolve("a/hl"), "unix:ino"));

    // the applied tree writes back to the very same bytes: output is deterministic and lossless
    assertArrayEquals(tar, write(dst, WhiteoutMode.OVERLAY));
  }

  @Test
  void tarEntriesFollowDockerConventions() throws IOException {
    buildTree();
    List<TarEntry> entries = new ArrayList<>();
    TarReader r = new TarReader(new ByteArrayInputStream(write(src, WhiteoutMode.APPLY)));
    for (TarEntry e = r.next(); e != null; e = r.next()) {
      entries.add(e);
    }
    List<String> names = entries.stream().map(TarEntry::name).toList();
    assertEquals("a/", names.get(0));
    assertEquals(List.of("a/", "a/f", "a/hl", "a/s", "big.bin"), names.subList(0, 5));
    assertTrue(names.indexOf("dev/") < names.indexOf("dev/null"));
    TarEntry hl = entries.get(2);
    assertEquals(TarEntry.Type.HARDLINK, hl.type());
    assertEquals("a/f", hl.linkName());
    assertEquals(0, hl.size());
    TarEntry s = entries.get(3);
    assertEquals("../b/target/", s.linkName());
    assertEquals(0777, s.mode());
    TarEntry f = entries.get(1);
    assertEquals(04755, f.mode());
    assertArrayEquals(CAP_NET_BIND, f.xattrs().get("security.capability"));
    assertTrue(names.stream().noneMatch(n -> n.startsWith("/") || n.startsWith("./")));
    assertTrue(entries.stream().allMatch(e -> e.atime() == null && e.mtime().getNano() == 0));
  }

  private static byte[] write(Path root, WhiteoutMode mode) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerWriter.write(root, out, mode);
    return out.toByteArray();
  }

  private static void assertSameMetadata(Path s, Path d) throws IOException {
    Map<String, Object> a = Files.readAttributes(s, "unix:*", LinkOption.NOFOLLOW_LINKS);
    Map<String, Object> b = Files.readAttributes(d, "unix:*", LinkOption.NOFOLLOW_LINKS);
    String what = s.toString();
    assertEquals(a.get("mode"), b.get("mode"), what);
    assertEquals(a.get("uid"), b.get("uid"), what);
    assertEquals(a.get("gid"), b.get("gid"), what);
    assertEquals(a.get("rdev"), b.get("rdev"), what);
    assertEquals(a.get("nlink"), b.get("nlink"), what);
    assertEquals(((FileTime) a.get("lastModifiedTime")).toInstant(), ((FileTime) b.get("lastModifiedTime")).toInstant(), what);
    boolean isDir = (boolean) a.get("isDirectory");
    if (!isDir) { // Docker gives directories without a PAX atime the epoch; files get their mtime
      assertEquals(((FileTime) a.get("lastModifiedTime")).toInstant(), ((FileTime) b.get("lastAccessTime")).toInstant(), what);
    }
    assertEquals(Linux.llistxattr(s).stream().sorted().toList(), Linux.llistxattr(d).stream().sorted().toList(), what);
    for (String x : Linux.llistxattr(s)) {
      assertArrayEquals(Linux.lgetxattr(s, x).orElseThrow(), Linux.lgetxattr(d, x).orElseThrow(), what + " " + x);
    }
  }
}
