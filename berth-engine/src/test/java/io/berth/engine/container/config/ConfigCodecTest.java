package io.berth.engine.container.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.BerthException;
import io.berth.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCodecTest {
  /** Trimmed from what the Docker CLI 28 sends for {@code docker run -it -m 64m --name x busybox sh}. */
  private static final String CLI_BODY = """
      {"Hostname":"","Domainname":"","User":"","AttachStdin":true,"AttachStdout":true,"AttachStderr":true,
       "Tty":true,"OpenStdin":true,"StdinOnce":true,"Env":null,"Cmd":["sh"],"Image":"busybox","Volumes":{},
       "WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"b":"2","a":"1"},
       "HostConfig":{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"","Config":{}},"NetworkMode":"default",
         "PortBindings":{},"RestartPolicy":{"Name":"no","MaximumRetryCount":0},"AutoRemove":false,
         "VolumeDriver":"","VolumesFrom":null,"ConsoleSize":[40,120],"CapAdd":null,"CapDrop":null,
         "CgroupnsMode":"","Dns":[],"DnsOptions":[],"DnsSearch":[],"ExtraHosts":null,"GroupAdd":null,
         "IpcMode":"","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"","Privileged":false,
         "PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"","UsernsMode":"",
         "ShmSize":0,"Isolation":"","CpuShares":0,"Memory":67108864,"NanoCpus":0,"CgroupParent":"",
         "BlkioWeight":0,"BlkioWeightDevice":[],"BlkioDeviceReadBps":[],"BlkioDeviceWriteBps":[],
         "BlkioDeviceReadIOps":[],"BlkioDeviceWriteIOps":[],"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,
         "CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":[],"DeviceCgroupRules":null,
         "DeviceRequests":null,"MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":null,
         "OomKillDisable":null,"PidsLimit":null,"Ulimits":[{"Name":"nofile","Soft":100,"Hard":200}],
         "CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":null,
         "ReadonlyPaths":null},
       "NetworkingConfig":{"EndpointsConfig":{"net1":{"IPAMConfig":{"IPv4Address":"10.1.0.5"},
         "Aliases":["db"],"MacAddress":"02:42:ac:11:00:02"}}},
       "Unknown":"ignored as dockerd ignores it"}
      """;

  @Test
  void decodesWhatTheDockerCliSends() {
    CreateRequest r = ConfigCodec.decode(CLI_BODY.getBytes(StandardCharsets.UTF_8), CreateRequest.class);
    assertEquals(List.of("sh"), r.config().cmd());
    assertTrue(r.config().tty());
    assertEquals("busybox", r.config().image());
    assertEquals(67108864L, r.hostConfig().resources().memory());
    assertEquals(List.of(new Resources.Ulimit("nofile", 100, 200)), r.hostConfig().resources().ulimits());
    assertNull(r.hostConfig().resources().pidsLimit());
    assertInstanceOf(NetworkMode.Bridge.class, r.hostConfig().networkMode());
    assertEquals(List.of(40, 120), r.hostConfig().consoleSize());
    EndpointSettings e = r.networkingConfig().endpointsConfig().get("net1");
    assertEquals("10.1.0.5", e.ipamConfig().ipv4Address());
    assertEquals(List.of("db"), e.aliases());
    assertEquals("02:42:ac:11:00:02", e.macAddress());
    assertTrue(e.requestsSettings());
  }

  @Test
  void encodesInDockersShapeWithResourcesInline() {
    CreateRequest r = ConfigCodec.decode(CLI_BODY.getBytes(StandardCharsets.UTF_8), CreateRequest.class);
    Map<String, Object> hc = ConfigCodec.toMap(r.hostConfig());
    assertEquals(67108864, ((Number) hc.get("Memory")).intValue());
    assertEquals("default", hc.get("NetworkMode"));
    assertTrue(hc.containsKey("Binds") && hc.get("Binds") == null, "unset lists are null, as dockerd has them");
    assertFalse(hc.containsKey("Tmpfs"), "omitempty fields are left out");
    assertFalse(hc.containsKey("Resources"));
    assertTrue(hc.containsKey("UTSMode") && hc.containsKey("IOMaximumIOps") && hc.containsKey("ContainerIDFile"));
    List<String> keys = List.copyOf(hc.keySet());
    assertTrue(keys.indexOf("Isolation") < keys.indexOf("CpuShares") && keys.indexOf("CpuShares") < keys.indexOf(
        "MaskedPaths"), "Go's field order: Resources sit between Isolation and Mounts: " + keys);
    Map<String, Object> cfg = ConfigCodec.toMap(r.config());
    assertEquals(List.of("a", "b"), List.copyOf(((Map<?, ?>) cfg.get("Labels")).keySet()), "maps sorted as Go");
    assertFalse(cfg.containsKey("Healthcheck") || cfg.containsKey("StopSignal") || cfg.containsKey("Shell"));
  }

  @Test
  void roundTripsThroughStoredMaps() throws Exception {
    CreateRequest r = ConfigCodec.decode(CLI_BODY.getBytes(StandardCharsets.UTF_8), CreateRequest.class);
    Map<String, Object> stored = Json.object(Json.bytes(ConfigCodec.toMap(r.hostConfig())));
    assertEquals(r.hostConfig(), ConfigCodec.fromMap(stored, HostConfig.class));
    Map<String, Object> cfg = Json.object(Json.bytes(ConfigCodec.toMap(r.config())));
    assertEquals(r.config(), ConfigCodec.fromMap(cfg, ContainerConfig.class));
  }

  @Test
  void aStringIsAOneElementCommandAsDockersStrSlice() {
    CreateRequest r = ConfigCodec.decode("{\"Image\":\"x\",\"Cmd\":\"true\",\"Entrypoint\":\"/bin/sh\"}"
        .getBytes(StandardCharsets.UTF_8), CreateRequest.class);
    assertEquals(List.of("/bin/sh", "true"), r.config().command());
  }

  @Test
  void networkModes() {
    assertInstanceOf(NetworkMode.Host.class, NetworkMode.parse("host"));
    assertInstanceOf(NetworkMode.None.class, NetworkMode.parse("none"));
    assertEquals("abc", ((NetworkMode.Container) NetworkMode.parse("container:abc")).container());
    assertEquals("mynet", ((NetworkMode.Named) NetworkMode.parse("mynet")).network());
    assertTrue(NetworkMode.parse("").isBridge() && NetworkMode.parse("default").isBridge());
  }

  @Test
  void aWrongTypeIsA400InGoWords() {
    var e = assertThrows(BerthException.InvalidParameter.class, () -> ConfigCodec.decode(
        "{\"HostConfig\":{\"Memory\":\"lots\"}}".getBytes(StandardCharsets.UTF_8), CreateRequest.class));
    assertTrue(e.getMessage().startsWith("json: cannot unmarshal string into Go struct field"), e.getMessage());
    assertTrue(e.getMessage().contains("Memory"), e.getMessage());
  }

  @Test
  void updateBodyCarriesResourcesAndPolicy() {
    UpdateRequest u = ConfigCodec.decode("{\"Memory\":10485760,\"RestartPolicy\":{\"Name\":\"always\"}}"
        .getBytes(StandardCharsets.UTF_8), UpdateRequest.class);
    assertEquals(10485760L, u.resources().memory());
    assertEquals("always", u.restartPolicy().name());
  }
}
