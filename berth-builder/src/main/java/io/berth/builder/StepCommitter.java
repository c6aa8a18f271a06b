package io.berth.builder;

import io.berth.common.Digest;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.image.Image;
import io.berth.engine.image.Images;
import io.berth.engine.layer.Layer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns build steps into images, through the cache: a step first probes for an image that the same step
 * made on the same parent ({@code ---> Using cache}); otherwise the step runs and its result is committed
 * as a child image of the stage's current image, and recorded in the cache. As in the classic builder, the
 * first miss of a stage sends every later step of the stage past the cache.
 */
final class StepCommitter {
  private final Images images;
  private final BuildCache cache;
  private final boolean noCache;
  private final CacheFrom cacheFrom;
  private final Supplier<Instant> clock;

  StepCommitter(Images images, BuildCache cache, boolean noCache, CacheFrom cacheFrom, Supplier<Instant> clock) {
    this.images = images;
    this.cache = cache;
    this.noCache = noCache;
    this.cacheFrom = cacheFrom;
    this.clock = clock;
  }

  /** {@code shell... "#(nop) " comment}: the command a metadata step records (withCmdComment). */
  static List<String> nopCommand(StageState s, String comment) {
    List<String> cmd = new ArrayList<>(s.shell());
    cmd.add("#(nop) ");
    cmd.add(comment);
    return cmd;
  }

  /** {@code shell... "#(nop) comment"}: the single-word form WORKDIR, COPY and ADD record. */
  static List<String> nopCommandString(StageState s, String comment) {
    List<String> cmd = new ArrayList<>(s.shell());
    cmd.add("#(nop) " + comment);
    return cmd;
  }

  /** A step that only changes the runtime config (ENV, LABEL, ...): probed, else committed with no layer. */
  void commitConfig(StageState s, String comment) throws IOException {
    ContainerConfig.Builder b = s.edit();
    b.cmd = nopCommand(s, comment);
    ContainerConfig withComment = b.build();
    if (probe(s, withComment, "")) {
      return;
    }
    commit(s, withComment, null, "");
  }

  /**
   * Looks the step up; on a hit says {@code ---> Using cache} and moves the stage onto the cached image.
   * {@code extra} is what decides the step's result beyond its config (RUN's mounts, downloaded content).
   */
  boolean probe(StageState s, ContainerConfig probeConfig, String extra) throws IOException {
    if (noCache || s.cacheBusted) {
      return false;
    }
    Optional<Image> hit = lookup(s, probeConfig, extra);
    if (hit.isEmpty()) {
      s.cacheBusted = true;
      return false;
    }
    s.out.stdout(" ---> Using cache\n");
    s.image = hit.get();
    return true;
  }

  private Optional<Image> lookup(StageState s, ContainerConfig probeConfig, String extra) throws IOException {
    String key = BuildCache.key(s.imageId(), keyConfig(probeConfig), extra);
    Optional<Image> local = cache.get(key)
        .flatMap(e -> images.store().get(Digest.parse(e.image())))
        .filter(img -> s.image == null ? img.parent() == null : s.image.id().equals(img.parent()));
    if (cacheFrom.isEmpty()) {
      local.ifPresent(img -> cache.touch(key));
      return local;
    }
    if (local.isPresent() && cacheFrom.isAncestorOfSource(local.get().id())) {
      cache.touch(key);
      return local;
    }
    return cacheFrom.lookup(s.image, probeConfig, clock);
  }

  /** The config as the cache compares it: what a container adds (image, host and domain name, MAC) left out. */
  static Map<String, Object> keyConfig(ContainerConfig config) {
    Map<String, Object> map = ConfigCodec.toMap(config);
    for (String field : List.of("Image", "Hostname", "Domainname", "MacAddress")) {
      map.remove(field);
    }
    return map;
  }

  /**
   * Makes the step's image: the stage's runtime config, history from {@code containerConfig}'s command, the
   * step's layer (null for none), recorded in the cache under the probe's key.
   */
  Image commit(StageState s, ContainerConfig containerConfig, Layer layer, String extra) throws IOException {
    ContainerConfig.Builder b = s.runConfig.toBuilder();
    b.image = s.imageId();
    ContainerConfig config = b.build();
    String createdBy = String.join(" ", containerConfig.cmd() == null ? List.of() : containerConfig.cmd());
    Instant now = clock.get();
    byte[] raw = ImageConfigs.child(s.image, config, createdBy, layer == null ? null : layer.diffId(),
        s.maintainer, now);
    Image parent = s.image;
    Image made = images.createImage(raw, parent == null ? null : parent.id(), null);
    String key = BuildCache.key(s.imageId(), keyConfig(containerConfig), extra);
    Instant at = Instant.now();
    cache.put(new BuildCache.Entry(key, made.id().toString(), s.imageId(), BuildCache.REGULAR, createdBy,
        layer == null ? 0 : layer.size(), at, at, 0));
    s.image = made;
    return made;
  }
}
