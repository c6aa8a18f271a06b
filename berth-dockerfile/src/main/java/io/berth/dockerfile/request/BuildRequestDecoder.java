package io.berth.dockerfile.request;

import io.berth.common.BerthException;
import io.berth.common.ImageReference;
import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.args.Platform;
import io.berth.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes the query of {@code POST /build} as dockerd's newImageBuildOptions does, with its
 * error wording, then refuses what berth's builder does not do (BuildKit sessions,
 * squash, other platforms...) instead of carrying it silently. Errors are 400s.
 */
public final class BuildRequestDecoder {
  private final Map<String, List<String>> query;

  private BuildRequestDecoder(Map<String, List<String>> query) {
    this.query = query;
  }

  /**
   * @param query          the request's query parameters, values in order
   * @param registryConfig the X-Registry-Config header, or null
   * @param apiMinor       the minor version of the API the client speaks (1.x)
   * @param host           the platform berthd builds for
   */
  public static BuildRequest decode(Map<String, List<String>> query, String registryConfig, int apiMinor, Platform host) {
    return new BuildRequestDecoder(query).decode(registryConfig, apiMinor, host);
  }

  private BuildRequest decode(String registryConfig, int apiMinor, Platform host) {
    // dockerd's own checks first, in its order
    List<String> securityOpt = all("securityopt");
    if (!securityOpt.isEmpty()) {
      throw invalid("security options are not supported on linux");
    }
    Optional<Platform> platform = Optional.empty();
    if (apiMinor >= 32 && !value("platform").isEmpty()) {
      try {
        platform = Optional.of(Platform.parse(value("platform"), host));
      } catch (DockerfileException e) {
        throw invalid(e.getMessage());
      }
    }
    if (apiMinor >= 40 && !value("outputs").isEmpty()) {
      JsonValues.list(value("outputs"), "invalid outputs specified", true);
      throw invalid("outputs are a BuildKit feature; berth's builder writes images only (drop outputs)");
    }
    long shmSize = 0;
    if (!value("shmsize").isEmpty()) {
      shmSize = parseInt64(value("shmsize"));
    }
    String isolation = value("isolation");
    if (!isolation.isEmpty() && !isolation.equalsIgnoreCase("default")) {
      throw invalid("unsupported isolation: " + GoText.quote(isolation));
    }
    List<BuildRequest.Ulimit> ulimits = JsonValues.ulimits(value("ulimits"));
    Map<String, Optional<String>> buildArgs = JsonValues.stringMap(value("buildargs"), "error reading build args", true);
    Map<String, String> labels = new LinkedHashMap<>();
    JsonValues.stringMap(value("labels"), "error reading labels", false).forEach((k, v) -> labels.put(k, v.orElse("")));
    List<String> cacheFrom = JsonValues.list(value("cachefrom"), "error reading cache-from", false);
    String version = value("version");
    if (!version.isEmpty() && !version.equals("1")) {
      if (!version.equals("2")) {
        throw invalid("invalid version " + GoText.quote(version));
      }
      throw invalid("berth has no BuildKit builder (version=2); use the classic builder (version=1)");
    }
    if (boolValue("squash")) {
      throw invalid("squash is only supported with experimental mode");
    }
    refuseUnsupported(platform, host);
    boolean forceRemove = boolValue("forcerm");
    boolean remove = forceRemove || value("rm").isEmpty() || boolValue("rm");
    String dockerfile = value("dockerfile").isEmpty() ? BuildRequest.DEFAULT_DOCKERFILE : value("dockerfile");
    BuildRequest.Resources resources = new BuildRequest.Resources(int64("memory"), int64("memswap"), int64("cpushares"),
        value("cpusetcpus"), value("cpusetmems"), int64("cpuperiod"), int64("cpuquota"), value("cgroupparent"));
    if (shmSize < 0) {
      throw invalid("SHM size can not be less than 0");
    }
    for (String extraHost : all("extrahosts")) {
      validateExtraHost(extraHost);
    }
    return new BuildRequest(dockerfile, tags(all("t")), all("extrahosts"), boolValue("q"), boolValue("nocache"),
        cacheFrom, boolValue("pull"), remove, forceRemove, resources, buildArgs, shmSize, labels, value("networkmode"),
        platform, value("target"), ulimits, RegistryConfig.decode(registryConfig), value("remote"));
  }

