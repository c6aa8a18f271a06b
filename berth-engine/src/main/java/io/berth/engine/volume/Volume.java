package io.berth.engine.volume;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A volume of the local driver: its data lives in {@code mountpoint} ({@code <data-root>/volumes/<name>/_data}),
 * its labels and driver options are what it was created with. Options ({@code type}, {@code device}, {@code o})
 * make it a mount of something else there while containers use it.
 */
public record Volume(String name, String driver, Path mountpoint, Instant createdAt, Map<String, String> labels,
    Map<String, String> options) {
  /** The label dockerd puts on volumes it names itself; prune removes only these unless asked for all. */
  public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";
  public static final String LOCAL = "local";
  /** The label of a build's cache mount (its id): {@code system df} counts it with the build cache. */
  public static final String BUILD_CACHE_LABEL = "io.berth.build.cache-id";

  public Volume {
    labels = labels == null ? null : Collections.unmodifiableMap(new TreeMap<>(labels));
    options = options == null ? null : Collections.unmodifiableMap(new TreeMap<>(options));
  }

  public Map<String, String> labelMap() {
    return labels == null ? Map.of() : labels;
  }

  public Map<String, String> optionMap() {
    return options == null ? Map.of() : options;
  }

  public boolean buildCache() {
    return labelMap().containsKey(BUILD_CACHE_LABEL);
  }

  public boolean anonymous() {
    return labelMap().containsKey(ANONYMOUS_LABEL);
  }

  /** A volume with mount options is a mount of another filesystem, not data of its own (prune and df skip it). */
  public boolean mountsSomething() {
    return LocalOptions.needsMount(optionMap());
  }
}
