package io.berth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  @ParameterizedTest
  @CsvSource({
      "busybox, docker.io/library/busybox, busybox",
      "busybox:1.36, docker.io/library/busybox:1.36, busybox:1.36",
      "library/busybox, docker.io/library/busybox, busybox",
      "docker.io/busybox, docker.io/library/busybox, busybox",
      "index.docker.io/library/busybox:x, docker.io/library/busybox:x, busybox:x",
      "user/app, docker.io/user/app, user/app",
      "host:5000/a/b:tag, host:5000/a/b:tag, host:5000/a/b:tag",
      "localhost/app, localhost/app, localhost/app",
      "localhost:5000/app:v1, localhost:5000/app:v1, localhost:5000/app:v1",
      "example.com/a/b/c, example.com/a/b/c, example.com/a/b/c",
      "a__b/c-d.e_f, docker.io/a__b/c-d.e_f, a__b/c-d.e_f",
      "[::1]:5000/app, [::1]:5000/app, [::1]:5000/app",
  })
  void normalizes(String input, String full, String familiar) {
    ImageReference ref = ImageReference.parse(input);
    assertEquals(full, ref.toString());
    assertEquals(familiar, ref.familiarString());
  }

  @org.junit.jupiter.api.Test
  void digestReference() {
    String hex = "a".repeat(64);
    ImageReference ref = ImageReference.parse("busybox@sha256:" + hex);
    assertEquals("sha256:" + hex, ref.digest());
    assertNull(ref.tag());
    assertEquals("busybox@sha256:" + hex, ref.familiarString());
    ImageReference both = ImageReference.parse("busybox:1@sha256:" + hex);
    assertEquals("1", both.tag());
    assertEquals("docker.io/library/busybox:1@sha256:" + hex, both.toString());
  }

  @org.junit.jupiter.api.Test
  void defaultTag() {
    assertEquals("busybox:latest", ImageReference.parse("busybox").withDefaultTag().familiarString());
    assertEquals("busybox:x", ImageReference.parse("busybox:x").withDefaultTag().familiarString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-busybox", "busybox:", "bus//box", "busybox:-tag", "a/b:t:t", "busybox@sha256:abc",
      "UPPER:tag/x"})
  void rejectsInvalid(String input) {
    BerthException e = assertThrows(BerthException.InvalidParameter.class, () -> ImageReference.parse(input));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("invalid"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void uppercaseRepository() {
    var e = assertThrows(BerthException.InvalidParameter.class, () -> ImageReference.parse("Busybox"));
    assertEquals("invalid reference format: repository name (library/Busybox) must be lowercase", e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void hexIdIsNotAName() {
    String hex = "0123456789abcdef".repeat(4);
    var e = assertThrows(BerthException.InvalidParameter.class, () -> ImageReference.parse(hex));
    assertEquals("invalid repository name (" + hex + "), cannot specify 64-byte hexadecimal strings", e.getMessage());
  }
}
