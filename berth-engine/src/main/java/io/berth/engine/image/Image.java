package io.berth.engine.image;

import io.berth.common.Digest;
import io.berth.common.GoTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An image: its config exactly as stored (the ID is the sha256 of these bytes), the config
 * parsed, and what berth records beside it (parent for images built here, last tag time).
 */
public record Image(Digest id, byte[] rawConfig, Map<String, Object> config, Digest parent, Instant lastTagTime) {

  @SuppressWarnings("unchecked")
  public List<Digest> diffIds() {
    Object rootfs = config.get("rootfs");
    List<Digest> ids = new ArrayList<>();
    if (rootfs instanceof Map<?, ?> m && m.get("diff_ids") instanceof List<?> list) {
      for (Object o : list) {
        ids.add(Digest.parse((String) o));
      }
    }
    return ids;
  }

  public Instant created() {
    Object created = config.get("created");
    if (created instanceof String s && !s.isEmpty()) {
      try {
        return GoTime.parse(s);
      } catch (RuntimeException e) {
        return Instant.EPOCH;
      }
    }
    return Instant.EPOCH;
  }

  /** The runtime config ({@code config} in the image JSON); empty when absent. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> containerConfig() {
    return config.get("config") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> labels() {
    return containerConfig().get("Labels") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
  }

  /** The runtime config, typed as a container's Config; empty when absent. */
  public io.berth.engine.container.config.ContainerConfig runConfig() {
    io.berth.engine.container.config.ContainerConfig c = io.berth.engine.container.config.ConfigCodec.fromMap(
        containerConfig(), io.berth.engine.container.config.ContainerConfig.class);
    return c == null ? io.berth.engine.container.config.ContainerConfig.empty() : c;
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> history() {
    return config.get("history") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  /** The platform the config states ({@code os}, {@code architecture}, {@code variant}), as written. */
  public io.berth.registry.Platform platform() {
    return new io.berth.registry.Platform(string("os", ""), string("architecture", ""), string("variant", ""));
  }

  public String string(String key, String fallback) {
    return config.get(key) instanceof String s ? s : fallback;
  }
}
