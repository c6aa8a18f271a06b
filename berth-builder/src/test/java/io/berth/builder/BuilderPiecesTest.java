package io.berth.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder's pure pieces: wildcards, EXPOSE specs, stage output ordering, cache keys, destinations. */
class BuilderPiecesTest {
  @Test
  void goMatchAsFilepathMatch() {
    assertTrue(GoMatch.match("*.log", "a.log"));
    assertFalse(GoMatch.match("*.log", "dir/a.log")); // * stops at '/'
    assertTrue(GoMatch.match("dir/*.log", "dir/a.log"));
    assertTrue(GoMatch.match("f?le[0-9]", "file7"));
    assertFalse(GoMatch.match("f[^a-z]le", "fale"));
    assertTrue(GoMatch.match("a\\*b", "a*b"));
    assertFalse(GoMatch.match("[", "["), "a bad pattern matches nothing");
    assertTrue(GoMatch.hasWildcards("x/*.txt"));
    assertFalse(GoMatch.hasWildcards("plain\\*name"));
  }

  @Test
  void exposeSpecs() {
    assertEquals(List.of("80/tcp"), PortSpecs.parse("80"));
    assertEquals(List.of("53/udp"), PortSpecs.parse("53/UDP"));
    assertEquals(List.of("8000/tcp", "8001/tcp", "8002/tcp"), PortSpecs.parse("8000-8002"));
    assertEquals(List.of("90/tcp"), PortSpecs.parse("127.0.0.1:9090:90"));
    assertEquals("invalid proto: xyz", assertThrows(BuildException.class, () -> PortSpecs.parse("1/xyz")).getMessage());
    assertEquals("invalid containerPort: abc",
        assertThrows(BuildException.class, () -> PortSpecs.parse("abc")).getMessage());
  }

  @Test
  void parallelStagesWriteInDockerfileOrder() {
    List<String> seen = new ArrayList<>();
    BuildOutput sink = new BuildOutput() {
      @Override
      public void stdout(String text) {
        seen.add(text);
      }

      @Override
      public void stderr(String text) {
        seen.add("err:" + text);
      }

      @Override
      public void aux(String imageId) {
        seen.add("aux:" + imageId);
      }

      @Override
      public void progress(io.berth.engine.distribution.Progress progress) {
        seen.add("progress:" + progress);
      }
    };
    StageOutputs outputs = new StageOutputs(sink, 3);
    outputs.stage(2).stdout("c1");
    outputs.stage(1).stdout("b1");
    outputs.stage(0).stdout("a1");
    outputs.stage(1).stderr("b2");
    outputs.finished(1);
    assertEquals(List.of("a1"), seen, "later stages wait for the first");
    outputs.stage(0).aux("A");
    outputs.finished(0);
    assertEquals(List.of("a1", "aux:A", "b1", "err:b2", "c1"), seen);
    outputs.stage(2).stdout("c2");
    assertEquals("c2", seen.getLast(), "the current stage streams live");
  }

  @Test
  void cacheKeysTellParentConfigAndExtraApart() {
    Map<String, Object> config = Map.of("Cmd", List.of("/bin/sh", "-c", "#(nop) ", "ENV A=1"));
    String key = BuildCache.key("sha256:p", config, "");
    assertEquals(key, BuildCache.key("sha256:p", config, ""));
    assertNotEquals(key, BuildCache.key("sha256:q", config, ""));
    assertNotEquals(key, BuildCache.key("sha256:p", Map.of("Cmd", List.of("x")), ""));
    assertNotEquals(key, BuildCache.key("sha256:p", config, "mount"));
  }

  @Test
  void destinationsAndHashes() {
    assertEquals("/app/x", CopyStep.normalizeDest("/app", "x"));
    assertEquals("/app/x/", CopyStep.normalizeDest("/app", "x/"));
    assertEquals("/x", CopyStep.normalizeDest("", "x"));
    assertEquals("/abs", CopyStep.normalizeDest("/app", "/abs"));
    assertTrue(CopyStep.hashStrings("dir", List.of("a", "b")).matches("dir:[0-9a-f]{64}"));
    assertEquals("b/c", SourceTree.cleanSource("/./b/c".substring(1)));
    assertEquals(0755, CopyStep.parseChmod("755").getAsInt());
    assertThrows(BuildException.class, () -> CopyStep.parseChmod("9"));
  }

  @Test
  void stopSignals() {
    ConfigSteps.Signals.check("SIGTERM");
    ConfigSteps.Signals.check("kill");
    ConfigSteps.Signals.check("9");
    ConfigSteps.Signals.check("SIGRTMIN+3");
    assertEquals("Invalid signal: SIGNOPE",
        assertThrows(BuildException.class, () -> ConfigSteps.Signals.check("SIGNOPE")).getMessage());
  }

  /** ADD --checksum is refused where it could not be checked, in BuildKit's words, not ignored. */
  @Test
  void checksumOnlyForOneRemoteSource() {
    var url = new io.berth.dockerfile.instructions.SourcesAndDest("/d/", List.of("https://e.com/f"), List.of());
    CopyStep.checkChecksumSource("sha256:" + "0".repeat(64), url);
    CopyStep.checkChecksumSource("", new io.berth.dockerfile.instructions.SourcesAndDest("/d/", List.of("a", "b"), List.of()));
    CopyStep.checkChecksumSource("abc123",
        new io.berth.dockerfile.instructions.SourcesAndDest("/d/", List.of("git@e.com:r.git"), List.of()));
    assertEquals("checksum can't be specified for non-HTTP(S) sources", assertThrows(BuildException.class,
        () -> CopyStep.checkChecksumSource("sha256:x",
            new io.berth.dockerfile.instructions.SourcesAndDest("/d", List.of("local.txt"), List.of()))).getMessage());
    assertEquals("checksum can't be specified for multiple sources", assertThrows(BuildException.class,
        () -> CopyStep.checkChecksumSource("sha256:x",
            new io.berth.dockerfile.instructions.SourcesAndDest("/d/", List.of("https://e.com/a", "https://e.com/b"),
                List.of()))).getMessage());
  }
}
