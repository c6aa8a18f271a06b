package io.berth.cli;

import io.berth.client.BerthClient.Query;
import io.berth.client.HttpResponse;
import io.berth.client.StreamFrameReader;
import io.berth.common.BerthException;
import io.berth.common.TimeFilter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/** {@code logs}: the container's log, raw when it has a TTY, demultiplexed otherwise. */
final class LogsCommand extends AbstractCommand {
  private final Flag details = flags.bool(null, "details", "Show extra details provided to logs");
  private final Flag follow = flags.bool("f", "follow", "Follow log output");
  private final Flag since = flags.string(null, "since", "string",
      "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");
  private final Flag tail = flags.stringDefault("n", "tail", "string", "Number of lines to show from the end of the logs", "all");
  private final Flag timestamps = flags.bool("t", "timestamps", "Show timestamps");
  private final Flag until = flags.string(null, "until", "string",
      "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");

  @Override
  @SuppressWarnings("unchecked")
  public int run(CliContext ctx) throws IOException {
    Args.exactly(flags.args(), 1, "logs");
    Map<String, Object> info = ctx.containers().inspect(flags.args().getFirst(), false);
    String id = (String) info.get("Id");
    boolean tty = info.get("Config") instanceof Map<?, ?> config && Boolean.TRUE.equals(config.get("Tty"));
    Instant now = Instant.now();
    Query query = new Query();
    if (details.isTrue()) {
      query.add("details", "1");
    }
    if (follow.isTrue()) {
      query.add("follow", "1");
    }
    if (!since.string().isEmpty()) {
      query.add("since", timestamp("since", since.string(), now));
    }
    query.add("stderr", "1").add("stdout", "1");
    if (!tail.string().isEmpty()) {
      query.add("tail", tail.string());
    }
    if (timestamps.isTrue()) {
      query.add("timestamps", "1");
    }
    if (!until.string().isEmpty()) {
      query.add("until", timestamp("until", until.string(), now));
    }
    try (HttpResponse response = ctx.containers().logs(id, query)) {
      InputStream body = response.body();
      if (tty) {
        byte[] buf = new byte[32 * 1024];
        int n;
        while ((n = body.read(buf)) > 0) {
          ctx.out().write(buf, 0, n);
          ctx.out().flush();
        }
      } else {
        new StreamFrameReader(body).demux(ctx.out(), ctx.err());
      }
    }
    return 0;
  }

  /** The client converts times (moby's GetTimestamp), wrapping failures as its ContainerLogs does. */
  private static String timestamp(String field, String value, Instant now) {
    try {
      return TimeFilter.timestamp(value, now, ZoneId.systemDefault());
    } catch (BerthException e) {
      throw new CliError("invalid value for \"" + field + "\": " + e.getMessage(), 1);
    }
  }
}
