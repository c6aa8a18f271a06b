package io.berth.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.Digest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private static Manifest parse(String json, String contentType) throws ManifestFormatException {
    return Manifest.parse(json.getBytes(StandardCharsets.UTF_8), contentType);
  }

  @Test
  void dockerSchema2WithConfigAndLayers() throws Exception {
    String json = """
        {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
         "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7,"digest":"%s"},
         "layers":[{"mediaType":"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip","size":9,
                    "digest":"%s","urls":["https://example.invalid/l"]}]}""".formatted(A, B);
    Manifest.Image m = assertInstanceOf(Manifest.Image.class, parse(json, "text/plain"));
    assertEquals(MediaTypes.DOCKER_MANIFEST, m.mediaType());
    assertEquals(Digest.parse(A), m.config().digest());
    assertEquals(7, m.config().size());
    assertEquals(java.util.List.of("https://example.invalid/l"), m.layers().getFirst().urls());
    assertNull(m.layers().getFirst().platform(), "only index entries carry a platform");
    assertEquals(Digest.sha256(json.getBytes(StandardCharsets.UTF_8)), m.digest(), "the digest of the bytes as sent");
  }

  @Test
  void ociWithoutMediaTypeTakesTheContentTypeOrTheShape() throws Exception {
    String image = "{\"schemaVersion\":2,\"config\":{\"size\":1,\"digest\":\"" + A + "\"},\"layers\":[]}";
    assertEquals(MediaTypes.OCI_MANIFEST, parse(image, MediaTypes.OCI_MANIFEST + "; charset=utf-8").mediaType());
    assertEquals(MediaTypes.OCI_MANIFEST, parse(image, "application/json").mediaType());
    String index = """
        {"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":3,
         "digest":"%s","platform":{"os":"linux","architecture":"arm","variant":"v7"}}]}""".formatted(A);
    Manifest.Index i = assertInstanceOf(Manifest.Index.class, parse(index, ""));
    assertEquals(MediaTypes.OCI_INDEX, i.mediaType());
    assertEquals(new Platform("linux", "arm", "v7"), i.manifests().getFirst().platform());
  }

  @Test
  void schema1IsRecognizedAndGarbageRefused() throws Exception {
    assertInstanceOf(Manifest.Schema1.class, parse("{\"schemaVersion\":1,\"name\":\"x\"}", ""));
    assertEquals("unsupported manifest format",
        assertThrows(ManifestFormatException.class, () -> parse("not json", "")).getMessage());
    assertThrows(ManifestFormatException.class, () -> parse("{\"mediaType\":\"application/x-unknown\"}", ""));
    assertThrows(ManifestFormatException.class, () -> parse(
        "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{\"digest\":\"bad\",\"size\":1}}", ""));
  }
}
