package io.berth.daemon.api;

import io.berth.common.Digest;
import io.berth.common.GoTime;
import io.berth.common.Json;
import io.berth.engine.image.Image;
import io.berth.engine.image.ImageService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Engine image values in the Engine API's JSON shapes. */
final class ImageJson {
  private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private ImageJson() {}

  static Map<String, Object> summary(ImageService.Summary s, boolean legacy) {
    Image image = s.image();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Containers", s.containers());
    m.put("Created", image.created().getEpochSecond());
    m.put("Id", image.id().toString());
    m.put("Labels", image.labels().isEmpty() ? null : image.labels());
    m.put("ParentId", image.parent() == null ? "" : image.parent().toString());
    m.put("RepoDigests", s.repoDigests());
    m.put("RepoTags", s.repoTags());
    m.put("SharedSize", s.sharedSize());
    m.put("Size", s.size());
    if (legacy) {
      m.put("VirtualSize", s.size());
    }
    return m;
  }

  /**
   * {@code legacy}: VirtualSize (API before 1.44); {@code withContainerConfig}: Container and ContainerConfig
   * (before 1.45; docker-compose 1.29 reads ContainerConfig.Volumes when it recreates a container).
   */
  static Map<String, Object> inspect(ImageService.Details d, boolean legacy, boolean withContainerConfig) {
    Image image = d.image();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", image.id().toString());
    m.put("RepoTags", d.repoTags());
    m.put("RepoDigests", d.repoDigests());
    m.put("Parent", image.parent() == null ? "" : image.parent().toString());
    m.put("Comment", image.string("comment", ""));
    m.put("Created", image.string("created", GoTime.rfc3339Nano(ZERO_TIME)));
    if (withContainerConfig) {
      m.put("Container", image.string("container", ""));
      m.put("ContainerConfig", containerConfig(image.config().get("container_config")));
    }
    m.put("DockerVersion", image.string("docker_version", ""));
    m.put("Author", image.string("author", ""));
    m.put("Config", image.config().get("config"));
    m.put("Architecture", image.string("architecture", ""));
    if (image.config().get("variant") instanceof String v) {
      m.put("Variant", v);
    }
    m.put("Os", image.string("os", ""));
    if (image.config().get("os.version") instanceof String v) {
      m.put("OsVersion", v);
    }
    m.put("Size", d.size());
    if (legacy) {
      m.put("VirtualSize", d.size());
    }
    m.put("GraphDriver", Json.map("Data", d.driverData(), "Name", d.driver()));
    m.put("RootFS", Json.map("Type", "layers", "Layers", d.layers().stream().map(Digest::toString).toList()));
    Instant lastTag = image.lastTagTime() == null ? ZERO_TIME : image.lastTagTime();
    m.put("Metadata", Json.map("LastTagTime", GoTime.rfc3339Nano(lastTag)));
    return m;
  }

  /**
   * The image's container_config as dockerd decodes it into a container Config and encodes it again: every
   * field without omitempty present with its zero value, also for an image that has none.
   */
  static Map<String, Object> containerConfig(Object stored) {
    Map<?, ?> from = stored instanceof Map<?, ?> map ? map : Map.of();
    Map<String, Object> m = new LinkedHashMap<>();
    for (String field : CONFIG_FIELDS) {
      String name = field.replace("?", "");
      Object value = from.get(name);
      if (!field.endsWith("?")) {
        m.put(name, value != null ? value : ZERO_VALUES.get(name));
      } else if (!isEmpty(value)) {
        m.put(name, value);
      }
    }
    return m;
  }

  private static boolean isEmpty(Object v) {
    return v == null || Boolean.FALSE.equals(v) || "".equals(v) || (v instanceof Map<?, ?> map && map.isEmpty())
        || (v instanceof List<?> list && list.isEmpty()) || (v instanceof Number n && n.longValue() == 0);
  }

  /** container.Config's fields in order; "?" marks omitempty. */
  private static final List<String> CONFIG_FIELDS = List.of("Hostname", "Domainname", "User", "AttachStdin",
      "AttachStdout", "AttachStderr", "ExposedPorts?", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd",
      "Healthcheck?", "ArgsEscaped?", "Image", "Volumes", "WorkingDir", "Entrypoint", "NetworkDisabled?",
      "MacAddress?", "OnBuild?", "Labels", "StopSignal?", "StopTimeout?", "Shell?");
  private static final Map<String, Object> ZERO_VALUES = Map.ofEntries(Map.entry("Hostname", ""),
      Map.entry("Domainname", ""), Map.entry("User", ""), Map.entry("AttachStdin", false),
      Map.entry("AttachStdout", false), Map.entry("AttachStderr", false), Map.entry("Tty", false),
      Map.entry("OpenStdin", false), Map.entry("StdinOnce", false), Map.entry("Image", ""),
      Map.entry("WorkingDir", "")); // the others are null slices and maps

}
