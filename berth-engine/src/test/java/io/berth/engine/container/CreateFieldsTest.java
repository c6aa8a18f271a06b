package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.berth.common.BerthException;
import io.berth.common.Json;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.CreateRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Walks every field of {@code POST /containers/create} as the Engine API spec lists it (a copy of the list is
 * in the test resources) and proves none is silently dropped: the typed model carries it (decoded and encoded
 * back), and berth either acts on it (it is in the honoured list and the create checks let it through) or
 * refuses it with a 400 that names the option.
 */
class CreateFieldsTest {
  /** Values a user could send, other than Docker's zero values, and supported where the field is honoured. */
  private static final Map<String, Object> SAMPLES = Map.ofEntries(
      Map.entry("ExposedPorts", Map.of("80/tcp", Map.of())),
      Map.entry("Volumes", Map.of("/data", Map.of())),
      Map.entry("Healthcheck", Map.of("Test", List.of("CMD", "true"))),
      Map.entry("Labels", Map.of("a", "b")),
      Map.entry("StopTimeout", 5),
      Map.entry("LogConfig", Map.of("Type", "json-file", "Config", Map.of("max-size", "1m"))),
      Map.entry("NetworkMode", "host"),
      Map.entry("PortBindings", Map.of("80/tcp", List.of(Map.of("HostPort", "8080")))),
      Map.entry("RestartPolicy", Map.of("Name", "always")),
      Map.entry("ConsoleSize", List.of(24, 80)),
      Map.entry("Annotations", Map.of("a", "b")),
      Map.entry("CgroupnsMode", "private"),
      Map.entry("Dns", List.of("9.9.9.9")),
      Map.entry("ExtraHosts", List.of("db:10.0.0.2")),
      Map.entry("IpcMode", "shareable"),
      Map.entry("PidMode", "host"),
      Map.entry("UTSMode", "host"),
      Map.entry("UsernsMode", "host"),
      Map.entry("Isolation", "default"),
      Map.entry("Runtime", "runc"),
      Map.entry("SecurityOpt", List.of("no-new-privileges")),
      Map.entry("StorageOpt", Map.of("size", "1G")),
      Map.entry("Tmpfs", Map.of("/run", "size=1m")),
      Map.entry("Sysctls", Map.of("net.ipv4.ip_forward", "1")),
      Map.entry("Ulimits", List.of(Map.of("Name", "nofile", "Soft", 10, "Hard", 20))),
      Map.entry("BlkioWeightDevice", List.of(Map.of("Path", "/dev/sda", "Weight", 100))),
      Map.entry("BlkioDeviceReadBps", List.of(Map.of("Path", "/dev/sda", "Rate", 100))),
      Map.entry("BlkioDeviceWriteBps", List.of(Map.of("Path", "/dev/sda", "Rate", 100))),
      Map.entry("BlkioDeviceReadIOps", List.of(Map.of("Path", "/dev/sda", "Rate", 100))),
      Map.entry("BlkioDeviceWriteIOps", List.of(Map.of("Path", "/dev/sda", "Rate", 100))),
      Map.entry("Devices", List.of(Map.of("PathOnHost", "/dev/null", "PathInContainer", "/dev/x",
          "CgroupPermissions", "rwm"))),
      Map.entry("DeviceRequests", List.of(Map.of("Count", 1))),
      Map.entry("Mounts", List.of(Map.of("Type", "bind", "Source", "/a", "Target", "/b"))),
      Map.entry("OomKillDisable", true),
      Map.entry("MemorySwappiness", 10),
      Map.entry("PidsLimit", 10),
      Map.entry("Init", true),
      Map.entry("CpusetCpus", "0"),
      Map.entry("CpusetMems", "0"));

  record Field(String section, String name, String type) {}

