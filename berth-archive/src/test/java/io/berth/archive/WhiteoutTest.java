package io.berth.archive;

import io.berth.sys.Linux;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class WhiteoutTest extends TempRootTest {
  private boolean exists(String rel) {
    return Files.exists(root.resolve(rel), LinkOption.NOFOLLOW_LINKS);
  }

  private void assertAbsent(String... rels) {
    for (String rel : rels) {
      assertFalse(exists(rel), rel + " exists");
    }
  }

  private boolean isWhiteoutDevice(String rel) throws IOException {
    Map<String, Object> st = Files.readAttributes(root.resolve(rel), "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
    return ((int) st.get("mode") & Linux.S_IFMT) == Linux.S_IFCHR && (long) st.get("rdev") == 0;
  }

  private static List<String> names(byte[] tar) throws IOException {
    List<String> names = new ArrayList<>();
    TarReader r = new TarReader(new ByteArrayInputStream(tar));
    for (TarEntry e = r.next(); e != null; e = r.next()) {
      names.add(e.name());
    }
    return names;
  }

  @Test
  void overlayApplyMakesDevicesAndOpaqueXattrs() throws IOException {
    byte[] tar = new CraftedTar()
        .dir("a", 0755)
        .file("a/.wh..wh..opq", "")
        .file("a/.wh.gone", "")
        .file("a/kept", "new")
        .file(".wh.top", "")
        .file(".wh..wh.plnk/123.456", "aufs hardlink store")
        .file(".wh..wh.aufs", "")
        .file("b/.wh..wh.orph", "")
        .bytes();
    LayerApplier.apply(new ByteArrayInputStream(tar), root, WhiteoutMode.OVERLAY);
    assertTrue(isWhiteoutDevice("a/gone"));
    assertTrue(isWhiteoutDevice("top"));
    assertArrayEquals(new byte[]{'y'}, Linux.lgetxattr(root.resolve("a"), "trusted.overlay.opaque").orElseThrow());
    assertEquals("new", Files.readString(root.resolve("a/kept")));
    assertAbsent("a/.wh..wh..opq", "a/.wh.gone", ".wh..wh.plnk", ".wh.plnk", ".wh..wh.aufs", "b/.wh..wh.orph",
        "b/.wh.orph");
  }

  @Test
  void overlayWriteConvertsBackAndRoundTrips() throws IOException {
    Path x = Files.createDirectories(root.resolve("x/sub"));
    Linux.mknod(root.resolve("x/gone"), Linux.S_IFCHR, 0);
    Linux.lchown(root.resolve("x/gone"), 5, 6);
    Linux.lsetxattr(root.resolve("x"), "trusted.overlay.opaque", new byte[]{'y'});
    Linux.mknod(root.resolve("realnull"), Linux.S_IFCHR | 0666, Linux.makedev(1, 3));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerWriter.write(root, out, WhiteoutMode.OVERLAY);
    byte[] tar = out.toByteArray();
    assertEquals(List.of("realnull", "x/", "x/.wh..wh..opq", "x/.wh.gone", "x/sub/"), names(tar));

    TarReader r = new TarReader(new ByteArrayInputStream(tar));
    r.next();
    TarEntry dir = r.next();
    assertFalse(dir.xattrs().containsKey("trusted.overlay.opaque"));
    TarEntry opq = r.next();
    assertEquals(TarEntry.Type.FILE, opq.type());
    assertEquals(0755, opq.mode());
    TarEntry gone = r.next();
    assertEquals(TarEntry.Type.FILE, gone.type());
    assertEquals(0600, gone.mode());
    assertEquals(5, gone.uid());

    // back into a fresh overlay layer directory: same devices and xattr
    try (TempDir other = new TempDir("berth-whiteout-copy")) {
      LayerApplier.apply(new ByteArrayInputStream(tar), other.path, WhiteoutMode.OVERLAY);
      Map<String, Object> st = Files.readAttributes(other.resolve("x/gone"), "unix:*", LinkOption.NOFOLLOW_LINKS);
      assertEquals(Linux.S_IFCHR, (int) st.get("mode") & Linux.S_IFMT);
      assertEquals(0L, st.get("rdev"));
      assertEquals(5, st.get("uid"));
      assertTrue(Linux.lgetxattr(other.resolve("x"), "trusted.overlay.opaque").isPresent());
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      LayerWriter.write(other.path, again, WhiteoutMode.OVERLAY);
      assertEquals(names(tar), names(again.toByteArray()));
    }

    // in APPLY mode the writer converts nothing
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    LayerWriter.write(root, plain, WhiteoutMode.APPLY);
    assertEquals(List.of("realnull", "x/", "x/gone", "x/sub/"), names(plain.toByteArray()));
    assertTrue(Files.isDirectory(x));
  }

  @Test
  void applyModeDeletesAndKeepsWhatThisTarCreated() throws IOException {
    for (String f : List.of("keep/old", "d/old1", "d/sub/old2", "gone/x/y", "file", "d/sub2/old3", "odd/old", "odd/sub/old")) {
      Files.createDirectories(root.resolve(f).getParent());
      Files.writeString(root.resolve(f), "lower");
    }
    byte[] tar = new CraftedTar()
        .dir("d", 0700)
        .file("d/new", "upper")
        .dir("d/sub", 0755)
        .file("d/implied/deeper/file", "upper")
        .file("d/.wh..wh..opq", "")
        .file(".wh.gone", "")
        .file(".wh.file", "")
        .file(".wh.never-existed", "")
        .file("d/after-opq", "upper")
        .file("odd/sub/new", "upper")
        .file("odd/.wh..wh..opq", "")
        .bytes();
    LayerApplier.apply(new ByteArrayInputStream(tar), root, WhiteoutMode.APPLY);
    assertEquals("lower", Files.readString(root.resolve("keep/old")));
    assertEquals("upper", Files.readString(root.resolve("d/new")));
    assertEquals("upper", Files.readString(root.resolve("d/implied/deeper/file")));
    assertEquals("upper", Files.readString(root.resolve("d/after-opq")));
    assertTrue(exists("d/sub"));
    assertFalse(exists("d/old1"));
    assertFalse(exists("d/sub/old2"), "kept directories lose their lower contents too");
    assertFalse(exists("d/sub2"));
    assertEquals("upper", Files.readString(root.resolve("odd/sub/new")), "ancestors of created paths are kept");
    assertAbsent("odd/sub/old", "odd/old", "gone", "file", "never-existed", ".wh.gone", "d/.wh..wh..opq");
    assertEquals(0700, (int) Files.getAttribute(root.resolve("d"), "unix:mode") & 07777);
  }

  @Test
  void applyModeWhiteoutReplacesDirectoriesRecursivelyWithoutFollowingSymlinks() throws IOException {
    try (TempDir outside = new TempDir("berth-whiteout-outside")) {
      Files.writeString(outside.resolve("precious"), "keep me");
      Files.createDirectories(root.resolve("tree/a/b"));
      Linux.symlink(outside.path.toString(), root.resolve("tree/a/link"));
      byte[] tar = new CraftedTar().file(".wh.tree", "").bytes();
      LayerApplier.apply(new ByteArrayInputStream(tar), root, WhiteoutMode.APPLY);
      assertFalse(exists("tree"));
      assertEquals("keep me", Files.readString(outside.resolve("precious")));
    }
  }
}
