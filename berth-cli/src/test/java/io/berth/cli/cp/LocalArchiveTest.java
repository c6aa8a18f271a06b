package io.berth.cli.cp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.archive.TarEntry;
import io.berth.archive.TarReader;
import io.berth.archive.TarWriter;
import io.berth.sys.Linux;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local archive side: tar names as moby's TarResourceRebase makes them, extraction as its Untar does. */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class LocalArchiveTest {
  @TempDir
  Path tmp;

  private List<String> names(CopyInfo source, UnaryOperator<String> rename) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LocalArchive.write(source, rename, out);
    List<String> names = new ArrayList<>();
    try (TarReader reader = new TarReader(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarEntry e; (e = reader.next()) != null; ) {
        names.add(e.name() + (e.type() == TarEntry.Type.HARDLINK ? "=>" + e.linkName() : ""));
      }
    }
    return names;
  }

  private void tree() throws IOException {
    Files.createDirectories(tmp.resolve("dir/inner"));
    Files.writeString(tmp.resolve("dir/inner/x"), "x");
    Files.writeString(tmp.resolve("dir/a.txt"), "a");
    Files.createLink(tmp.resolve("dir/b.txt"), tmp.resolve("dir/a.txt"));
  }

  /** As moby's tar: a file's capability travels (revision 3 as revision 2), other attributes do not; extraction sets it. */
  @Test
  void aFilesCapabilityGoesBothWays() throws IOException {
    Path file = Files.writeString(tmp.resolve("ping"), "binary");
    byte[] v3 = new byte[24]; // VFS_CAP_REVISION_3, cap_net_raw permitted, effective, rootid 0
    v3[0] = 1;
    v3[3] = 3;
    v3[5] = 0x20;
    Linux.lsetxattr(file, "security.capability", v3);
    Linux.lsetxattr(file, "user.note", "local".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LocalArchive.write(HostPaths.source(file.toString(), false), UnaryOperator.identity(), out);
    TarEntry entry;
    try (TarReader reader = new TarReader(new ByteArrayInputStream(out.toByteArray()))) {
      entry = reader.next();
    }
    assertEquals(List.of("security.capability"), List.copyOf(entry.xattrs().keySet()), "only the capability");
    byte[] v2 = entry.xattrs().get("security.capability");
    assertEquals(20, v2.length);
    assertEquals(2, v2[3], "revision 2");

    Path dest = Files.createDirectories(tmp.resolve("out"));
    LocalArchive.extract(new ByteArrayInputStream(out.toByteArray()), dest.toString(), UnaryOperator.identity());
    assertTrue(java.util.Arrays.equals(v2, Linux.lgetxattr(dest.resolve("ping"), "security.capability").orElseThrow()));
  }

  @Test
  void tarNamesFollowTheSourceForm() throws IOException {
    tree();
    assertEquals(List.of("dir/", "dir/a.txt", "dir/b.txt=>dir/a.txt", "dir/inner/", "dir/inner/x"),
        names(HostPaths.source(tmp + "/dir", false), UnaryOperator.identity()));
    assertEquals(List.of("./", "./a.txt", "./b.txt=>./a.txt", "./inner/", "./inner/x"),
        names(HostPaths.source(tmp + "/dir/.", false), UnaryOperator.identity()));
    assertEquals(List.of("new/", "new/a.txt", "new/b.txt=>new/a.txt", "new/inner/", "new/inner/x"),
        names(HostPaths.source(tmp + "/dir", false), EntryNames.replaceFirst("dir", "new")));
    assertEquals(List.of("a.txt"), names(HostPaths.source(tmp + "/dir/a.txt", false), UnaryOperator.identity()));
  }

  @Test
  void followedSymlinkKeepsTheGivenName() throws IOException {
    tree();
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("dir/inner"));
    assertEquals(List.of("link"), names(HostPaths.source(tmp + "/link", false), UnaryOperator.identity()));
    CopyInfo followed = HostPaths.source(tmp + "/link", true);
    assertEquals("link", followed.rebaseName());
    assertEquals(List.of("link/", "link/x"), names(followed, UnaryOperator.identity()));
  }

  @Test
  void missingSourceIsAnLstatError() {
    IOException e = assertThrows(IOException.class, () -> HostPaths.source(tmp + "/nope", false));
    assertEquals("lstat " + tmp + "/nope: no such file or directory", e.getMessage());
  }

  @Test
  void destinationRules() throws IOException {
    tree();
    assertTrue(HostPaths.destination(tmp + "/dir").isDir());
    assertFalse(HostPaths.destination(tmp + "/new").exists());
    assertEquals("not a directory",
        assertThrows(CopyException.class, () -> HostPaths.destination(tmp + "/dir/a.txt/x")).getMessage());
    assertThrows(IOException.class, () -> HostPaths.destination(tmp + "/nope/x"));
    IOException slash = assertThrows(IOException.class, () -> HostPaths.destination(tmp + "/dir/a.txt/"));
    assertTrue(slash.getMessage().endsWith("not a directory"), slash.getMessage());
    Files.createSymbolicLink(tmp.resolve("dangling"), Path.of("made-by-copy"));
    assertEquals(tmp + "/made-by-copy", HostPaths.destination(tmp + "/dangling").path());
  }

  private static byte[] archive(TarEntry... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter tar = new TarWriter(out)) {
      for (TarEntry e : entries) {
        byte[] data = e.type() == TarEntry.Type.FILE ? e.name().getBytes(StandardCharsets.UTF_8) : new byte[0];
        tar.writeHeader(e.type() == TarEntry.Type.FILE ? e.withSize(data.length) : e);
        tar.write(data, 0, data.length);
      }
    }
    return out.toByteArray();
  }

  @Test
  void extractRenamesMergesAndKeepsModes() throws IOException {
    Instant t = Instant.parse("2020-01-02T03:04:05Z");
    byte[] tar = archive(TarEntry.of("data/", TarEntry.Type.DIRECTORY, t).withMode(0750),
        TarEntry.of("data/file", TarEntry.Type.FILE, t).withMode(0600),
        TarEntry.of("data/link", TarEntry.Type.SYMLINK, t).withLink(TarEntry.Type.SYMLINK, "/etc"));
    LocalArchive.extract(new ByteArrayInputStream(tar), tmp.toString(), EntryNames.replaceFirst("data", "copy"));
    assertEquals("data/file", Files.readString(tmp.resolve("copy/file")));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("copy/file"))));
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("copy"))));
    assertEquals(t, Files.getLastModifiedTime(tmp.resolve("copy")).toInstant(), "directory times are set last");
    assertEquals("/etc", Files.readSymbolicLink(tmp.resolve("copy/link")).toString());
  }

  @Test
  void dotEntryLeavesAnExistingDirectoryAlone() throws IOException {
    Path dest = Files.createDirectories(tmp.resolve("dest"));
    Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rwxrwxrwx"));
    Instant t = Instant.parse("2020-01-02T03:04:05Z");
    LocalArchive.extract(new ByteArrayInputStream(archive(TarEntry.of("./", TarEntry.Type.DIRECTORY, t).withMode(0700),
        TarEntry.of("./f", TarEntry.Type.FILE, t))), dest.toString(), UnaryOperator.identity());
    assertEquals("./f", Files.readString(dest.resolve("f")));
    assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)));
  }

  @Test
  void refusesEscapesAndDirectoryClobbering() throws IOException {
    Instant t = Instant.now();
    Files.createDirectories(tmp.resolve("d"));
    IOException clobber = assertThrows(IOException.class, () -> LocalArchive.extract(
        new ByteArrayInputStream(archive(TarEntry.of("d", TarEntry.Type.FILE, t))), tmp.toString(),
        UnaryOperator.identity()));
    assertTrue(clobber.getMessage().startsWith("cannot overwrite directory"), clobber.getMessage());
    IOException escape = assertThrows(IOException.class, () -> LocalArchive.extract(
        new ByteArrayInputStream(archive(TarEntry.of("../../x", TarEntry.Type.FILE, t))), tmp.resolve("d").toString(),
        UnaryOperator.identity()));
    assertTrue(escape.getMessage().contains("is outside of"), escape.getMessage());
    IOException link = assertThrows(IOException.class, () -> LocalArchive.extract(
        new ByteArrayInputStream(archive(TarEntry.of("l", TarEntry.Type.SYMLINK, t)
            .withLink(TarEntry.Type.SYMLINK, "../../../etc"))), tmp.resolve("d").toString(), UnaryOperator.identity()));
    assertTrue(link.getMessage().startsWith("invalid symlink"), link.getMessage());
    assertFalse(Files.exists(tmp.resolve("x")));
  }
}
