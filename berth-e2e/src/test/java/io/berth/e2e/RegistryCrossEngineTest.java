package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * berth and the reference engine (Debian's dockerd 20.10) through one registry: what one pushes
 * the other pulls as the same image ID, both ways, for an imported one-layer image and for a
 * five-layer image Docker built (berth gzips every layer itself when it pushes).
 */
class RegistryCrossEngineTest {
  private static final String MULTI_ID = "sha256:e4b119c5a1e3aeea326cf836034e2d01ae74a1181533ec0cf50e162744c43b5a";
  @Started
  private static LocalRegistry registry;
  @Started
  private static Berthd daemon;
  @Started
  private static ReferenceDockerd reference;

  @Test
  void berthPushesWhatDockerPullsAsTheSameImage() throws IOException {
    String imported = registry.host() + "/e2e/from-berth:1";
    String id = daemon.dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-", imported).ok().line();
    daemon.docker("push", imported).ok();
    reference.docker("pull", imported).ok();
    assertEquals(id, reference.imageId(imported));

    String multi = registry.host() + "/e2e/multi-from-berth:1.0";
    daemon.docker("load", "-i", Fixtures.fixture("docker20-multi.tar").toString()).ok();
    daemon.docker("tag", "berth-fixture/multi:1.0", multi).ok();
    assertTrue(daemon.docker("push", multi).ok().out().contains("Pushed"));
    reference.docker("pull", multi).ok();
    assertEquals(MULTI_ID, reference.imageId(multi));
  }

  @Test
  void dockerPushesWhatBerthPullsAsTheSameImage() {
    String multi = registry.host() + "/e2e/multi-from-docker:1.0";
    reference.docker("load", "-i", Fixtures.fixture("docker20-multi.tar").toString()).ok();
    reference.docker("tag", "berth-fixture/multi:1.0", multi).ok();
    reference.docker("push", multi).ok();
    String digest = reference.docker("image", "inspect", "-f", "{{index .RepoDigests 0}}", multi).ok().line();
    Result pull = daemon.docker("pull", multi).ok();
    assertTrue(pull.out().contains("Digest: " + digest.substring(digest.indexOf('@') + 1)), pull.out());
    assertEquals(MULTI_ID, daemon.imageId(multi));
    assertEquals(digest, daemon.docker("image", "inspect", "-f", "{{index .RepoDigests 0}}", multi).ok().line());
  }
}
