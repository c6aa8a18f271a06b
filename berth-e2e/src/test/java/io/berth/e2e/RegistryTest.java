package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pull and push against Debian's docker-registry on loopback, through the Docker CLI, bin/berth and docker-py. */
class RegistryTest {
  @Started
  private static LocalRegistry registry;
  @Started
  private static Berthd daemon;
  private static byte[] busybox;

  @BeforeAll
  static void start() throws IOException {
    try {
      daemon.stop(); // again with one retry of a failed download, not dockerd's four (50 s of countdown)
      Files.writeString(daemon.dir.resolve("daemon.json"), "{\"max-download-attempts\": 2}");
      daemon.restart();
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
    busybox = Files.readAllBytes(Fixtures.busyboxTar());
  }

  /** An image of one layer holding {@code size} random bytes, imported under {@code name}. */
  private static String importRandom(String name, int size) throws IOException {
    Path dir = Files.createTempDirectory("berth-e2e-layer-");
    try {
      byte[] data = new byte[size];
      new java.util.Random().nextBytes(data);
      Files.write(dir.resolve("data.bin"), data);
      Path tar = dir.resolve("layer.tar");
      Berthd.exec(List.of("tar", "-C", dir.toString(), "-cf", tar.toString(), "data.bin"), Map.of(), null).ok();
      return daemon.dockerIn(Files.readAllBytes(tar), "import", "-", name).ok().line();
    } finally {
      Berthd.deleteTree(dir);
    }
  }

  private static String digestOf(String pushOutput) {
    Matcher m = Pattern.compile("digest: (sha256:[0-9a-f]{64}) size").matcher(pushOutput);
    assertTrue(m.find(), pushOutput);
    return m.group(1);
  }

  @Test
  void pushThenPullBackByTagAndDigest() {
    String ref = registry.host() + "/e2e/busybox:1";
    String id = daemon.dockerIn(busybox, "import", "-", ref).ok().line();
    Result push = daemon.docker("push", ref).ok();
    assertTrue(push.out().contains("The push refers to repository [" + registry.host() + "/e2e/busybox]"), push.out());
    assertTrue(push.out().contains(": Pushed"), push.out());
    String digest = digestOf(push.out());
    assertTrue(daemon.berth("push", ref).ok().out().contains("Layer already exists"));

    daemon.docker("rmi", ref).ok();
    Result pull = daemon.berth("pull", ref).ok();
    assertTrue(pull.out().contains("Pull complete"), pull.out());
    assertTrue(pull.out().contains("Digest: " + digest), pull.out());
    assertTrue(pull.out().contains("Status: Downloaded newer image for " + ref), pull.out());
    assertEquals(id, daemon.imageId(ref));
    assertEquals("[" + registry.host() + "/e2e/busybox@" + digest + "]",
        daemon.docker("image", "inspect", "-f", "{{.RepoDigests}}", ref).ok().line());
    assertTrue(daemon.docker("images", "--digests").ok().out().contains(digest));
    assertTrue(daemon.docker("pull", ref).ok().out().contains("Status: Image is up to date for " + ref));

    daemon.docker("rmi", ref).ok(); // the last tag: its digest reference goes too, as with dockerd
    String byDigest = registry.host() + "/e2e/busybox@" + digest;
    Result pulled = daemon.docker("pull", byDigest).ok();
    assertTrue(pulled.out().contains("Status: Downloaded newer image for " + byDigest), pulled.out());
    assertEquals(id, daemon.imageId(byDigest));

  }

  @Test
  void aPulledImageSavesBitForBit() throws IOException {
    String ref = registry.host() + "/e2e/saved:1";
    String id = importRandom(ref, 300_000);
    daemon.docker("push", ref).ok();
    daemon.docker("rmi", ref).ok();
    daemon.docker("pull", ref).ok(); // its layer keeps the blob it came as; save writes the tar from it
    Path saved = daemon.dir.resolve("pulled.tar");
    daemon.docker("save", "-o", saved.toString(), ref).ok();
    daemon.docker("rmi", ref).ok();
    assertTrue(daemon.docker("load", "-i", saved.toString()).ok().out().contains("Loaded image: " + ref));
    assertEquals(id, daemon.imageId(ref));
    Files.delete(saved);
  }

  @Test
  void dockerPyPullReturnsTheImage() throws IOException {
    String ref = registry.host() + "/e2e/py";
    String id = importRandom(ref + ":1", 100_000);
    daemon.docker("push", ref + ":1").ok();
    daemon.docker("rmi", ref + ":1").ok();
    String script = "import docker,sys\nc=docker.DockerClient(base_url='unix://" + daemon.socket + "')\n"
        + "i=c.images.pull('" + ref + "', tag='1')\nprint(i.id)\n";
    Result py = Berthd.exec(List.of("python3", "-c", script), Map.of(), null).ok();
    assertEquals(id, py.line());
  }

  @Test
  void unknownImageIsNotFound() {
    Result r = daemon.docker("pull", registry.host() + "/e2e/nosuch:1");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("Error response from daemon: manifest for " + registry.host()
        + "/e2e/nosuch:1 not found: manifest unknown: manifest unknown"), r.err());
  }

