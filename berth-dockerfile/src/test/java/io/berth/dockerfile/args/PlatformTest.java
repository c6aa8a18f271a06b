package io.berth.dockerfile.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.dockerfile.DockerfileException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {
  static final Platform HOST = new Platform("linux", "amd64", "", "");

  @ParameterizedTest
  @CsvSource({"linux,linux/amd64", "amd64,linux/amd64", "x86_64,linux/amd64", "linux/x86-64,linux/amd64",
      "linux/arm64,linux/arm64", "linux/aarch64,linux/arm64", "linux/arm64/v8,linux/arm64/v8", "linux/arm,linux/arm",
      "linux/armhf,linux/arm", "linux/arm/v6,linux/arm/v6", "linux/armel,linux/arm/v6", "windows/amd64,windows/amd64",
      "macos/arm64,darwin/arm64", "LINUX/AMD64,linux/amd64", "linux/386,linux/386", "i386,linux/386",
      "linux/amd64/v1,linux/amd64"})
  void parseAndFormat(String specifier, String formatted) {
    assertEquals(formatted, Platform.parse(specifier, HOST).format());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "linux/*|\"linux/*\": wildcards not yet supported: invalid argument",
      "foo|\"foo\": unknown operating system or architecture: invalid argument",
      "linux/a/b/c|\"linux/a/b/c\": cannot parse platform specifier: invalid argument",
      "linux/a b|\"a b\" is an invalid component of \"linux/a b\": platform specifier component must match \"^[A-Za-z0-9_.-]+$\": invalid argument"})
  void errors(String specifier, String message) {
    assertEquals(message, assertThrows(DockerfileException.class, () -> Platform.parse(specifier, HOST)).getMessage());
  }
}
