package io.berth.archive;

import io.berth.sys.ErrnoException;
import io.berth.sys.Linux;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crafted archives try to escape root. The outside world is a sibling directory "victim" whose full
 * listing and attributes must stay exactly as they were, whatever the archive and whichever mode.
 */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class TraversalTest extends TempRootTest {
  private static final FileTime OLD = FileTime.from(Instant.ofEpochSecond(1_000_000_000L));

  private Path victim;
  private String victimSnapshot;

  @BeforeEach
  void setUp() throws IOException {
    victim = Files.createDirectory(tmp.resolve("victim"));
    Files.writeString(victim.resolve("passwd"), "root:x:0:0");
    Files.createDirectory(victim.resolve("sub"));
    Files.setLastModifiedTime(victim.resolve("sub"), OLD);
    Files.setLastModifiedTime(victim.resolve("passwd"), OLD);
    victimSnapshot = snapshot(tmp);
  }

  /** Everything outside root: names, types, sizes, modes, owners, link counts, mtimes. */
  private String snapshot(Path base) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(base)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.startsWith(root) || p.equals(base)) {
          continue;
        }
        lines.add(base.relativize(p) + " " + Files.readAttributes(p,
            "unix:mode,uid,gid,nlink,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS));
      }
    }
    lines.sort(null);
    return String.join("\n", lines);
  }

  private void assertVictimUntouched() throws IOException {
    assertEquals(victimSnapshot, snapshot(tmp));
  }

  private void applyBoth(byte[] tar, Class<? extends Throwable> expected, String message) throws IOException {
    for (WhiteoutMode mode : WhiteoutMode.values()) {
      if (expected == null) {
        LayerApplier.apply(new ByteArrayInputStream(tar), root, mode);
      } else {
        Throwable t = assertThrows(expected, () -> LayerApplier.apply(new ByteArrayInputStream(tar), root, mode));
        if (message != null) {
          assertEquals(message, t.getMessage());
        }
      }
      assertVictimUntouched();
    }
  }

  /** Docker's untar runs chrooted into the root: "../x" is "/x" there. */
  @Test
  void dotDotNamesAreConfined() throws IOException {
    applyBoth(new CraftedTar().file("../victim/passwd", "pwned").file("a/../../victim/new", "pwned")
        .file("../../../x", "x").bytes(), null, null);
    assertEquals("pwned", Files.readString(root.resolve("victim/passwd")));
    assertEquals("pwned", Files.readString(root.resolve("victim/new")));
    assertEquals("x", Files.readString(root.resolve("x")));
    assertFalse(Files.exists(victim.resolve("new")));
  }

  @Test
  void absoluteNamesAreTakenRelativeToRoot() throws IOException {
    applyBoth(new CraftedTar().file(victim.resolve("passwd").toString(), "inside").file("/etc/x", "x")
        .file("/../../x2", "x").file("/x3/../../x4", "x").bytes(), null, null);
    assertEquals("inside", Files.readString(SecurePath.join(root, victim.resolve("passwd").toString())));
    assertTrue(Files.exists(root.resolve("etc/x")));
    assertTrue(Files.exists(root.resolve("x2")));
    assertTrue(Files.exists(root.resolve("x4")));
  }

  @Test
  void symlinkParentToAbsoluteDirectoryStaysInsideRoot() throws IOException {
    byte[] tar = new CraftedTar()
        .symlink("evil", victim.toString())
        .file("evil/passwd", "pwned")
        .file("evil/sub/file", "pwned")
        .bytes();
    applyBoth(tar, null, null);
    assertTrue(Files.isSymbolicLink(root.resolve("evil")));
    assertEquals("pwned", Files.readString(root.resolve(victim.toString().substring(1) + "/passwd")));
  }

  /** A symlink is data: stored as it is; what is written through it later is confined as in a chroot. */
  @Test
  void symlinkClimbingAboveRootIsKeptAndConfined() throws IOException {
    applyBoth(new CraftedTar().symlink("evil", "../../../..").file("evil/passwd", "pwned")
        .symlink("a/b/evil", "../../../victim").file("a/b/evil/sub/x", "pwned").bytes(), null, null);
    assertEquals("../../../..", Files.readSymbolicLink(root.resolve("evil")).toString());
    assertEquals("../../../victim", Files.readSymbolicLink(root.resolve("a/b/evil")).toString());
    assertEquals("pwned", Files.readString(root.resolve("passwd")));
    assertEquals("pwned", Files.readString(root.resolve("victim/sub/x")));
  }

  /**
   * The applier remembers the last parent directory it checked; an entry that turns that directory (or one of
   * its ancestors) into a symlink must be followed, confined, by the next entries.
   */
  @Test
  void aParentReplacedByASymlinkBetweenTwoEntriesIsFollowedConfined() throws IOException {
    applyBoth(new CraftedTar().dir("a", 0755).dir("a/b", 0755).file("a/b/one", "1")
        .symlink("a/b", victim.toString()).file("a/b/passwd", "pwned")
        .dir("c", 0755).dir("c/d", 0755).file("c/d/one", "1")
        .symlink("c", "../../../victim").file("c/d/two", "2").bytes(), null, null);
    assertTrue(Files.isSymbolicLink(root.resolve("a/b")));
    assertEquals("pwned", Files.readString(root.resolve(victim.toString().substring(1) + "/passwd")));
    assertTrue(Files.isSymbolicLink(root.resolve("c")));
    assertEquals("2", Files.readString(root.resolve("victim/d/two")), "through the new symlink, in root");
  }

  /** issue 9: a container's `ln -s ../../../../../../etc /tmp/up`, committed, then a layer writing up/passwd. */
  @Test
  void aCommittedUpwardSymlinkThenAnEntryThroughIt() throws IOException {
    applyBoth(new CraftedTar().dir("etc", 0755).file("etc/passwd", "root:x:0:0")
        .symlink("tmp/up", "../../../../../../etc").file("tmp/up/passwd", "layer").bytes(), null, null);
    assertEquals("../../../../../../etc", Files.readSymbolicLink(root.resolve("tmp/up")).toString());
    assertEquals("layer", Files.readString(root.resolve("etc/passwd")), "<root>/etc/passwd, as in a chroot");
    assertTrue(Files.isSymbolicLink(root.resolve("tmp/up")), "never replaced by what was written through it");
  }

  @Test
  void escapingSymlinkAlreadyOnDiskIsConfined() throws IOException {
    // a lower layer (or a container) left a symlink that points outside: the archive follows it inside root
    Linux.symlink("../victim", root.resolve("up"));
    Linux.symlink("../../../../../../../../.." + victim, root.resolve("up2"));
    applyBoth(new CraftedTar().file("up/passwd", "pwned").file("up2/sub/x", "pwned")
        .file("up/.wh.passwd", "").file("up2/.wh..wh..opq", "").hardlink("up/hl", "up2/sub/x").bytes(), null, null);
    assertFalse(Files.exists(root.resolve("victim/passwd")), "the whiteout removed the copy inside root");
    assertEquals("pwned", Files.readString(root.resolve("victim/hl")));
  }

  /** A hard link's target is resolved inside root as link(2) would in the chroot: it never reaches outside. */
  @Test
  void hardlinksOutsideRootAreConfined() throws IOException {
    applyBoth(new CraftedTar().hardlink("hl", "../victim/passwd").bytes(), IOException.class,
        "link /victim/passwd /hl: no such file or directory");
    // through a symlink to the outside: resolved inside root, where there is nothing to link to
    applyBoth(new CraftedTar().symlink("evil", victim.toString()).hardlink("hl", "evil/passwd").bytes(),
        IOException.class, null);
    assertEquals(1, (int) Files.getAttribute(victim.resolve("passwd"), "unix:nlink"));
    // and where root has such a file, the link is to that one
    applyBoth(new CraftedTar().file("victim/passwd", "inside").hardlink("hl", "../../victim/passwd").bytes(), null, null);
    assertEquals("inside", Files.readString(root.resolve("hl")));
    assertEquals(1, (int) Files.getAttribute(victim.resolve("passwd"), "unix:nlink"));
  }

  @Test
  void hardlinkToASymlinkNeverChmodsItsTarget() throws IOException {
    TarArchiveEntry hl = new TarArchiveEntry("hl", TarConstants.LF_LINK);
    hl.setLinkName("s");
    hl.setMode(07777);
    hl.setUserId(666);
    applyBoth(new CraftedTar().symlink("s", victim.resolve("passwd").toString()).entry(hl, null).bytes(), null, null);
    assertTrue(Files.isSymbolicLink(root.resolve("hl")));
  }

  @Test
  void whiteoutsThroughSymlinksStayInsideRoot() throws IOException {
    byte[] tar = new CraftedTar()
        .symlink("evil", victim.toString())
        .file("evil/.wh.passwd", "")
        .file("evil/.wh..wh..opq", "")
        .file("evil/.wh.sub", "")
        .bytes();
    applyBoth(tar, null, null);
    assertTrue(Files.exists(victim.resolve("passwd")));
    applyBoth(new CraftedTar().file("a/.wh...", "").bytes(), IOException.class, "invalid whiteout entry \"a/.wh...\"");
  }

  @Test
  void directoryTimesAreNotSetThroughALaterSymlink() throws IOException {
    TarArchiveEntry dir = new TarArchiveEntry("d/sub/");
    dir.setModTime(0);
    byte[] tar = new CraftedTar().entry(dir, null).symlink("d", victim.toString()).bytes();
    applyBoth(tar, null, null);
  }

  @Test
  void symlinkLoopsFail() throws IOException {
    byte[] tar = new CraftedTar().symlink("l1", "l2").symlink("l2", "/l1").file("l1/x", "x").bytes();
    for (WhiteoutMode mode : WhiteoutMode.values()) {
      ErrnoException e = assertThrows(ErrnoException.class,
          () -> LayerApplier.apply(new ByteArrayInputStream(tar), root, mode));
      assertEquals(Linux.ELOOP, e.errno());
      assertTrue(e.getMessage().endsWith("too many levels of symbolic links"), e.getMessage());
      assertFalse(e.getMessage().contains(tmp.toString()), "no host path: " + e.getMessage());
    }
    assertVictimUntouched();
  }

  @Test
  void overlayXattrsInAnArchiveAreIgnored() throws IOException {
    TarArchiveEntry d = new TarArchiveEntry("d/");
    d.addPaxHeader("SCHILY.xattr.trusted.overlay.redirect", "/victim");
    d.addPaxHeader("SCHILY.xattr.trusted.overlay.opaque", "y");
    d.addPaxHeader("SCHILY.xattr.user.fine", "ok");
    LayerApplier.apply(new CraftedTar().entry(d, null).stream(), root, WhiteoutMode.OVERLAY);
    assertTrue(Linux.lgetxattr(root.resolve("d"), "trusted.overlay.redirect").isEmpty());
    assertTrue(Linux.lgetxattr(root.resolve("d"), "trusted.overlay.opaque").isEmpty());
    assertEquals("ok", new String(Linux.lgetxattr(root.resolve("d"), "user.fine").orElseThrow()));
  }

  @Test
  void rootEntryMayOnlyBeADirectory() throws IOException {
    TarArchiveEntry dot = new TarArchiveEntry("./");
    dot.setMode(0711);
    LayerApplier.apply(new CraftedTar().entry(dot, null).stream(), root, WhiteoutMode.APPLY);
    assertEquals(0711, (int) Files.getAttribute(root, "unix:mode") & 07777);
    applyBoth(new CraftedTar().file(".", "x").bytes(), IOException.class, null);
    applyBoth(new CraftedTar().symlink("/", "/etc").bytes(), IOException.class, null);
    assertTrue(Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS));
  }
}