  @Test
  void everyCreateFieldIsHonouredOrRefused() throws IOException {
    List<Field> fields = specFields();
    assertTrue(fields.size() > 90, "the spec's list: " + fields.size());
    List<String> problems = new ArrayList<>();
    for (Field f : fields) {
      if (f.section().equals("NetworkingConfig")) {
        continue; // one field, EndpointsConfig: walked by its own test below
      }
      boolean hostConfig = f.section().equals("HostConfig");
      Object sample = SAMPLES.getOrDefault(f.name(), sample(f.type()));
      Map<String, Object> body = hostConfig ? Json.map("Image", "x", "HostConfig", Map.of(f.name(), sample))
          : Json.map("Image", "x", f.name(), sample);
      CreateRequest request = ConfigCodec.decode(Json.bytes(body), CreateRequest.class);
      Map<String, Object> encoded = ConfigCodec.toMap(hostConfig ? request.hostConfig() : request.config());
      if (!CreateFields.isSet(encoded.get(f.name()))) {
        problems.add(f.name() + ": the typed model lost it");
        continue;
      }
      Map<String, String> honoured = hostConfig ? CreateFields.HONOURED_HOST_CONFIG : CreateFields.HONOURED_CONFIG;
      Map<String, String> refused = hostConfig ? CreateFields.HOST_CONFIG : CreateFields.CONFIG;
      if (honoured.containsKey(f.name()) == refused.containsKey(f.name())) {
        problems.add(f.name() + ": must be either honoured or refused, not " + (honoured.containsKey(f.name())
            ? "both" : "neither"));
        continue;
      }
      if (refused.containsKey(f.name())) {
        try {
          CreateFields.check(request);
          problems.add(f.name() + ": listed as refused but let through");
        } catch (BerthException.InvalidParameter e) {
          if (!e.getMessage().contains(refused.get(f.name()))) {
            problems.add(f.name() + ": refused without naming " + refused.get(f.name()) + ": " + e.getMessage());
          }
        }
      } else {
        try {
          CreateFields.check(request);
        } catch (BerthException.InvalidParameter e) {
          problems.add(f.name() + ": listed as honoured but refused: " + e.getMessage());
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void endpointSettingsBeyondAddressesAliasesLinksAndMacAreRefused() {
    CreateFields.check(decode("{\"Image\":\"x\",\"HostConfig\":{\"NetworkMode\":\"mynet\"},\"NetworkingConfig\":"
        + "{\"EndpointsConfig\":{\"mynet\":{\"MacAddress\":\"02:00:00:00:00:01\",\"Aliases\":[\"db\"],"
        + "\"Links\":[\"a:b\"],\"IPAMConfig\":{\"IPv4Address\":\"10.1.0.5\"}},\"other\":{}}}}"));
    CreateFields.check(decode( // checked against the network's IPv6 subnet later (NetworkChecks)
        "{\"Image\":\"x\",\"NetworkingConfig\":{\"EndpointsConfig\":{\"n\":{\"IPAMConfig\":{\"IPv6Address\":\"fd00::5\"}}}}}"));
    var opts = assertThrows(BerthException.InvalidParameter.class, () -> CreateFields.check(decode(
        "{\"Image\":\"x\",\"NetworkingConfig\":{\"EndpointsConfig\":{\"n\":{\"DriverOpts\":{\"a\":\"b\"}}}}}")));
    assertTrue(opts.getMessage().contains("driver-opt"), opts.getMessage());
  }

  @Test
  void modesBerthCannotDoAreRefusedByName() {
    for (String json : List.of("{\"PidMode\":\"container:x\"}", "{\"IpcMode\":\"container:x\"}",
        "{\"UsernsMode\":\"private\"}")) {
      var e = assertThrows(BerthException.InvalidParameter.class, () -> CreateFields.check(decode(
          "{\"Image\":\"x\",\"HostConfig\":" + json + "}")), json);
      assertTrue(e.getMessage().startsWith("berth does not support"), e.getMessage());
    }
    assertFalse(CreateFields.isSet(List.of()) || CreateFields.isSet(0) || CreateFields.isSet("")
        || CreateFields.isSet(false) || CreateFields.isSet(null) || CreateFields.isSet(Map.of()));
  }

  private static CreateRequest decode(String json) {
    return ConfigCodec.decode(json.getBytes(StandardCharsets.UTF_8), CreateRequest.class);
  }

  private static Object sample(String type) {
    return switch (type) {
      case "string" -> "x";
      case "integer", "number" -> 7;
      case "boolean" -> true;
      case "array" -> List.of("x");
      default -> Map.of("x", "y");
    };
  }

  static List<Field> specFields() throws IOException {
    List<Field> fields = new ArrayList<>();
    try (InputStream in = CreateFieldsTest.class.getResourceAsStream("/create-request-fields.txt")) {
      if (in == null) {
        fail("create-request-fields.txt is missing");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        fields.add(new Field(parts[0], parts[1], parts[2]));
      }
    }
    return fields;
  }
}
