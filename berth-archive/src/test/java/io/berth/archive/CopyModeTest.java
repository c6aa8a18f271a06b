package io.berth.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker cp's modes of the extractor and the writer: a destination inside a confining root, Docker's cp rules. */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class CopyModeTest {
  private static final Instant T = Instant.parse("2024-01-02T03:04:05Z");
  @TempDir
  Path tmp;
  Path root;

  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectories(tmp.resolve("rootfs"));
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("tmp"));
    Files.setPosixFilePermissions(root.resolve("tmp"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.createSymbolicLink(root.resolve("evil"), Path.of("/etc"));
    Files.createSymbolicLink(root.resolve("up"), Path.of("../../../.."));
    Files.createSymbolicLink(root.resolve("tmp/out"), Path.of("../../.."));
  }

  private record F(String name, TarEntry.Type type, String data, String link) {}

  private static byte[] tar(F... files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter w = new TarWriter(out)) {
      for (F f : files) {
        byte[] data = f.data == null ? new byte[0] : f.data.getBytes(StandardCharsets.UTF_8);
        TarEntry e = TarEntry.of(f.name, f.type, T).withOwner(1000, 1000).withSize(data.length);
        if (f.link != null) {
          e = e.withLink(f.type, f.link);
        }
        w.writeHeader(e);
        w.write(data, 0, data.length);
      }
    }
    return out.toByteArray();
  }

  private void extract(String dest, byte[] tar) throws IOException {
    extract(dest, tar, CopyOptions.daemon(false, CopyOptions.Ownership.ARCHIVE));
  }

  private void extract(String dest, byte[] tar, CopyOptions options) throws IOException {
    LayerApplier.extract(new ByteArrayInputStream(tar), root, dest, options);
  }

  @Test
  void extractsFilesDirsAndLinksWithTheirOwners() throws IOException {
    extract("/tmp", tar(new F("d/", TarEntry.Type.DIRECTORY, null, null),
        new F("d/f", TarEntry.Type.FILE, "hi", null),
        new F("d/l", TarEntry.Type.SYMLINK, null, "f"),
        new F("d/h", TarEntry.Type.HARDLINK, null, "d/f")));
    assertEquals("hi", Files.readString(root.resolve("tmp/d/f")));
    assertEquals("f", Files.readSymbolicLink(root.resolve("tmp/d/l")).toString());
    assertEquals("hi", Files.readString(root.resolve("tmp/d/h")));
    assertEquals(1000, Files.getAttribute(root.resolve("tmp/d/f"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
    assertEquals(T, Files.getLastModifiedTime(root.resolve("tmp/d")).toInstant());
  }

  @Test
  void dotEntryLeavesTheDestinationAlone() throws IOException {
    extract("/tmp", tar(new F("./", TarEntry.Type.DIRECTORY, null, null), new F("./x", TarEntry.Type.FILE, "x", null)));
    assertEquals("x", Files.readString(root.resolve("tmp/x")));
    assertEquals(01777 & 0777, (int) Files.getAttribute(root.resolve("tmp"), "unix:mode") & 0777);
    assertEquals(0, Files.getAttribute(root.resolve("tmp"), "unix:uid"));
  }

  @Test
  void dotDotNamesAreRefused() {
    BreakoutException e = assertThrows(BreakoutException.class,
        () -> extract("/tmp", tar(new F("../x", TarEntry.Type.FILE, "x", null))));
    assertEquals("\"../x\" is outside of \"/tmp\"", e.getMessage());
    assertThrows(BreakoutException.class, () -> extract("/tmp", tar(new F("a/../../../x", TarEntry.Type.FILE, "x", null))));
    assertFalse(Files.exists(tmp.resolve("x")));
    assertFalse(Files.exists(root.resolve("x")));
  }

  @Test
  void absoluteNamesStayInTheDestination() throws IOException {
    extract("/tmp", tar(new F("/../../abs", TarEntry.Type.FILE, "a", null)));
    assertEquals("a", Files.readString(root.resolve("tmp/abs")));
  }

  @Test
  void symlinkParentsResolveInsideTheContainer() throws IOException {
    // tmp/out -> ../../.. : in the container that is "/", never the host's directories above the root
    extract("/tmp", tar(new F("out/escaped", TarEntry.Type.FILE, "e", null),
        new F("out/evil/passwd", TarEntry.Type.FILE, "p", null)));
    assertEquals("e", Files.readString(root.resolve("escaped")));
    assertEquals("p", Files.readString(root.resolve("etc/passwd")));
    assertFalse(Files.exists(tmp.resolve("escaped")));
    try (var s = Files.list(tmp)) {
      assertEquals(List.of(root), s.toList());
    }
  }

  @Test
  void archivePlantedSymlinkThenWriteThroughItStaysInside() throws IOException {
    extract("/", tar(new F("link", TarEntry.Type.SYMLINK, null, "/"),
        new F("link/planted", TarEntry.Type.FILE, "z", null)));
    assertEquals("z", Files.readString(root.resolve("planted")));
    assertFalse(Files.exists(Path.of("/planted")));
  }

  @Test
  void symlinksAndHardlinksAboveTheDestinationAreRefused() {
    assertThrows(BreakoutException.class,
        () -> extract("/tmp", tar(new F("s", TarEntry.Type.SYMLINK, null, "../../etc"))));
    assertThrows(BreakoutException.class,
        () -> extract("/tmp", tar(new F("h", TarEntry.Type.HARDLINK, null, "../etc/passwd"))));
  }

  @Test
  void existingSymlinkIsReplacedNotFollowed() throws IOException {
    Files.writeString(root.resolve("etc/passwd"), "orig");
    Files.createSymbolicLink(root.resolve("tmp/pw"), Path.of("/etc/passwd"));
    extract("/tmp", tar(new F("pw", TarEntry.Type.FILE, "new", null)));
    assertEquals("orig", Files.readString(root.resolve("etc/passwd")));
    assertEquals("new", Files.readString(root.resolve("tmp/pw")));
    assertFalse(Files.isSymbolicLink(root.resolve("tmp/pw")));
  }

  @Test
  void noOverwriteDirNonDir() throws IOException {
    Files.createDirectories(root.resolve("tmp/d"));
    IOException e = assertThrows(IOException.class, () -> extract("/tmp", tar(new F("d", TarEntry.Type.FILE, "x", null)),
        CopyOptions.daemon(true, CopyOptions.Ownership.ARCHIVE)));
    assertTrue(e.getMessage().startsWith("cannot overwrite directory \"/tmp/d\" with non-directory"), e.getMessage());
    assertTrue(Files.isDirectory(root.resolve("tmp/d")));
  }

  @Test
  void ownerOverride() throws IOException {
    extract("/tmp", tar(new F("o", TarEntry.Type.FILE, "x", null)),
        CopyOptions.daemon(false, new CopyOptions.Ownership.Fixed(42, 43)));
    assertEquals(42, Files.getAttribute(root.resolve("tmp/o"), "unix:uid"));
    assertEquals(43, Files.getAttribute(root.resolve("tmp/o"), "unix:gid"));
  }

  @Test
  void whiteoutNamesAreOrdinaryFiles() throws IOException {
    Files.writeString(root.resolve("tmp/keep"), "k");
    extract("/tmp", tar(new F(".wh.keep", TarEntry.Type.FILE, "w", null)));
    assertEquals("k", Files.readString(root.resolve("tmp/keep")));
    assertEquals("w", Files.readString(root.resolve("tmp/.wh.keep")));
  }

  @Test
  void writerNamesEntriesByTheRequestedBase() throws IOException {
    Files.createDirectories(root.resolve("data/sub"));
    Files.writeString(root.resolve("data/sub/f"), "f");
    Files.createSymbolicLink(root.resolve("data/l"), Path.of("sub/f"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerWriter.writeCopy(root.resolve("data"), ".", java.util.function.UnaryOperator.identity(), out);
    List<String> names = new ArrayList<>();
    try (TarReader r = new TarReader(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarEntry e = r.next(); e != null; e = r.next()) {
        names.add(e.name() + (e.linkName().isEmpty() ? "" : " -> " + e.linkName()));
      }
    }
    assertEquals(List.of("./", "./l -> sub/f", "./sub/", "./sub/f"), names);
  }
}
