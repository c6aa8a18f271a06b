package io.berth.dockerfile.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.dockerfile.DockerfileException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** BuildKit's parser_test.go: every testfiles case dumps to its expected result. */
class ParserTestfilesTest {

  static Path resource(String name) {
    try {
      return Path.of(ParserTestfilesTest.class.getResource("/buildkit/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(resource("testfiles"))) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  static Stream<String> negativeCases() throws IOException {
    try (Stream<Path> dirs = Files.list(resource("testfiles-negative"))) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void dumpMatchesBuildKitResult(String name) throws IOException {
    Path dir = resource("testfiles").resolve(name);
    ParseResult result = DockerfileParser.parse(Files.readAllBytes(dir.resolve("Dockerfile")));
    String expected = Files.readString(dir.resolve("result"), StandardCharsets.UTF_8);
    assertEquals(expected, result.ast().dump() + "\n");
  }

  @ParameterizedTest
  @MethodSource("negativeCases")
  void negativeCasesFail(String name) throws IOException {
    byte[] data = Files.readAllBytes(resource("testfiles-negative").resolve(name).resolve("Dockerfile"));
    assertThrows(DockerfileException.class, () -> DockerfileParser.parse(data));
  }

  @Test
  void lineNumbers() throws IOException {
    ParseResult result = DockerfileParser.parse(Files.readAllBytes(resource("testfile-line").resolve("Dockerfile")));
    Node ast = result.ast();
    assertEquals(5, ast.startLine());
    assertEquals(31, ast.endLine());
    assertEquals(3, ast.children().size());
    int[][] expected = {{5, 5}, {11, 12}, {17, 31}};
    for (int i = 0; i < expected.length; i++) {
      Node child = ast.children().get(i);
      assertEquals(List.of(expected[i][0], expected[i][1]), List.of(child.startLine(), child.endLine()), "child " + i);
    }
  }
}
