package io.berth.cli;

import io.berth.client.Filters;
import io.berth.client.HttpResponse;
import io.berth.client.JsonLines;
import io.berth.client.JsonWriter;
import io.berth.template.Template;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code events}: streams the daemon's events, one line each, flushed as they come. */
final class EventsCommand extends AbstractCommand {
  private final Flag filter = flags.list("f", "filter", "filter", "Filter output based on conditions provided");
  private final Flag format = flags.string(null, "format", "string", "Format output using a custom template: 'json' or 'TEMPLATE'");
  private final Flag since = flags.string(null, "since", "string", "Show all events created since timestamp");
  private final Flag until = flags.string(null, "until", "string", "Stream events until this timestamp");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.none(flags.args(), "events");
    Filters filters = FilterFlags.parse(filter.list(), "events");
    Template template = format.string().isEmpty() || format.string().equals(OutputFormat.JSON) ? null : OutputFormat.parse(format.string());
    Instant now = Instant.now();
    ZoneId zone = ZoneId.systemDefault();
    String sinceArg = blank(since.string()) ? null : timestamp(since.string(), now, zone);
    String untilArg = blank(until.string()) ? null : timestamp(until.string(), now, zone);
    PrintStream out = ctx.out();
    try (HttpResponse response = ctx.client().events(sinceArg, untilArg, filters);
        JsonLines lines = new JsonLines(response.body())) {
      Map<String, Object> event;
      while ((event = lines.next()) != null) {
        if (format.string().equals(OutputFormat.JSON)) {
          out.println(JsonWriter.write(event));
        } else if (template != null) {
          out.println(OutputFormat.execute(template, event));
        } else {
          out.print(line(event, zone));
        }
        out.flush();
      }
    }
    return 0;
  }

  /** Docker's prettyPrintEvent. */
  static String line(Map<String, Object> event, ZoneId zone) {
    StringBuilder sb = new StringBuilder();
    long timeNano = ImageRows.number(event.get("timeNano"));
    long time = ImageRows.number(event.get("time"));
    if (timeNano != 0) {
      sb.append(GoTime.rfc3339NanoFixed(timeNano, zone)).append(' ');
    } else if (time != 0) {
      sb.append(GoTime.rfc3339NanoFixed(time * 1_000_000_000L, zone)).append(' ');
    }
    Map<?, ?> actor = event.get("Actor") instanceof Map<?, ?> a ? a : Map.of();
    sb.append(str(event.get("Type"))).append(' ').append(str(event.get("Action"))).append(' ')
        .append(str(actor.get("ID")));
    if (actor.get("Attributes") instanceof Map<?, ?> attributes && !attributes.isEmpty()) {
      List<String> parts = new ArrayList<>();
      new TreeMap<>(attributes).forEach((k, v) -> parts.add(k + "=" + v));
      sb.append(" (").append(String.join(", ", parts)).append(')');
    }
    return sb.append('\n').toString();
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  /** Docker converts times on the client's clock and zone, so dockerd gets Unix timestamps. */
  private static String timestamp(String value, java.time.Instant now, java.time.ZoneId zone) {
    try {
      return io.berth.common.TimeFilter.timestamp(value, now, zone);
    } catch (io.berth.common.BerthException e) {
      throw new CliError(e.getMessage(), 1);
    }
  }
}
