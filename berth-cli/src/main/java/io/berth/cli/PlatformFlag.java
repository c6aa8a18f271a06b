package io.berth.cli;

import io.berth.client.ApiVersion;
import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.args.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --platform} of the image commands (history, inspect, save, load, rmi, push) as the Docker CLI sends it:
 * parsed by containerd's rules, refused below the API version that knows it (the Go client's NewVersionError),
 * and sent as the OCI platform's JSON.
 */
final class PlatformFlag {
  private PlatformFlag() {}

  /**
   * The query value for {@code specifier}, null when it is empty; a bad one fails with containerd's words after
   * {@code errorPrefix} (each command wraps them its own way), an API version before {@code sinceApi} as Go's client.
   */
  static String encode(CliContext ctx, String specifier, String sinceApi, String errorPrefix) {
    if (specifier.isEmpty()) {
      return null;
    }
    String json = json(specifier, errorPrefix);
    requireApi(ctx, sinceApi);
    return json;
  }

  /** Go's client's NewVersionError for the platform option. */
  static void requireApi(CliContext ctx, String since) {
    String version = ctx.client().apiVersion();
    if (ApiVersion.compare(version, since) < 0) {
      throw new CliError("\"platform\" requires API version " + since + ", but the Docker daemon API version is "
          + version, 1);
    }
  }

  /** As {@link #encode} for a list flag, without a version check (Go's client makes none for rmi). */
  static List<String> encodeAll(List<String> specifiers) {
    List<String> out = new ArrayList<>();
    for (String s : specifiers) {
      out.add(json(s, ""));
    }
    return out;
  }

  /** Go's json.Marshal of an ocispec.Platform: its fields in declaration order, empty ones left out. */
  static String json(String specifier, String errorPrefix) {
    Platform p;
    try {
      p = Platform.parse(specifier, Platform.host());
    } catch (DockerfileException e) {
      throw new CliError(errorPrefix + e.getMessage(), 1);
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("architecture", p.architecture());
    out.put("os", p.os());
    if (!p.osVersion().isEmpty()) {
      out.put("os.version", p.osVersion());
    }
    if (!p.variant().isEmpty()) {
      out.put("variant", p.variant());
    }
    return io.berth.client.JsonWriter.write(out);
  }
}
