package io.berth.cli.cp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.archive.ArchivePaths;
import io.berth.cli.cp.CopyPaths.CpArg;
import org.junit.jupiter.api.Test;

class CopyPathsTest {
  @Test
  void splitsContainerFromLocalArguments() {
    assertEquals(new CpArg("c1", "/data"), CopyPaths.splitCpArg("c1:/data"));
    assertEquals(new CpArg("c1", "tmp/x"), CopyPaths.splitCpArg("c1:tmp/x"));
    assertEquals(new CpArg(null, "/a:b"), CopyPaths.splitCpArg("/a:b"), "absolute paths are local");
    assertEquals(new CpArg(null, "./a:b"), CopyPaths.splitCpArg("./a:b"), "an explicit relative path is local");
    assertEquals(new CpArg(null, "file"), CopyPaths.splitCpArg("file"));
    assertEquals(new CpArg(null, "-"), CopyPaths.splitCpArg("-"));
    assertNull(CopyPaths.splitCpArg(":x").container());
  }

  @Test
  void goPathFunctions() {
    assertEquals("/a/c", io.berth.common.GoPath.clean("/a/b/../c/./"));
    assertEquals("/", io.berth.common.GoPath.clean("/../.."));
    assertEquals("../x", io.berth.common.GoPath.clean("a/../../x"));
    assertEquals(".", io.berth.common.GoPath.clean(""));
    assertEquals("b", io.berth.common.GoPath.base("/a/b/"));
    assertEquals("/", io.berth.common.GoPath.base("///"));
    assertEquals(".", io.berth.common.GoPath.base("/a/."));
    assertEquals("/a", io.berth.common.GoPath.dir("/a/b"));
    assertEquals("/", io.berth.common.GoPath.dir("/a"));
    assertEquals(".", io.berth.common.GoPath.dir("a"));
    assertEquals("/a/etc", io.berth.common.GoPath.join("/a", "/etc"), "Join treats an absolute element as relative");
  }

  @Test
  void trailingSlashAndDotAreKept() {
    assertEquals("/work/dir/.", CopyPaths.resolveLocal("dir/.", "/work"));
    assertEquals("/work/dir/", CopyPaths.resolveLocal("./dir/", "/work"));
    assertEquals("/x", CopyPaths.resolveLocal("/x", "/work"));
    assertTrue(ArchivePaths.assertsDirectory("/tmp/"));
    assertTrue(ArchivePaths.assertsDirectory("/tmp/."));
    assertFalse(ArchivePaths.assertsDirectory("/tmp"));
    assertArrayEquals(new String[] {"/data", "."}, ArchivePaths.splitPathDirEntry("/data/."));
    assertArrayEquals(new String[] {"/data", "file"}, ArchivePaths.splitPathDirEntry("/data/file/"));
    assertArrayEquals(new String[] {".", "data"}, ArchivePaths.splitPathDirEntry("data"));
  }

  @Test
  void rebaseNameAfterFollowingALink() {
    assertArrayEquals(new String[] {"/etc", "evil"}, CopyPaths.rebaseName("/evil", "/etc"));
    assertArrayEquals(new String[] {"/etc/.", ""}, CopyPaths.rebaseName("/evil/.", "/etc"));
    assertArrayEquals(new String[] {"/etc/", "evil"}, CopyPaths.rebaseName("/evil/", "/etc"));
    assertArrayEquals(new String[] {"/x/same", ""}, CopyPaths.rebaseName("/same", "/x/same"));
  }
}
