package io.berth.dockerfile.args;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The build arguments in scope, as the classic builder keeps them (moby's BuildArgs), with
 * BuildKit's predefined platform arguments in the global scope:
 * <ul>
 * <li>meta args (ARGs before the first FROM) and the predefined ones are visible to FROM;
 * <li>inside a stage only ARGs declared there are visible; {@code ARG X} without a default takes
 *     the meta arg's (or predefined) value; a {@code --build-arg} overrides any default;
 * <li>the proxy variables (HTTP_PROXY ...) are allowed without ARG, kept out of history and
 *     cache keys unless the Dockerfile declares them.
 * </ul>
 * One instance per stage ({@link #forStage}); the referenced set is shared for the final warning.
 */
public final class BuildArgs {
  /** Predefined proxy args: usable without ARG, excluded from history (builtinAllowedBuildArgs). */
  public static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
      "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

  private final Map<String, Optional<String>> fromOptions;
  private final Map<String, String> predefined;
  private final Map<String, Optional<String>> allowedMeta;
  private final Map<String, Optional<String>> allowed;
  private final Set<String> referenced;

  private BuildArgs(Map<String, Optional<String>> fromOptions, Map<String, String> predefined,
      Map<String, Optional<String>> allowedMeta, Map<String, Optional<String>> allowed, Set<String> referenced) {
    this.fromOptions = fromOptions;
    this.predefined = predefined;
    this.allowedMeta = allowedMeta;
    this.allowed = allowed;
    this.referenced = referenced;
  }

  /**
   * The global scope of a build: the request's build args (an empty Optional for one given
   * without a value and not set in the client's environment) and the predefined args.
   */
  public static BuildArgs global(Map<String, Optional<String>> buildArgs, Map<String, String> predefined) {
    return new BuildArgs(Map.copyOf(buildArgs), Map.copyOf(predefined), new LinkedHashMap<>(), new LinkedHashMap<>(),
        new HashSet<>());
  }

  /**
   * BuildKit's automatic platform args for a build: BUILDPLATFORM/BUILDOS/BUILDOSVERSION/
   * BUILDARCH/BUILDVARIANT, the same for TARGET*, and TARGETSTAGE ("default" when the target is
   * the unnamed last stage). {@code --build-arg} values override them.
   */
  public static Map<String, String> platformArgs(Platform build, Platform target, String targetStage) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("BUILDPLATFORM", build.format());
    args.put("BUILDOS", build.os());
    args.put("BUILDOSVERSION", build.osVersion());
    args.put("BUILDARCH", build.architecture());
    args.put("BUILDVARIANT", build.variant());
    args.put("TARGETPLATFORM", target.formatAll());
    args.put("TARGETOS", target.os());
    args.put("TARGETOSVERSION", target.osVersion());
    args.put("TARGETARCH", target.architecture());
    args.put("TARGETVARIANT", target.variant());
    args.put("TARGETSTAGE", targetStage.isEmpty() ? "default" : targetStage);
    return Collections.unmodifiableMap(args);
  }

  /** True if the request gave this build arg a value. */
  public boolean hasOption(String key) {
    Optional<String> option = fromOptions.get(key);
    return option != null && option.isPresent();
  }

  /** A stage's scope: the meta args and referenced set carried over, nothing declared yet. */
  public BuildArgs forStage() {
    return new BuildArgs(fromOptions, predefined, new LinkedHashMap<>(allowedMeta), new LinkedHashMap<>(), referenced);
  }

  /** An ARG before the first FROM (its default already expanded): visible to FROM and to stages. */
  public void addMetaArg(String key, Optional<String> value) {
    allowed.put(key, value);
    referenced.add(key);
    allowedMeta.put(key, value);
  }

  /** An ARG inside a stage (its default already expanded). */
  public void addArg(String key, Optional<String> value) {
    allowed.put(key, value);
    referenced.add(key);
  }

  /**
   * The values visible to FROM's base name and --platform, and to the defaults of meta args:
   * meta args, predefined and proxy args.
   */
  public Map<String, String> metaValues() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : keys(allowedMeta)) {
      value(key, allowedMeta).ifPresent(v -> out.put(key, v));
    }
    return out;
  }

  /** The values visible inside the stage: declared args and the proxy args given. */
  public Map<String, String> allowedValues() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : keys(allowed)) {
      value(key, allowed).ifPresent(v -> out.put(key, v));
    }
    return out;
  }

  /** {@code KEY=value} for each allowed arg that no ENV of the stage overrides (FilterAllowed). */
  public List<String> filterAllowed(List<String> env) {
    Set<String> envKeys = new HashSet<>();
    for (String e : env) {
      int eq = e.indexOf('=');
      envKeys.add(eq < 0 ? e : e.substring(0, eq));
    }
    List<String> out = new ArrayList<>();
    allowedValues().forEach((k, v) -> {
      if (!envKeys.contains(k)) {
        out.add(k + "=" + v);
      }
    });
    return out;
  }

  /** False for a proxy arg the Dockerfile did not declare: kept out of history and the cache key. */
  public boolean isReferencedOrNotBuiltin(String key) {
    return allowed.containsKey(key) || !PROXY_ARGS.contains(key);
  }

  /** The classic builder's warning for build args nothing used, or empty. */
  public Optional<String> unusedWarning() {
    Set<String> leftover = new TreeSet<>();
    for (String key : fromOptions.keySet()) {
      if (!referenced.contains(key) && !PROXY_ARGS.contains(key)) {
        leftover.add(key);
      }
    }
    if (leftover.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("[Warning] One or more build-args [" + String.join(" ", leftover) + "] were not consumed");
  }

  private List<String> keys(Map<String, Optional<String>> source) {
    Set<String> keys = new java.util.LinkedHashSet<>(source.keySet());
    keys.addAll(new TreeSet<>(PROXY_ARGS));
    if (source == allowedMeta) {
      keys.addAll(predefined.keySet());
    }
    return List.copyOf(keys);
  }

  /** getBuildArg: a --build-arg wins; no default falls back to the meta arg, then the predefined. */
  private Optional<String> value(String key, Map<String, Optional<String>> mapping) {
    Optional<String> option = fromOptions.get(key);
    if (option != null && option.isPresent()) {
      return option;
    }
    Optional<String> def = mapping.get(key);
    if (def == null || def.isEmpty()) {
      Optional<String> meta = allowedMeta.get(key);
      if (meta != null && meta.isPresent()) {
        return meta;
      }
      if (mapping == allowedMeta || mapping.containsKey(key)) {
        return Optional.ofNullable(predefined.get(key));
      }
      return Optional.empty();
    }
    return def;
  }
}
