package io.berth.cli;

import io.berth.client.NetworkClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the {@code network} commands share: the client, and {@code key=value} options as Docker's MapOpts. */
final class NetworkCommands {
  private NetworkCommands() {}

  static NetworkClient client(CliContext ctx) {
    return new NetworkClient(ctx.client());
  }

  /** {@code -o a=b}, {@code --label a=b}, {@code --aux-address a=b}: a map (a label without '=' is empty). */
  static Map<String, String> keyValues(List<String> values, boolean valueRequired, String what) {
    for (String v : values) {
      if (v.indexOf('=') < 0 && valueRequired) {
        throw new IllegalArgumentException("invalid argument \"" + v + "\" for \"" + what + "\" flag: "
            + "bad format for " + what.replace("--", "") + ": " + v);
      }
    }
    return KeyValues.split(values, '=', new LinkedHashMap<>());
  }
}
