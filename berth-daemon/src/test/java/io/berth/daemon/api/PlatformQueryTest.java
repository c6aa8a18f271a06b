package io.berth.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.BerthException;
import io.berth.registry.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The platform query values decode as dockerd's httputils.DecodePlatform (Go's json.Unmarshal) and fail in its words. */
class PlatformQueryTest {
  @Test
  void decodesWhatTheDockerClientSends() {
    assertEquals(new Platform("linux", "arm64", ""), PlatformQuery.decode("{\"architecture\":\"arm64\",\"os\":\"linux\"}"));
    assertEquals(new Platform("linux", "arm", "v7"),
        PlatformQuery.decode("{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\",\"x\":[1]}"));
    assertEquals(new Platform("linux", "amd64", ""), PlatformQuery.decode("{\"OS\":\"linux\",\"Architecture\":\"amd64\"}"),
        "Go matches keys without regard to case");
    assertNull(PlatformQuery.decode(""));
    assertNull(PlatformQuery.decode(null));
    assertEquals(List.of(new Platform("linux", "386", "")), PlatformQuery.decodeAll(List.of("{\"os\":\"linux\","
        + "\"architecture\":\"386\"}")));
  }

  @Test
  void textIsParsedAsContainerdDoes() {
    assertEquals(new Platform("linux", "arm64", ""), PlatformQuery.parse("linux/aarch64"));
    assertEquals(new Platform("linux", "arm", "v6"), PlatformQuery.parse("linux/armel"));
    assertNull(PlatformQuery.parse(""));
    assertEquals("\"x!\" is an invalid component of \"linux/x!\": platform specifier component must match"
        + " \"^[A-Za-z0-9_.-]+$\": invalid argument",
        assertThrows(BerthException.InvalidParameter.class, () -> PlatformQuery.parse("linux/x!")).getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "linux/amd64|failed to parse platform: invalid character 'l' looking for beginning of value",
      "[1]|failed to parse platform: json: cannot unmarshal array into Go value of type v1.Platform",
      "{\"os\":1}|failed to parse platform: json: cannot unmarshal number into Go struct field Platform.os of type string",
      "{\"os.features\":\"a\"}|failed to parse platform: json: cannot unmarshal string into Go struct field"
          + " Platform.os.features of type []string",
      "{}|both OS and Architecture must be provided",
      "null|both OS and Architecture must be provided",
      "{\"os\":\"linux\"}|both OS and Architecture must be provided",
      "{\"variant\":\"v7\"}|optional platform fields provided, but OS and Architecture are missing",
      "{\"os.version\":\"10.0\"}|optional platform fields provided, but OS and Architecture are missing"})
  void refusesAsDockerd(String json, String message) {
    assertEquals(message, assertThrows(BerthException.InvalidParameter.class, () -> PlatformQuery.decode(json))
        .getMessage());
  }
}
