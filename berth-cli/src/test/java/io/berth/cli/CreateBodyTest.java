package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.client.JsonParser;
import io.berth.client.JsonWriter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The create body for many flag combinations, compared byte for byte (field order included)
 * with what the Docker CLI 28.2 sent for the same arguments to an API 1.50 endpoint
 * (src/test/resources/create/bodies.jsonl: an argument line, then the recorded body).
 */
class CreateBodyTest {
  private static final Map<String, String> ENV = Map.of("FROMENV", "hello");

  private static Path fixtures() throws URISyntaxException {
    return Path.of(CreateBodyTest.class.getResource("/create/bodies.jsonl").toURI()).getParent();
  }

  static Map<String, Object> body(Path cwd, String apiVersion, String... args) {
    CreateCommand command = new CreateCommand();
    command.flags().parse(List.of(args));
    return command.body(ENV, cwd, apiVersion, new int[] {0, 0});
  }

  @TestFactory
  Stream<DynamicTest> bodiesMatchDockerCli() throws IOException, URISyntaxException {
    Path dir = fixtures();
    List<String> lines = Files.readAllLines(dir.resolve("bodies.jsonl"), StandardCharsets.UTF_8);
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += 2) {
      Map<String, Object> head = JsonParser.parseObject(lines.get(i).getBytes(StandardCharsets.UTF_8));
      List<String> args = new ArrayList<>();
      for (Object a : (List<?>) head.get("args")) {
        args.add(a.toString().replace("FIXTURES", dir.toString()));
      }
      String expected = JsonWriter.write(JsonParser.parse(lines.get(i + 1).replace("FIXTURES", dir.toString())));
      tests.add(DynamicTest.dynamicTest(String.join(" ", args), () -> {
        String actual = JsonWriter.write(body(dir, "1.50", args.toArray(String[]::new)));
        assertEquals(expected, actual);
      }));
    }
    return tests.stream();
  }

  @Test
  void oldApiVersionsGetNoDefaultEndpoint() {
    Map<?, ?> networking = (Map<?, ?>) body(Path.of("/"), "1.41", "busybox").get("NetworkingConfig");
    assertEquals(Map.of(), networking.get("EndpointsConfig"));
  }

  @Test
  void dockerValidationMessages() {
    assertEquals("network-scoped aliases are only supported for user-defined networks",
        assertThrows(IllegalArgumentException.class,
            () -> body(Path.of("/"), "1.50", "--net", "bridge", "--network-alias", "a", "busybox")).getMessage());
    assertEquals("conflicting options: cannot specify both --restart and --rm",
        assertThrows(IllegalArgumentException.class,
            () -> body(Path.of("/"), "1.50", "--rm", "--restart", "always", "busybox")).getMessage());
    assertEquals("invalid containerPort: bad",
        assertThrows(IllegalArgumentException.class, () -> body(Path.of("/"), "1.50", "-p", "bad", "busybox"))
            .getMessage());
    assertEquals("invalid value: 101. Valid memory swappiness range is 0-100",
        assertThrows(IllegalArgumentException.class,
            () -> body(Path.of("/"), "1.50", "--memory-swappiness", "101", "busybox")).getMessage());
    assertEquals("invalid restart policy format: maximum retry count must be an integer",
        assertThrows(IllegalArgumentException.class,
            () -> body(Path.of("/"), "1.50", "--restart", "on-failure:x", "busybox")).getMessage());
  }

  @Test
  void flagValueErrorsUsePflagWording() {
    CreateCommand command = new CreateCommand();
    assertEquals("invalid argument \"foo\" for \"-m, --memory\" flag: invalid size: 'foo'",
        assertThrows(IllegalArgumentException.class, () -> command.flags().parse(List.of("-m", "foo", "x")))
            .getMessage());
    assertEquals("invalid argument \"x\" for \"--cpu-period\" flag: strconv.ParseInt: parsing \"x\": invalid syntax",
        assertThrows(IllegalArgumentException.class,
            () -> new CreateCommand().flags().parse(List.of("--cpu-period", "x", "img"))).getMessage());
    assertEquals("invalid argument \"1.0000000001\" for \"--cpus\" flag: value is too precise",
        assertThrows(IllegalArgumentException.class,
            () -> new CreateCommand().flags().parse(List.of("--cpus", "1.0000000001", "img"))).getMessage());
    assertEquals("invalid argument \"foo\" for \"-a, --attach\" flag: valid streams are STDIN, STDOUT and STDERR",
        assertThrows(IllegalArgumentException.class,
            () -> new CreateCommand().flags().parse(List.of("-a", "foo", "img"))).getMessage());
  }

  @Test
  void flagsStopAtTheImage() {
    CreateCommand command = new CreateCommand();
    command.flags().parse(List.of("-t", "busybox", "ls", "-l", "--rm"));
    assertEquals(List.of("busybox", "ls", "-l", "--rm"), command.flags().args());
    assertTrue(command.container.tty.isTrue());
  }
}
