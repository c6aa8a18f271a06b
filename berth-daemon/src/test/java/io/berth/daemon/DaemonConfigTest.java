package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    // (Main.describe puts dockerd's "... validation ... failed: " prefix in front, by where it came from)
    assertEquals("invalid max concurrent downloads: -1", error("{\"max-concurrent-downloads\": -1}"));
    assertEquals("invalid max download attempts: 0", error("{}", "--max-download-attempts", "0"));
    var flag = assertThrows(DaemonFlags.FlagException.class, () -> DaemonFlags.parse("--max-concurrent-downloads", "x"));
    assertEquals("invalid argument \"x\" for \"--max-concurrent-downloads\" flag: strconv.ParseInt: parsing \"x\": "
        + "invalid syntax", flag.getMessage());
  }

  @Test
  void badLogLevel() {
    assertEquals("invalid logging level: loud", error("{\"log-level\": \"loud\"}"));
  }

  @Test
  void fileFlagsAndDefaultsMerge() throws Exception {
    DaemonOptions options = resolve("""
        {"data-root": "/srv/berth", "labels": ["a=b"], "runtimes": {"crun": {"path": "/usr/bin/crun"}},
         "live-restore": false, "mtu": 1500, "exec-opts": ["native.cgroupdriver=cgroupfs"]}
        """, "--exec-root", "/tmp/exec", "-b", "none");
    assertEquals(Path.of("/srv/berth"), options.dataRoot());
    assertEquals(Path.of("/tmp/exec"), options.execRoot());
    assertEquals(Path.of("/var/run/berth.pid"), options.pidfile());
    assertEquals(List.of(DaemonOptions.DEFAULT_HOST), options.hosts());
    assertEquals(List.of("a=b"), options.labels());
    assertEquals("none", options.bridge());
    assertEquals("", options.storageDriver());
    assertEquals("json-file", options.logDriver());
    assertEquals("docker", options.socketGroup());
    assertEquals(Map.of("native.cgroupdriver", "cgroupfs"), options.execOpts());
    assertEquals(Log.Level.INFO, options.logLevel());
    assertTrue(options.runtimes().containsKey("crun"));
    assertEquals(Log.Level.DEBUG, resolve("{}", "-D").logLevel());
    assertTrue(resolve("{}", "--add-runtime", "fast=/usr/bin/crun").runtimes().containsKey("fast"));
  }

  @Test
  void networkSettingsReachTheEngine() throws Exception {
    var n = resolve("{\"default-address-pools\":[{\"base\":\"10.10.0.0/16\",\"size\":24}],\"dns\":[\"9.9.9.9\"],"
        + "\"dns-search\":[\"example.org\"],\"userland-proxy\":false,\"mtu\":1400}", "--ip", "127.0.0.1",
        "--iptables=false").network();
    assertEquals(List.of(new io.berth.engine.Engine.AddressPool("10.10.0.0/16", 24)), n.pools());
    assertEquals(List.of("9.9.9.9"), n.dns());
    assertEquals(List.of("example.org"), n.dnsSearch());
    assertEquals("127.0.0.1", n.ip());
    assertEquals(1400, n.mtu());
    assertFalse(n.userlandProxy() || n.iptables());
    assertTrue(error("{\"default-address-pools\":[{\"base\":\"10.10.0.0/16\",\"size\":8}]}").contains(
        "invalid default-address-pools entry"));
    assertEquals("1.2.3 is not an ip address", error("{}", "--dns", "1.2.3"));
  }

  @Test
  void everyDockerdSettingIsHonouredOrRefusable() {
    for (String key : DaemonConfigFile.KNOWN_KEYS) {
      boolean flagOnly = DaemonFlags.byName(key).map(s -> !key.equals(s.configKey())).orElse(false)
          && !key.equals("host-gateway-ip");
      if (!flagOnly) {
        assertTrue(SettingSupport.HONOURED.contains(key) ^ SettingSupport.NOT_YET.containsKey(key), key);
      }
    }
  }

  @Test
  void settingsBerthDoesNotImplementAreRefusedUnlessTheyAskForWhatBerthDoes() throws Exception {
    assertEquals("berth does not support the following directives yet: fixed-cidr (from flag: 10.1.0.0/24), "
            + "ipv6 (from file: true), log-opts (from file: map[max-size:10m])",
        error("{\"live-restore\": true, \"ipv6\": true, \"log-opts\": {\"max-size\": \"10m\"}}", "--fixed-cidr",
            "10.1.0.0/24"));
    resolve("""
        {"mtu": 1500, "icc": true, "live-restore": false, "max-concurrent-downloads": 3, "default-shm-size": "64M",
         "features": {"buildkit": false}, "cdi-spec-dirs": [""], "insecure-registries": [], "ip": "0.0.0.0"}
        """, "--shutdown-timeout", "15", "--ip-forward-no-drop");
    assertEquals("berth does not support the following directives yet: http-proxy (from file: http://proxy:3128)",
        error("{\"proxies\": {\"http-proxy\": \"http://proxy:3128\"}}"));
    assertEquals("berth does not support the following directives yet: features (from file: map[buildkit:true])",
        error("{\"features\": {\"buildkit\": true}}"));
    assertEquals("berth does not support the following directives yet: runtimes (from file: shim.runtimeType)",
        error("{\"runtimes\": {\"shim\": {\"runtimeType\": \"io.containerd.runc.v2\"}}}"));
  }

  @Test
  void flagNamesInTheFileAreRefusedRatherThanIgnored() {
    assertEquals("the following directives are flag names, which dockerd ignores in the configuration file: "
        + "label (the file's name is \"labels\"), validate", error("{\"label\": [\"a=b\"], \"validate\": true}"));
  }

  @Test
  void dockerdValidationsKeepTheirWords() {
    assertEquals("invalid exec-opt (foo=bar): unknown option: 'foo'", error("{\"exec-opts\": [\"foo=bar\"]}"));
    assertEquals("invalid exec-opt (isolation=hyperv): option 'isolation' is only supported on windows",
        error("{}", "--exec-opt", "isolation=hyperv"));
    assertEquals("invalid exec-opt (cgroupfs): must be formatted 'opt=value'", error("{}", "--exec-opt", "cgroupfs"));
    assertEquals("bad attribute format: nolabel", error("{\"labels\": [\"nolabel\"]}"));
    assertEquals("conflict labels for a=2 and a=1", error("{}", "--label", "a=1", "--label", "a=2"));
    assertEquals("invalid default MTU: -1", error("{\"mtu\": -1}"));
    assertEquals("invalid log format: xml", error("{}", "--log-format", "xml"));
    assertEquals("DEPRECATED: The \"api-cors-header\" config parameter and the dockerd \"--api-cors-header\" option"
        + " have been removed; use a reverse proxy if you need CORS headers", error("{\"api-cors-header\": \"*\"}"));
    assertEquals("IPC mode \"host\" is not supported as default value; use \"shareable\" or \"private\"",
        error("{\"default-ipc-mode\": \"host\"}"));
    assertEquals("invalid default cgroup namespace (weird): use \"host\" or \"private\"",
        error("{\"default-cgroupns-mode\": \"weird\"}"));
    assertEquals("json: cannot unmarshal number 1.5 into Go struct field Config.mtu of type int", error("{\"mtu\": 1.5}"));
    assertEquals("invalid argument \"runc=/x\" for \"--add-runtime\" flag: runtime name 'runc' is reserved",
        error("{}", "--add-runtime", "runc=/x"));
  }

  @Test
  void validationErrorsAreWordedAsDockerdWordsThem() {
    ConfigException e = new ConfigException("invalid default MTU: -1", ConfigException.Kind.VALIDATION);
    Path file = Path.of("/etc/berth/daemon.json");
    assertEquals("unable to configure the berth daemon with file /etc/berth/daemon.json: merged configuration validation"
        + " from file and command line flags failed: invalid default MTU: -1", Main.describe(e, file, true));
    assertEquals("invalid default MTU: -1", Main.describe(e, file, false));
  }

  @Test
  void tlsFollowsDockerdsRules() throws Exception {
    Map<String, String> env = Map.of("HOME", dir.toString());
    DaemonTls fromFile = tls(env, "{\"tlsverify\": true, \"tlscacert\": \"/x/ca.pem\"}");
    assertEquals(new DaemonTls(true, true, "/x/ca.pem", "", ""), fromFile);
    assertEquals(new DaemonTls(true, true, dir + "/.docker/ca.pem", "", ""), tls(env, "{}", "--tlsverify"));
    assertTrue(tls(env, "{}", "--tls").verifyClients(), "--tls alone verifies clients (dockerd 28)");
    assertFalse(tls(env, "{}", "--tls", "--tlsverify=false").verifyClients());
    assertTrue(tls(env, "{\"tlsverify\": false}").enabled(), "a tlsverify key turns TLS on whatever its value");
    assertFalse(tls(env, "{}").enabled());
    assertFalse(tls(Map.of("HOME", dir.toString(), "DOCKER_TLS_VERIFY", "1"), "{}").enabled(),
        "dockerd reads DOCKER_TLS_VERIFY into the flag's default only: TLS stays off");
    Files.createDirectories(dir.resolve(".docker"));
    Files.writeString(dir.resolve(".docker/cert.pem"), "x");
    assertEquals(dir + "/.docker/cert.pem", tls(env, "{}", "--tlsverify").certFile(), "a default file that exists is used");
    assertTrue(tls(env, "{}", "--tls=false").explicit());
    assertFalse(tls(env, "{}").explicit());
    DaemonOptions options = DaemonOptions.resolve(DaemonFlags.parse(env, "--tlsverify"), DaemonConfigFile.empty(dir), env);
    assertEquals(List.of("tcp://localhost:2376"), options.hosts());
  }

  private DaemonTls tls(Map<String, String> env, String json, String... args) throws Exception {
    DaemonConfigFile file = DaemonConfigFile.parse(dir.resolve("daemon.json"), json.getBytes(StandardCharsets.UTF_8));
    return DaemonOptions.resolve(DaemonFlags.parse(env, args), file, env).tls();
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
