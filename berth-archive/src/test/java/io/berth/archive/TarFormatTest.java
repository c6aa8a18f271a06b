package io.berth.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TarFormatTest {
  private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

  private static byte[] write(TarEntry... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter w = new TarWriter(out)) {
      for (TarEntry e : entries) {
        w.writeHeader(e);
        if (e.type() == TarEntry.Type.FILE) {
          w.writeContent(new ByteArrayInputStream(content(e)));
        }
      }
    }
    return out.toByteArray();
  }

  private static byte[] content(TarEntry e) {
    byte[] data = new byte[(int) e.size()];
    new Random(e.name().hashCode()).nextBytes(data);
    return data;
  }

  private static List<TarEntry> read(byte[] tar) throws IOException {
    List<TarEntry> entries = new ArrayList<>();
    TarReader r = new TarReader(new ByteArrayInputStream(tar));
    for (TarEntry e = r.next(); e != null; e = r.next()) {
      entries.add(e);
      if (e.type() == TarEntry.Type.FILE) {
        assertArrayEquals(content(e), r.content().readAllBytes(), e.name());
      }
    }
    return entries;
  }

  @Test
  void everyFieldSurvivesWriteThenRead() throws IOException {
    String longName = "d/" + "x".repeat(120) + "/" + "y".repeat(150);
    byte[] capability = {0, 0, 0, 2, (byte) 0x80, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    TarEntry[] written = {
        TarEntry.of("dir/", TarEntry.Type.DIRECTORY, T).withMode(01777),
        TarEntry.of("dir/file", TarEntry.Type.FILE, Instant.ofEpochSecond(1_600_000_000L, 123_456_789))
            .withSize(70_000).withMode(04755).withOwner(1000, 3000000)
            .withXattrs(Map.of("security.capability", capability, "user.empty", new byte[0])),
        TarEntry.of(longName, TarEntry.Type.FILE, T).withSize(3),
        TarEntry.of("dir/ünïcode-名前", TarEntry.Type.SYMLINK, T).withLink(TarEntry.Type.SYMLINK, "../" + "t".repeat(200)),
        TarEntry.of("dir/hard", TarEntry.Type.HARDLINK, T).withLink(TarEntry.Type.HARDLINK, "dir/file"),
        TarEntry.of("dev/sda", TarEntry.Type.BLOCK_DEVICE, T).withDevice(8, 1).withMode(0660),
        TarEntry.of("dev/big", TarEntry.Type.CHAR_DEVICE, T).withDevice(4095, 1_048_575),
        TarEntry.of("fifo", TarEntry.Type.FIFO, T).withTimes(T, Instant.ofEpochSecond(1_800_000_000L, 5)),
        TarEntry.of("old", TarEntry.Type.FILE, Instant.ofEpochSecond(-86_401, 250_000_000)),
    };
    List<TarEntry> back = read(write(written));
    assertEquals(written.length, back.size());
    for (int i = 0; i < written.length; i++) {
      TarEntry w = written[i];
      TarEntry r = back.get(i);
      assertEquals(w.name(), r.name());
      assertEquals(w.type(), r.type());
      assertEquals(w.mode(), r.mode(), w.name());
      assertEquals(w.uid(), r.uid());
      assertEquals(w.gid(), r.gid());
      assertEquals(w.size(), r.size());
      assertEquals(w.mtime(), r.mtime(), w.name());
      assertEquals(w.atime(), r.atime());
      assertEquals(w.linkName(), r.linkName());
      assertEquals(w.devMajor(), r.devMajor());
      assertEquals(w.devMinor(), r.devMinor());
      assertEquals(w.xattrs().keySet(), r.xattrs().keySet());
      for (String k : w.xattrs().keySet()) {
        assertArrayEquals(w.xattrs().get(k), r.xattrs().get(k), k);
      }
    }
  }

  @Test
  void headersAreLaidOutAsGoWritesThem() throws IOException {
    byte[] tar = write(TarEntry.of("usr/bin/", TarEntry.Type.DIRECTORY, T).withMode(0755));
    assertEquals(512 * 3, tar.length); // one header, two zero blocks
    assertEquals("usr/bin/", new String(tar, 0, 8, StandardCharsets.US_ASCII));
    assertEquals("0000755\0", new String(tar, 100, 8, StandardCharsets.US_ASCII));
    assertEquals("0000000\0", new String(tar, 108, 8, StandardCharsets.US_ASCII));
    assertEquals("00000000000\0", new String(tar, 124, 12, StandardCharsets.US_ASCII));
    assertEquals(Long.toOctalString(T.getEpochSecond()), new String(tar, 136, 11, StandardCharsets.US_ASCII));
    assertEquals('5', tar[156]);
    assertEquals("ustar\u000000", new String(tar, 257, 8, StandardCharsets.US_ASCII));
    assertEquals("0000000\0", new String(tar, 329, 8, StandardCharsets.US_ASCII));
    assertEquals(0, tar[155 - 1]); // checksum: six digits, NUL, space
    assertEquals(' ', tar[155]);
    assertEquals(0, tar[265]); // empty uname

    // 101..256-byte names use the USTAR prefix, no PAX header
    String name = "p".repeat(120) + "/" + "n".repeat(90);
    byte[] split = write(TarEntry.of(name, TarEntry.Type.FILE, T));
    assertEquals(512 * 3, split.length);
    assertEquals("p".repeat(120), new String(split, 345, 120, StandardCharsets.US_ASCII));

    // PAX: a "dir/PaxHeaders.0/base" header with sorted records, then the real header
    byte[] pax = write(TarEntry.of("a/b", TarEntry.Type.FILE, T)
        .withXattrs(Map.of("user.z", new byte[]{'1'}, "security.capability", new byte[]{'2'})));
    assertEquals("a/PaxHeaders.0/b", new String(pax, 0, 16, StandardCharsets.US_ASCII));
    assertEquals('x', pax[156]);
    String records = new String(pax, 512, 512, StandardCharsets.US_ASCII).replaceAll("\0+$", "");
    assertEquals("38 SCHILY.xattr.security.capability=2\n25 SCHILY.xattr.user.z=1\n", records);
    assertEquals("a/b", new String(pax, 1024, 3, StandardCharsets.US_ASCII));
    assertEquals('0', pax[1024 + 156]);
  }

  @Test
  void readsWhatCommonsCompressWrites() throws IOException {
    String longName = "long/" + "z".repeat(300);
    for (boolean gnu : new boolean[]{false, true}) {
      CraftedTar crafted = new CraftedTar();
      if (gnu) {
        crafted.gnuLongNames();
      }
      byte[] tar = crafted.dir("long", 0700).file(longName, 0600, "hello").symlink("s", "t".repeat(150)).bytes();
      List<TarEntry> entries = new ArrayList<>();
      TarReader r = new TarReader(new ByteArrayInputStream(tar));
      for (TarEntry e = r.next(); e != null; e = r.next()) {
        entries.add(e);
        if (e.name().equals(longName)) {
          assertEquals("hello", new String(r.content().readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      assertEquals(List.of("long/", longName, "s"), entries.stream().map(TarEntry::name).toList());
      assertEquals(0700, entries.get(0).mode());
      assertEquals("t".repeat(150), entries.get(2).linkName());
    }
  }

  @Test
  void commonsCompressReadsWhatWeWrite() throws IOException {
    String longName = "x/".repeat(100) + "file";
    byte[] tar = write(TarEntry.of(longName, TarEntry.Type.FILE, T).withSize(10).withOwner(5, 6)
        .withXattrs(Map.of("user.k", "v".getBytes(StandardCharsets.UTF_8))));
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry e = in.getNextEntry();
      assertEquals(longName, e.getName());
      assertEquals(10, e.getSize());
      assertEquals(5, e.getLongUserId());
      assertEquals("v", e.getExtraPaxHeader("SCHILY.xattr.user.k"));
      assertArrayEquals(content(TarEntry.of(longName, TarEntry.Type.FILE, T).withSize(10)), in.readAllBytes());
      assertNull(in.getNextEntry());
    }
  }

  @Test
  void endOfArchiveVariants() throws IOException {
    byte[] full = write(TarEntry.of("a", TarEntry.Type.FILE, T).withSize(5));
    assertEquals(1, read(full).size());
    assertEquals(1, read(Arrays.copyOf(full, 1024)).size()); // no trailer at all
    assertEquals(1, read(Arrays.copyOf(full, 1536)).size()); // a single zero block
    // the stream ends in the padding after the data, or right after the data, as Go's reader takes it
    // (the Docker CLI 28 sends that for `build -q -f` with the Dockerfile outside the context)
    assertEquals(1, read(Arrays.copyOf(full, 700)).size());
    assertEquals(1, read(Arrays.copyOf(full, 512 + 5)).size());
    assertThrows(EOFException.class, () -> read(Arrays.copyOf(full, 512 + 4)), "the data itself is short");
    assertEquals(0, read(new byte[0]).size()); // an empty stream is an empty layer
  }

  @Test
  void truncatedArchivesFailWithUnexpectedEof() throws IOException {
    byte[] full = write(TarEntry.of("a", TarEntry.Type.FILE, T).withSize(2000), TarEntry.of("b", TarEntry.Type.FILE, T));
    for (int cut : new int[]{100, 512 + 1000, 512 + 2048 + 300}) {
      EOFException e = assertThrows(EOFException.class, () -> read(Arrays.copyOf(full, cut)), "cut at " + cut);
      assertEquals("unexpected EOF", e.getMessage());
    }
    byte[] paxOnly = Arrays.copyOf(write(TarEntry.of("a", TarEntry.Type.FILE, T).withTimes(T, T.plusNanos(1))), 1024);
    assertThrows(EOFException.class, () -> read(paxOnly));
  }

  @Test
  void corruptHeadersFailWithGoWording() throws IOException {
    byte[] garbage = new byte[4096];
    new Random(1).nextBytes(garbage);
    IOException e = assertThrows(IOException.class, () -> read(garbage));
    assertEquals(TarReader.INVALID_HEADER, e.getMessage());

    byte[] tar = write(TarEntry.of("a", TarEntry.Type.FILE, T));
    tar[10] ^= 1; // breaks the checksum
    assertEquals(TarReader.INVALID_HEADER, assertThrows(IOException.class, () -> read(tar)).getMessage());

    byte[] zeroThenData = new byte[2048];
    System.arraycopy(write(TarEntry.of("a", TarEntry.Type.FILE, T)), 0, zeroThenData, 512, 512);
    assertEquals(TarReader.INVALID_HEADER, assertThrows(IOException.class, () -> read(zeroThenData)).getMessage());
  }

  @Test
  void paxTimesMatchGoFormatting() throws IOException {
    assertEquals("1", TarWriter.paxTime(Instant.ofEpochSecond(1)));
    assertEquals("1.5", TarWriter.paxTime(Instant.ofEpochSecond(1, 500_000_000)));
    assertEquals("-1.25", TarWriter.paxTime(Instant.ofEpochSecond(-2, 750_000_000)));
    assertEquals(Instant.ofEpochSecond(-2, 750_000_000), TarReader.paxTime("-1.25"));
    assertEquals(Instant.ofEpochSecond(3, 120_000_000), TarReader.paxTime("3.12"));
  }
}