  /** What dockerd accepts and berth does not do yet: refused in so many words. */
  private void refuseUnsupported(Optional<Platform> platform, Platform host) {
    String remote = value("remote");
    if (remote.equals("client-session")) {
      throw invalid("experimental session with v1 builder is no longer supported, use builder version v2 (BuildKit) instead");
    }
    if (!value("session").isEmpty()) {
      throw invalid("build sessions are a BuildKit feature; berth's classic builder does not take session="
          + value("session"));
    }
    if (!value("buildid").isEmpty()) {
      throw invalid("build IDs are a BuildKit feature; berth's classic builder does not take buildid=" + value("buildid"));
    }
    if (platform.isPresent()) {
      Platform p = platform.get();
      if (!p.os().equals(host.os()) || !p.architecture().equals(host.architecture()) || !p.variant().equals(host.variant())) {
        throw invalid("berth builds for " + host.format() + " only; platform " + p.format() + " is not supported");
      }
    }
  }

  private static List<ImageReference> tags(List<String> names) {
    // sanitizeRepoAndTags: normalized, digests refused, duplicates dropped
    Set<String> seen = new LinkedHashSet<>();
    List<ImageReference> out = new ArrayList<>();
    for (String name : names) {
      if (name.isEmpty()) {
        continue;
      }
      ImageReference ref = ImageReference.parse(name);
      if (ref.digest() != null && !ref.digest().isEmpty()) {
        throw invalid("build tag cannot contain a digest");
      }
      ref = ref.withDefaultTag();
      if (seen.add(ref.toString())) {
        out.add(ref);
      }
    }
    return out;
  }

  /**
   * moby's opts.ValidateExtraHost, which dockerd applies when a RUN container starts:
   * {@code name:ip} (split at the first ':', so IPv6 works) or {@code name:host-gateway}.
   */
  static void validateExtraHost(String value) {
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw invalid("bad format for add-host: " + GoText.quote(value));
    }
    String ip = value.substring(colon + 1);
    if (!ip.equals("host-gateway") && !isIpAddress(ip.strip())) {
      throw invalid("invalid IP address in add-host: " + GoText.quote(ip));
    }
  }

  /** net.ParseIP without a name lookup: only literals are tried. */
  private static boolean isIpAddress(String text) {
    if (text.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
      return true;
    }
    if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(text) != null; // an IPv6 literal: no lookup
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** r.FormValue: the first value, or "". */
  private String value(String key) {
    List<String> values = query.get(key);
    return values == null || values.isEmpty() ? "" : values.getFirst();
  }

  private List<String> all(String key) {
    List<String> values = query.get(key);
    return values == null ? List.of() : List.copyOf(values);
  }

  /** httputils.BoolValue. */
  private boolean boolValue(String key) {
    return switch (value(key).strip().toLowerCase(Locale.ROOT)) {
      case "", "0", "no", "false", "none" -> false;
      default -> true;
    };
  }

  /**
   * Int64ValueOrZero. dockerd turns a value that is not a number into 0 without a word; berth
   * refuses it with strconv's message rather than build with a limit the client did not ask for.
   */
  private long int64(String key) {
    String v = value(key);
    return v.isEmpty() ? 0 : parseInt64(v);
  }

  private static long parseInt64(String v) {
    if (!v.matches("[+-]?[0-9]+")) {
      throw invalid("strconv.ParseInt: parsing " + GoText.quote(v) + ": invalid syntax");
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw invalid("strconv.ParseInt: parsing " + GoText.quote(v) + ": value out of range");
    }
  }

  static BerthException.InvalidParameter invalid(String message) {
    return new BerthException.InvalidParameter(message);
  }
}