  @Test
  void corruptLayerFailsAndStoresNothing() throws Exception {
    String ref = registry.host() + "/e2e/corrupt:1";
    importRandom(ref, 200_000);
    Result push = daemon.docker("push", ref).ok();
    String manifest = registry.call("GET", "/v2/e2e/corrupt/manifests/1", null, null).body();
    Matcher layer = Pattern.compile("\"digest\": \"(sha256:[0-9a-f]{64})\"").matcher(
        manifest.substring(manifest.indexOf("\"layers\"")));
    assertTrue(layer.find(), manifest + push);
    daemon.docker("rmi", ref).ok();
    try (RandomAccessFile f = new RandomAccessFile(registry.blobFile(layer.group(1)).toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xff);
    }
    int before = daemon.docker("images", "-aq").ok().out().lines().toList().size();
    Result r = daemon.docker("pull", ref);
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("filesystem layer verification failed for digest " + layer.group(1)), r.toString());
    assertTrue(r.out().contains("Retrying in 5 seconds"), r.out());
    assertEquals(before, daemon.docker("images", "-aq").ok().out().lines().toList().size());
    assertFalse(daemon.docker("images").ok().out().contains("e2e/corrupt"));
  }

  @Test
  void manifestListPicksTheHostPlatform() throws Exception {
    String ref = registry.host() + "/e2e/multi:amd";
    String id = importRandom(ref, 50_000);
    String digest = digestOf(daemon.docker("push", ref).ok().out());
    String manifest = registry.call("GET", "/v2/e2e/multi/manifests/amd", null, null).body();
    int size = manifest.getBytes(StandardCharsets.UTF_8).length;
    String index = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
         {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":%d,
          "platform":{"architecture":"arm64","os":"linux"}},
         {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":%d,
          "platform":{"architecture":"amd64","os":"linux"}}]}""".formatted(digest, size, digest, size);
    assertEquals(201, registry.call("PUT", "/v2/e2e/multi/manifests/list",
        "application/vnd.oci.image.index.v1+json", index.getBytes(StandardCharsets.UTF_8)).statusCode());
    daemon.docker("rmi", ref).ok();
    Result pull = daemon.berth("pull", registry.host() + "/e2e/multi:list").ok();
    assertTrue(pull.out().contains("list: Pulling from e2e/multi"), pull.out());
    assertEquals(id, daemon.imageId(registry.host() + "/e2e/multi:list"));
    Result arm = daemon.docker("pull", "--platform", "linux/s390x", registry.host() + "/e2e/multi:list");
    assertNotEquals(0, arm.exit());
    assertTrue(arm.err().contains("no matching manifest for linux/s390x in the manifest list entries"), arm.err());
  }

  @Test
  void createAndRunPullAMissingImageAsTheDockerCliDoes() throws IOException {
    String ref = registry.host() + "/e2e/run:1";
    String id = daemon.dockerIn(busybox, "import", "-", ref).ok().line();
    daemon.docker("push", ref).ok();
    daemon.docker("rmi", ref).ok();

    Result never = daemon.berth("create", "--pull", "never", ref);
    assertEquals(1, never.exit(), never.toString());
    assertTrue(never.err().contains("No such image: " + ref), never.err());

    Result created = daemon.docker("create", "--name", "pulled-by-cli", ref, "true").ok();
    assertTrue(created.err().contains("Unable to find image '" + ref + "' locally"), created.err());
    assertTrue(created.err().contains("Status: Downloaded newer image for " + ref), created.err());
    assertEquals(id, daemon.imageId(ref));
    daemon.docker("rm", "pulled-by-cli").ok();
    daemon.docker("rmi", ref).ok();

    Result berth = daemon.berth("create", "--name", "pulled-by-berth", ref, "true").ok();
    assertTrue(berth.err().contains("Unable to find image '" + ref + "' locally"), berth.err());
    assertTrue(berth.err().contains("Status: Downloaded newer image for " + ref), berth.err());
    daemon.docker("rm", "pulled-by-berth").ok();

    Result always = daemon.berth("run", "--rm", "--network", "none", "--pull", "always", ref, "echo", "ran").ok();
    assertTrue(always.err().contains("Status: Image is up to date for " + ref), always.err());
    assertEquals("ran", always.line());
  }

  /** The classic builder pulls a FROM image that is missing, and with --pull always, its progress in the build. */
  @Test
  void buildPullsAMissingBaseImageAndWithPullAlways() throws IOException {
    String ref = registry.host() + "/e2e/base:1";
    String id = importRandom(ref, 4096); // a layer of its own: other tests' pushes must not find it in the registry
    daemon.docker("push", ref).ok();
    daemon.docker("rmi", ref).ok();
    Path dir = Files.createTempDirectory("berth-e2e-build-");
    try {
      Files.writeString(dir.resolve("Dockerfile"), "FROM " + ref + "\nLABEL pulled=yes\n");
      Map<String, String> env = Map.of("DOCKER_HOST", daemon.host(), "DOCKER_BUILDKIT", "0");
      Result first = Berthd.exec(List.of("docker", "build", "-t", "e2e-built-on-pulled", dir.toString()), env, null)
          .ok();
      assertTrue(first.out().contains("1: Pulling from e2e/base"), first.out());
      assertTrue(first.out().contains("Status: Downloaded newer image for " + ref), first.out());
      assertTrue(first.out().contains("Successfully tagged e2e-built-on-pulled:latest"), first.out());
      assertEquals(id, daemon.imageId(ref));

      Result again = Berthd.exec(List.of("docker", "build", "--pull", "-q", dir.toString()), env, null).ok();
      Result always = Berthd.exec(List.of("docker", "build", "--pull", dir.toString()), env, null).ok();
      assertTrue(always.out().contains("Status: Image is up to date for " + ref), always.out());
      assertTrue(again.out().startsWith("sha256:"), again.out());

      Files.writeString(dir.resolve("Dockerfile"), "FROM " + registry.host() + "/e2e/nosuch:1\n");
      Result missing = Berthd.exec(List.of("docker", "build", dir.toString()), env, null);
      assertEquals(1, missing.exit(), missing.toString());
      assertTrue(missing.err().contains("manifest unknown") || missing.err().contains("not found"), missing.toString());
      daemon.docker("rmi", "e2e-built-on-pulled").ok();
    } finally {
      Berthd.deleteTree(dir);
    }
  }

  @Test
  void unreachableRegistryInGoWords() throws IOException {
    int port = LocalRegistry.freePort("127.0.0.1");
    Result r = daemon.docker("pull", "127.0.0.1:" + port + "/e2e/x:1");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("Error response from daemon: Get \"http://127.0.0.1:" + port + "/v2/\": dial tcp 127.0.0.1:"
        + port + ": connect: connection refused"), r.err());
  }
}
