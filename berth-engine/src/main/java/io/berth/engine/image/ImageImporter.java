package io.berth.engine.image;

import io.berth.archive.Compression;
import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.GoTime;
import io.berth.common.ImageReference;
import io.berth.common.Json;
import io.berth.engine.Version;
import io.berth.engine.layer.Layer;
import io.berth.engine.layer.Lease;
import io.berth.registry.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code docker import}: one filesystem tar becomes a single-layer image. */
public final class ImageImporter {
  private final Images images;

  public ImageImporter(Images images) {
    this.images = images;
  }

  /**
   * Imports a (possibly compressed) rootfs tar. {@code repo}/{@code tag} may be null; changes
   * are Dockerfile instructions; {@code source} names the origin for the default comment;
   * {@code platform} (null: the host's) is the one the image's config states.
   */
  public Image importTar(InputStream tar, String repo, String tag, String message, List<String> changes,
      String source, Platform platform) throws IOException {
    Platform stated = platform == null ? new Platform(HostPlatform.os(), HostPlatform.architecture(), "") : platform;
    if (!stated.os().equalsIgnoreCase(HostPlatform.os())) {
      throw new BerthException.InvalidParameter("operating system is not supported"); // dockerd's CheckOS
    }
    ImageReference target = repo == null || repo.isEmpty() ? null : ImageService.parseTarget(repo, tag);
    Map<String, Object> runConfig = ConfigChanges.emptyConfig();
    ConfigChanges.apply(runConfig, changes);
    String comment = message == null || message.isEmpty() ? "Imported from " + source : message;
    try (Lease lease = images.layers.lease()) {
      Layer layer;
      try {
        layer = images.layers.register(Compression.decompress(tar), null, null, lease);
      } catch (IOException e) {
        throw ImageArchive.unreadable(e); // not a tar, or cut short
      }
      String created = GoTime.rfc3339Nano(Instant.now());
      Map<String, Object> config = new TreeMap<>(); // Docker writes image configs with sorted keys
      config.put("architecture", stated.architecture());
      config.put("comment", comment);
      config.put("config", runConfig);
      config.put("created", created);
      config.put("docker_version", Version.VERSION);
      config.put("history", List.of(Json.map("created", created, "comment", comment)));
      config.put("os", stated.os());
      config.put("rootfs", Json.map("type", "layers", "diff_ids", List.of(layer.diffId().toString())));
      if (!stated.variant().isEmpty()) {
        config.put("variant", stated.variant());
      }
      Image image = images.createImage(Json.bytes(config), null, target);
      images.event("import", image.id(), image.id().toString());
      return image;
    }
  }

}
