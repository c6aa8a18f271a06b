package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.JsonIndent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dispatch, usage errors and helpers that need no daemon. */
class CliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env).run(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void usageErrorsMatchDocker() {
    assertEquals(1, run(Map.of(), "tag"));
    assertEquals("berth: 'berth tag' requires 2 arguments\n\nUsage:  berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\n"
        + "Run 'berth tag --help' for more information\n", err());
  }

  @Test
  void flagErrorsExit125() {
    assertEquals(125, run(Map.of(), "images", "-f", "foo"));
    assertTrue(err().startsWith("invalid argument \"foo\" for \"-f, --filter\" flag: bad format of filter (expected name=value)\n"
        + "\nUsage:  berth images [OPTIONS] [REPOSITORY[:TAG]]\n"), err());
    err.reset();
    // the CLI's validateTag, before any context is read
    assertEquals(125, run(Map.of(), "build", "-t", "Bad:Tag", "/nonexistent"));
    assertTrue(err().startsWith("invalid argument \"Bad:Tag\" for \"-t, --tag\" flag: invalid reference format: "
        + "repository name (library/Bad) must be lowercase\n\nUsage:  berth build [OPTIONS] PATH | URL | -\n"), err());
    err.reset();
    assertEquals(125, run(Map.of(), "--bogus"));
    assertEquals("unknown flag: --bogus\n\nUsage:  berth [OPTIONS] COMMAND [ARG...]\n\nRun 'berth --help' for more information\n", err());
  }

  @Test
  void unknownCommands() {
    assertEquals(1, run(Map.of(), "bogus"));
    assertEquals("berth: unknown command: berth bogus\n\nRun 'berth --help' for more information\n", err());
    err.reset();
    assertEquals(1, run(Map.of(), "image", "bogus"));
    assertTrue(err().startsWith("berth: unknown command: berth image bogus\n\nUsage:  berth image\n"), err());
  }

  @Test
  void unreachableDaemonUsesDockerWordingAfterClientSection() {
    Map<String, String> env = Map.of("BERTH_HOST", "unix:///nonexistent/berth.sock");
    assertEquals(1, run(env, "version"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Client:\n Version:           0.1.0\n"));
    assertEquals("Cannot connect to the Docker daemon at unix:///nonexistent/berth.sock. Is the docker daemon running?\n", err());
  }

  @Test
  void versionFlagAndHelp() {
    assertEquals(0, run(Map.of(), "-v"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Berth version 0.1.0, build "));
    out.reset();
    assertEquals(0, run(Map.of(), "history", "--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.startsWith("Usage:  berth history [OPTIONS] IMAGE\n\nShow the history of an image\n"), help);
    assertTrue(help.contains("  -H, --human             Print sizes and dates in human readable format (default true)\n"), help);
    assertTrue(help.contains("      --platform string   Show history for the given platform. Formatted as \"os[/arch[/variant]]\""
        + " (e.g., \"linux/amd64\")\n"), help);
  }

  @Test
  void goTimeFormats() {
    assertEquals("2026-11-23 18:01:19 +0000 UTC", GoTime.string(1_795_456_879L, ZoneOffset.UTC));
    assertEquals("2026-11-23T18:01:19.000000005Z", GoTime.rfc3339NanoFixed(1_795_456_879_000_000_005L, ZoneOffset.UTC));
    assertEquals("2026-11-23T19:01:19.000000000+01:00",
        GoTime.rfc3339NanoFixed(1_795_456_879_000_000_000L, ZoneOffset.ofHours(1)));
    assertEquals("Thu May  7 21:09:36 2026", GoTime.ansic("2026-05-07T21:09:36.123456789+00:00"));
    assertEquals("not a date", GoTime.ansic("not a date"));
    Instant now = Instant.ofEpochSecond(1000);
    assertEquals("400.000000000", io.berth.common.TimeFilter.timestamp("10m", now, ZoneOffset.UTC));
    assertEquals("1234.5", io.berth.common.TimeFilter.timestamp("1234.5", now, ZoneOffset.UTC));
    assertEquals("1795392000.000000000", io.berth.common.TimeFilter.timestamp("2026-11-23", now, ZoneOffset.UTC));
  }

  @Test
  void eventLineMatchesDocker() {
    Map<String, Object> event = Map.of("Type", "image", "Action", "tag", "timeNano", 1_795_456_879_000_000_000L,
        "Actor", Map.of("ID", "sha256:abc", "Attributes", Map.of("name", "busybox:latest", "a", "b")));
    assertEquals("2026-11-23T18:01:19.000000000Z image tag sha256:abc (a=b, name=busybox:latest)\n",
        EventsCommand.line(event, ZoneOffset.UTC));
  }

  @Test
  void jsonIndentKeepsRawValues() {
    assertEquals("[\n    {\n        \"a\": 1.50,\n        \"b\": [],\n        \"c\": {\n            \"d\": \"x, y: z\"\n        }\n    }\n]",
        JsonIndent.indent("[{\"a\":1.50,\"b\":[],\"c\":{\"d\":\"x, y: z\"}}]", "", "    "));
    assertEquals("{\"a\":[1,2],\"s\":\" \"}", JsonIndent.compact("{ \"a\" : [1, 2],\n \"s\": \" \" }"));
  }
}
