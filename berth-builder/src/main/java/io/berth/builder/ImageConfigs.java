package io.berth.builder;

import io.berth.common.Digest;
import io.berth.common.GoTime;
import io.berth.common.Json;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.image.Image;
import io.berth.engine.image.HostPlatform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The config of the image a build step makes, as moby's image.NewChildImage writes it: the parent's
 * platform, rootfs and history, plus the step's runtime config, one history entry ({@code created_by} the
 * step's command, {@code empty_layer} when it added no layer) and the new layer's diff ID. No container
 * ID or container config is recorded, so the same step on the same parent at the same time gives the same
 * image ID.
 */
final class ImageConfigs {
  private ImageConfigs() {}

  /**
   * @param parent    the image the step starts from, null for {@code FROM scratch}
   * @param diffId    the layer the step added, null for none
   * @param createdBy the step's command as history shows it
   */
  static byte[] child(Image parent, ContainerConfig config, String createdBy, Digest diffId, String author,
      Instant created) {
    Map<String, Object> out = new TreeMap<>(); // Go marshals the image through a map: sorted keys
    Map<String, Object> base = parent == null ? Map.of() : parent.config();
    out.put("architecture", base.get("architecture") instanceof String a && !a.isEmpty() ? a
        : HostPlatform.architecture());
    if (!author.isEmpty()) {
      out.put("author", author);
    }
    out.put("config", ConfigCodec.toMap(config));
    String time = GoTime.rfc3339Nano(created);
    out.put("created", time);
    List<Object> history = new ArrayList<>(parent == null ? List.of() : parent.history());
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("created", time);
    if (!author.isEmpty()) {
      entry.put("author", author);
    }
    if (!createdBy.isEmpty()) {
      entry.put("created_by", createdBy);
    }
    if (diffId == null) {
      entry.put("empty_layer", true);
    }
    history.add(entry);
    out.put("history", history);
    out.put("os", base.get("os") instanceof String os && !os.isEmpty() ? os : HostPlatform.os());
    out.put("rootfs", rootfs(parent, diffId));
    for (String key : List.of("variant", "os.version", "os.features")) {
      if (base.get(key) != null) {
        out.put(key, base.get(key));
      }
    }
    return Json.bytes(out);
  }

  /** An image restored from a {@code --cache-from} source's history entry (moby's restoreCachedImage). */
  static byte[] restored(Image parent, Image source, ContainerConfig config, Map<String, Object> entry,
      Digest diffId, String author, Instant created) {
    Map<String, Object> out = new TreeMap<>();
    out.put("architecture", source.string("architecture", HostPlatform.architecture()));
    if (!author.isEmpty()) {
      out.put("author", author);
    }
    out.put("config", ConfigCodec.toMap(config));
    out.put("created", GoTime.rfc3339Nano(created));
    List<Object> history = new ArrayList<>(parent == null ? List.of() : parent.history());
    history.add(entry);
    out.put("history", history);
    out.put("os", source.string("os", HostPlatform.os()));
    out.put("rootfs", rootfs(parent, diffId));
    return Json.bytes(out);
  }

  /** The parent's layers and, when the step made one, the new layer on top. */
  private static Map<String, Object> rootfs(Image parent, Digest diffId) {
    List<String> diffIds = new ArrayList<>(parent == null ? List.of()
        : parent.diffIds().stream().map(Digest::toString).toList());
    if (diffId != null) {
      diffIds.add(diffId.toString());
    }
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("type", "layers");
    if (!diffIds.isEmpty()) {
      rootfs.put("diff_ids", diffIds);
    }
    return rootfs;
  }
}
