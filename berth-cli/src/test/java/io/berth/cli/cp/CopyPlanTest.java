package io.berth.cli.cp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The destination rules of docker cp (moby's PrepareArchiveCopy). */
class CopyPlanTest {
  private static CopyInfo file(String path) {
    return new CopyInfo(path, true, false, "");
  }

  private static CopyInfo dir(String path) {
    return new CopyInfo(path, true, true, "");
  }

  @Test
  void intoAnExistingDirectoryNothingIsRenamed() {
    assertEquals(new CopyPlan("/tmp", null, null), CopyPlan.of(file("/h/a.txt"), dir("/tmp")));
    assertEquals(new CopyPlan("/tmp", null, null), CopyPlan.of(dir("/h/dir"), dir("/tmp")));
    assertEquals(new CopyPlan("/tmp/", null, null), CopyPlan.of(dir("/h/dir/."), dir("/tmp/")));
  }

  @Test
  void aFileOverAFileTakesItsName() {
    assertEquals(new CopyPlan("/tmp", "a.txt", "b.txt"), CopyPlan.of(file("/h/a.txt"), file("/tmp/b.txt")));
  }

  @Test
  void aNewNameIsMadeInTheParent() {
    assertEquals(new CopyPlan("/", "dir", "newdir"), CopyPlan.of(dir("/h/dir"), CopyInfo.missing("/newdir")));
    assertEquals(new CopyPlan("/tmp", "a.txt", "other.txt"),
        CopyPlan.of(file("/h/a.txt"), CopyInfo.missing("/tmp/other.txt")));
    assertEquals(new CopyPlan("/", ".", "copy"), CopyPlan.of(dir("/h/dir/."), CopyInfo.missing("/copy")),
        "the contents of a directory into a new one");
  }

  @Test
  void aFollowedLinkKeepsTheNameTheUserGave() {
    CopyInfo followed = new CopyInfo("/etc", true, true, "evil");
    assertEquals(new CopyPlan("/h", "evil", "out"), CopyPlan.of(followed, CopyInfo.missing("/h/out")));
  }

  @Test
  void errors() {
    assertEquals("cannot copy directory",
        assertThrows(CopyException.class, () -> CopyPlan.of(dir("/h"), file("/data/file"))).getMessage());
    assertEquals("no such directory",
        assertThrows(CopyException.class, () -> CopyPlan.of(file("/h/f"), CopyInfo.missing("/nodir/"))).getMessage());
    assertEquals("no such directory",
        assertThrows(CopyException.class, () -> CopyPlan.of(file("/h/f"), CopyInfo.missing("/nodir/."))).getMessage());
  }
}
