package io.berth.dockerfile.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.BerthException;
import io.berth.dockerfile.args.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildRequestDecoderTest {
  static final Platform HOST = new Platform("linux", "amd64", "", "");

  static Map<String, List<String>> query(String... keysAndValues) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      q.computeIfAbsent(keysAndValues[i], k -> new java.util.ArrayList<>()).add(keysAndValues[i + 1]);
    }
    return q;
  }

  static BuildRequest decode(String... keysAndValues) {
    return BuildRequestDecoder.decode(query(keysAndValues), null, 50, HOST);
  }

  static String error(String... keysAndValues) {
    BerthException e = assertThrows(BerthException.class, () -> decode(keysAndValues));
    assertTrue(e instanceof BerthException.InvalidParameter, e.toString());
    return e.getMessage();
  }

  @Test
  void defaults() {
    BuildRequest r = decode();
    assertEquals("Dockerfile", r.dockerfile());
    assertTrue(r.remove());
    assertFalse(r.forceRemove());
    assertFalse(r.quiet() || r.noCache() || r.pull());
    assertEquals(List.of(), r.tags());
    assertEquals(Optional.empty(), r.platform());
    assertEquals(new BuildRequest.Resources(0, 0, 0, "", "", 0, 0, ""), r.resources());
  }

  @Test
  void whatTheDockerCliSends() {
    String auth = Base64.getUrlEncoder().encodeToString(
        "{\"localhost:5000\":{\"username\":\"u\",\"password\":\"p\",\"serveraddress\":\"localhost:5000\"}}"
            .getBytes(StandardCharsets.UTF_8));
    BuildRequest r = BuildRequestDecoder.decode(query("t", "xx/gitlab", "t", "xx/gitlab:latest", "t", "Other:1" .toLowerCase(),
        "dockerfile", "build/Dockerfile.dev", "q", "1", "nocache", "1", "rm", "0", "pull", "1", "memory", "67108864",
        "memswap", "-1", "cpushares", "512", "cpusetcpus", "0-1", "cpuquota", "50000", "cpuperiod", "100000",
        "shmsize", "134217728", "buildargs", "{\"A\":\"1\",\"B\":null}", "labels", "{\"l\":\"v\"}",
        "cachefrom", "[\"busybox:latest\"]", "networkmode", "host", "extrahosts", "h:10.0.0.1", "target", "build",
        "platform", "linux/amd64", "ulimits", "[{\"Name\":\"nofile\",\"Hard\":2048,\"Soft\":1024}]", "version", "1"),
        auth, 50, HOST);
    assertEquals(List.of("docker.io/xx/gitlab:latest", "docker.io/library/other:1"),
        r.tags().stream().map(Object::toString).toList());
    assertEquals("build/Dockerfile.dev", r.dockerfile());
    assertTrue(r.quiet() && r.noCache() && r.pull());
    assertFalse(r.remove());
    assertEquals(new BuildRequest.Resources(64 << 20, -1, 512, "0-1", "", 100000, 50000, ""), r.resources());
    assertEquals(128L << 20, r.shmSize());
    assertEquals(Map.of("A", Optional.of("1"), "B", Optional.empty()), r.buildArgs());
    assertEquals(Map.of("l", "v"), r.labels());
    assertEquals(List.of("busybox:latest"), r.cacheFrom());
    assertEquals("host", r.networkMode());
    assertEquals(List.of("h:10.0.0.1"), r.extraHosts());
    assertEquals("build", r.target());
    assertEquals(Optional.of(HOST), r.platform());
    assertEquals(List.of(new BuildRequest.Ulimit("nofile", 1024, 2048)), r.ulimits());
    assertEquals("u", r.authConfigs().get("localhost:5000").username());
  }

  @Test
  void forceRemoveImpliesRemove() {
    BuildRequest r = decode("rm", "false", "forcerm", "True");
    assertTrue(r.remove() && r.forceRemove());
    assertFalse(decode("rm", "no").remove());
    assertTrue(decode("rm", "yes").remove());
  }

  @Test
  void dockerdsErrors() {
    assertEquals("build tag cannot contain a digest",
        error("t", "busybox@sha256:" + "a".repeat(64)));
    assertTrue(error("t", "Bad:Tag").startsWith("invalid reference format"));
    assertTrue(error("buildargs", "{\"A\":1}").startsWith("error reading build args: json: cannot unmarshal number"));
    assertEquals("error reading build args: unexpected end of JSON input", error("buildargs", "{\"A\":"));
    assertEquals("error reading labels: invalid character 'x' looking for beginning of value", error("labels", "x"));
    assertTrue(error("cachefrom", "{}").startsWith("error reading cache-from: json: cannot unmarshal object"));
    assertTrue(error("ulimits", "[1]").startsWith("error reading ulimit settings: json: cannot unmarshal number"));
    assertTrue(error("outputs", "[").startsWith("invalid outputs specified: "));
    assertEquals("invalid version \"3\"", error("version", "3"));
    assertEquals("unsupported isolation: \"hyperv\"", error("isolation", "hyperv"));
    assertEquals("security options are not supported on linux", error("securityopt", "seccomp=unconfined"));
    assertEquals("squash is only supported with experimental mode", error("squash", "1"));
    assertEquals("strconv.ParseInt: parsing \"64m\": invalid syntax", error("shmsize", "64m"));
    assertEquals("SHM size can not be less than 0", error("shmsize", "-1"));
    assertEquals("\"linux/*\": wildcards not yet supported: invalid argument", error("platform", "linux/*"));
    assertEquals("\"foo\": unknown operating system or architecture: invalid argument", error("platform", "foo"));
    assertEquals("experimental session with v1 builder is no longer supported, use builder version v2 (BuildKit) instead",
        error("remote", "client-session"));
  }

  @Test
  void extraHosts() {
    assertEquals(List.of("a:10.0.0.1", "b:::1", "c:host-gateway"),
        decode("extrahosts", "a:10.0.0.1", "extrahosts", "b:::1", "extrahosts", "c:host-gateway").extraHosts());
    assertEquals("bad format for add-host: \"nocolon\"", error("extrahosts", "nocolon"));
    assertEquals("bad format for add-host: \":1.2.3.4\"", error("extrahosts", ":1.2.3.4"));
    assertEquals("invalid IP address in add-host: \"example.com\"", error("extrahosts", "a:example.com"));
    assertEquals("invalid IP address in add-host: \"300.1.1.1\"", error("extrahosts", "a:300.1.1.1"));
  }

  @Test
  void carriesARemoteContextToTheBuilder() {
    assertEquals("https://example.com/repo.git#main:app", decode("remote", "https://example.com/repo.git#main:app").remote());
    assertEquals("", decode().remote());
  }

  @Test
  void refusesWhatBerthDoesNotDo() {
    assertTrue(error("version", "2").contains("no BuildKit builder"));
    assertTrue(error("outputs", "[{\"type\":\"local\"}]").contains("outputs"));
    assertTrue(error("platform", "linux/arm64").contains("berth builds for linux/amd64 only"));
    assertTrue(error("session", "abc").contains("session"));
    assertTrue(error("buildid", "abc").contains("buildid"));
    assertTrue(error("memory", "lots").startsWith("strconv.ParseInt"));
  }

  @Test
  void versionGatedParameters() {
    // before API 1.32 dockerd does not read platform, before 1.40 not outputs
    BuildRequest r = BuildRequestDecoder.decode(query("platform", "linux/arm64", "outputs", "[{}]"), null, 31, HOST);
    assertEquals(Optional.empty(), r.platform());
    assertEquals(Optional.of(HOST), BuildRequestDecoder.decode(query("platform", "x86_64"), null, 32, HOST).platform());
  }

  @Test
  void badRegistryConfigIsNoCredentials() {
    assertEquals(Map.of(), BuildRequestDecoder.decode(query(), "%%%", 50, HOST).authConfigs());
  }
}
