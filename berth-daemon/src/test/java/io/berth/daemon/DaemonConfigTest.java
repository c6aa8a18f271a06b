package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigTest {
  @TempDir
  Path dir;

  private DaemonOptions resolve(String json, String... args) throws Exception {
    DaemonConfigFile file = DaemonConfigFile.parse(dir.resolve("daemon.json"), json.getBytes(StandardCharsets.UTF_8));
    return DaemonOptions.resolve(DaemonFlags.parse(args), file);
  }

  private String error(String json, String... args) {
    return assertThrows(ConfigException.class, () -> resolve(json, args)).getMessage();
  }

  @Test
  void unknownKeysAreRefusedSorted() {
    assertEquals("the following directives don't match any configuration option: foo, zap",
        error("{\"zap\": 1, \"debug\": true, \"foo\": \"x\"}"));
  }

  @Test
  void flagAndFileConflictsUseDockerdsFormat() {
    assertEquals("the following directives are specified both as a flag and in the configuration file: "
            + "debug: (from flag: true, from file: true), "
            + "hosts: (from flag: [unix:///b.sock tcp://:1], from file: [unix:///a.sock])",
        error("{\"hosts\": [\"unix:///a.sock\"], \"debug\": true}", "-H", "unix:///b.sock", "-D", "-H", "tcp://:1"));
    assertEquals("the following directives are specified both as a flag and in the configuration file: "
            + "insecure-registries: (from flag: [r:5000], from file: [x:1])",
        error("{\"insecure-registries\": [\"x:1\"]}", "--insecure-registry", "r:5000"));
  }

  @Test
  void wrongTypesUseGoWording() {
    assertEquals("json: cannot unmarshal string into Go struct field Config.hosts of type []string",
        error("{\"hosts\": \"unix:///a.sock\"}"));
    assertEquals("json: cannot unmarshal number into Go struct field Config.debug of type bool",
        error("{\"debug\": 1}"));
    assertEquals("unexpected EOF", error("{\"hosts\": "));
  }

  @Test
  void transferLimitsFromFileOrFlagsWithDockerdsChecks() throws Exception {
    DaemonOptions defaults = resolve("{}");
    assertEquals(List.of(3, 5, 5), List.of(defaults.maxConcurrentDownloads(), defaults.maxConcurrentUploads(),
        defaults.maxDownloadAttempts()));
    DaemonOptions set = resolve("{\"max-concurrent-downloads\": 0, \"max-download-attempts\": 2}",
        "--max-concurrent-uploads", "9");
    assertEquals(List.of(0, 9, 2), List.of(set.maxConcurrentDownloads(), set.maxConcurrentUploads(),
        set.maxDownloadAttempts()));
    assertEquals("json: cannot unmarshal string into Go struct field Config.max-concurrent-downloads of type int",
        error("{\"max-concurrent-downloads\": \"3\"}"));
    assertEquals("json: cannot unmarshal number 2.5 into Go struct field Config.max-concurrent-uploads of type int",
        error("{\"max-concurrent-uploads\": 2.5}"));
    assertEquals("configuration validation from file failed: invalid max concurrent downloads: -1",
        error("{\"max-concurrent-downloads\": -1}"));
    assertEquals("merged configuration validation from file and command line flags failed: "
        + "invalid max download attempts: 0", error("{}", "--max-download-attempts", "0"));
    var flag = assertThrows(DaemonFlags.FlagException.class, () -> DaemonFlags.parse("--max-concurrent-downloads", "x"));
    assertEquals("invalid argument \"x\" for \"--max-concurrent-downloads\" flag: strconv.ParseInt: parsing \"x\": "
        + "invalid syntax", flag.getMessage());
  }

  @Test
  void badLogLevel() {
    assertEquals("unable to parse logging level: loud", error("{\"log-level\": \"loud\"}"));
  }

  @Test
  void fileFlagsAndDefaultsMerge() throws Exception {
    DaemonOptions options = resolve("""
        {"data-root": "/srv/berth", "log-opts": {"max-size": "10m"}, "labels": ["a=b"],
         "runtimes": {"crun": {"path": "/usr/bin/crun"}}, "live-restore": true, "mtu": 1400}
        """, "--exec-root", "/tmp/exec", "-b", "none");
    assertEquals(Path.of("/srv/berth"), options.dataRoot());
    assertEquals(Path.of("/tmp/exec"), options.execRoot());
    assertEquals(Path.of("/var/run/berth.pid"), options.pidfile());
    assertEquals(List.of(DaemonOptions.DEFAULT_HOST), options.hosts());
    assertEquals(Map.of("max-size", "10m"), options.logOpts());
    assertEquals(List.of("a=b"), options.labels());
    assertEquals("none", options.bridge());
    assertEquals("", options.storageDriver());
    assertEquals("json-file", options.logDriver());
    assertTrue(options.liveRestore());
    assertEquals(Log.Level.INFO, options.logLevel());
    assertEquals(1400, ((Number) options.config().get("mtu")).intValue());
    assertTrue(options.runtimes().containsKey("crun"));
    assertEquals(Log.Level.DEBUG, resolve("{}", "-D").logLevel());
  }

  @Test
  void emptyFileIsAnEmptyConfig() throws Exception {
    assertEquals(List.of(DaemonOptions.DEFAULT_HOST), resolve("  \n").hosts());
  }

  @Test
  void missingDefaultFileIsFineButAMissingNamedOneIsNot() throws Exception {
    assertTrue(DaemonConfigFile.load(dir.resolve("absent.json"), false).values().isEmpty());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path named = dir.resolve("named.json");
    var outcome = Main.start(new String[] {"--config-file", named.toString()}, o -> Application.NONE,
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(new Main.Outcome.Exit(1), outcome);
    assertEquals("unable to configure the berth daemon with file " + named + ": open " + named
        + ": no such file or directory\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void mainReportsConfigErrorsLikeDockerd() throws Exception {
    Path file = dir.resolve("daemon.json");
    Files.writeString(file, "{\"foo\": 1}");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    var outcome = Main.start(new String[] {"--config-file", file.toString()}, o -> Application.NONE,
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(new Main.Outcome.Exit(1), outcome);
    assertEquals("unable to configure the berth daemon with file " + file
        + ": the following directives don't match any configuration option: foo\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpVersionAndBadFlags() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(new Main.Outcome.Exit(0), Main.start(new String[] {"--version"}, x -> Application.NONE, o, e));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Berth version " + BerthVersion.VERSION + ", build "));
    assertEquals(new Main.Outcome.Exit(0), Main.start(new String[] {"-h"}, x -> Application.NONE, o, e));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage:\tberthd [OPTIONS]"));
    assertEquals(new Main.Outcome.Exit(1), Main.start(new String[] {"--nope"}, x -> Application.NONE, o, e));
    assertEquals("unknown flag: --nope\nSee 'berthd --help'.\n", err.toString(StandardCharsets.UTF_8));
  }
}
