package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** save and load across daemons, and a crash in the middle of a load. */
class SaveLoadTest {

  @Test
  void imageIdSurvivesSaveAndLoadBetweenDaemons() throws IOException {
    byte[] busybox = Files.readAllBytes(Fixtures.busyboxTar());
    try (Berthd a = Berthd.start(); Berthd b = Berthd.start()) {
      String id = a.dockerIn(busybox, "import", "-c", "CMD [\"sh\"]", "-", "busybox:latest").ok().line();
      a.docker("tag", "busybox:latest", "busybox:second").ok();
      Path archive = a.dir.resolve("busybox.tar");
      a.docker("save", "-o", archive.toString(), "busybox").ok();
      Result load = b.berth("load", "-i", archive.toString()).ok();
      assertTrue(load.out().contains("Loaded image: busybox:latest"), load.out());
      assertTrue(load.out().contains("Loaded image: busybox:second"), load.out());
      assertEquals(id, b.docker("inspect", "-f", "{{.Id}}", "busybox:second").ok().line());

      // and back through stdout/stdin with the other CLI
      Path copy = b.dir.resolve("copy.tar");
      Berthd.exec(java.util.List.of("sh", "-c", "\"$0\" -H \"$1\" save busybox:latest > \"$2\"",
          Berthd.REPO.resolve("bin/berth").toString(), b.host(), copy.toString()), java.util.Map.of(), null).ok();
      a.docker("rmi", "busybox:latest", "busybox:second").ok();
      Result reload = a.dockerIn(Files.readAllBytes(copy), "load").ok();
      assertTrue(reload.out().contains("Loaded image: busybox:latest"), reload.out());
      assertEquals(id, a.docker("inspect", "-f", "{{.Id}}", "busybox:latest").ok().line());
    }
  }

  @Test
  void killDuringLoadLeavesAConsistentStore() throws Exception {
    byte[] busybox = Files.readAllBytes(Fixtures.busyboxTar());
    try (Berthd a = Berthd.start()) {
      a.dockerIn(busybox, "import", "-", "big:1").ok();
      Path archive = a.dir.resolve("big.tar");
      a.docker("save", "-o", archive.toString(), "big:1").ok();
      a.docker("rmi", "big:1").ok();
      for (int attempt = 0; attempt < 3; attempt++) {
        ProcessBuilder pb = new ProcessBuilder("docker", "load", "-i", archive.toString());
        pb.environment().put("DOCKER_HOST", a.host());
        Process load = pb.start();
        Thread.sleep(20L + attempt * 60L);
        a.kill9();
        load.waitFor();
        a.restart();
        String images = a.docker("images", "-a", "-q").ok().out().strip();
        int layers = countLayerDirs(a);
        if (images.isEmpty()) {
          assertEquals(0, layers, "no layer may outlive a load that did not finish");
        } else {
          assertEquals(1, layers);
          a.docker("rmi", "-f", images.lines().findFirst().orElseThrow()).ok();
        }
        Result loadAgain = a.docker("load", "-i", archive.toString()).ok();
        assertTrue(loadAgain.out().contains("Loaded image: big:1"), loadAgain.out());
        a.docker("rmi", "big:1").ok();
        assertEquals(0, countLayerDirs(a));
      }
    }
  }

  private static int countLayerDirs(Berthd d) throws IOException {
    Path overlay = d.dataRoot.resolve("overlay2");
    try (var list = Files.list(overlay)) {
      return (int) list.filter(p -> !p.getFileName().toString().equals("l")).count();
    }
  }
}
