package io.berth.cli;

import io.berth.client.ContainerClient;
import io.berth.client.DaemonException;
import io.berth.client.Filters;
import io.berth.client.HttpResponse;
import io.berth.client.JsonLines;
import io.berth.common.BerthException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code stats}: resource usage of containers, once ({@code --no-stream}) or redrawn every half
 * second. Without names it follows all running containers (or all, with {@code -a}) through the
 * event stream, as the Docker CLI does.
 */
final class StatsCommand extends AbstractCommand {
  private final Flag all = flags.bool("a", "all", "Show all containers (default shows just running)");
  private final Flag format = flags.string(null, "format", "string",
      "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or 'TEMPLATE'");
  private final Flag noStream = flags.bool(null, "no-stream", "Disable streaming stats and only pull the first result");
  private final Flag noTrunc = flags.bool(null, "no-trunc", "Do not truncate output");

  /** Collects one container's stats on its own thread. */
  static final class Collector {
    final String container;
    private final CountDownLatch first = new CountDownLatch(1);
    private volatile StatsEntry entry;
    private volatile String error;
    private volatile long updated;

    Collector(String container) {
      this.container = container;
      this.entry = StatsEntry.invalid(container, "", container);
    }

    void start(ContainerClient containers, boolean stream) {
      Thread.ofPlatform().daemon().name("berth-stats").start(() -> {
        try (HttpResponse response = containers.stats(container, stream);
            JsonLines lines = new JsonLines(response.body())) {
          Map<String, Object> stats;
          while ((stats = lines.next()) != null) {
            entry = StatsEntry.of(container, stats);
            error = null;
            updated = System.nanoTime();
            first.countDown();
            if (!stream) {
              break;
            }
          }
        } catch (BerthException | DaemonException e) {
          error = "Error response from daemon: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
          error = e.getMessage();
        } finally {
          first.countDown();
        }
      });
    }

    /** Waits for the first figures, at most two seconds (Docker's timeout). */
    void awaitFirst() throws InterruptedException {
      if (!first.await(2, TimeUnit.SECONDS)) {
        error = "timeout waiting for stats";
      }
    }

    /** The current figures; "--" everywhere when they failed or are older than two seconds. */
    StatsEntry current(boolean stream) {
      StatsEntry e = entry;
      boolean stale = stream && updated != 0 && System.nanoTime() - updated > TimeUnit.SECONDS.toNanos(2);
      if (error != null || stale || updated == 0 && e.invalid()) {
        return StatsEntry.invalid(container, e.name(), e.id());
      }
      return e;
    }

    String error() {
      return error;
    }
  }

  @Override
  public int run(CliContext ctx) throws Exception {
    ContainerClient containers = ctx.containers();
    boolean stream = !noStream.isTrue();
    boolean showAll = flags.args().isEmpty();
    List<Collector> collectors = new CopyOnWriteArrayList<>();
    if (showAll) {
      if (stream) {
        followEvents(ctx, containers, collectors);
      }
      for (Object c : containers.list(all.isTrue(), 0, false, null)) {
        String id = String.valueOf(((Map<?, ?>) c).get("Id"));
        add(collectors, id.substring(0, Math.min(12, id.length())), containers, stream);
      }
      for (Collector c : collectors) {
        c.awaitFirst();
      }
    } else {
      for (String name : flags.args()) {
        add(collectors, name, containers, stream);
      }
      List<String> errors = new ArrayList<>();
      for (Collector c : collectors) {
        c.awaitFirst();
        if (c.error() != null) {
          errors.add(c.error());
        }
      }
      if (!errors.isEmpty()) {
        throw new CliError(String.join("\n", errors), 1);
      }
    }
    String source = format.string().isEmpty() ? OutputFormat.TABLE : format.string();
    OutputFormat output = new OutputFormat(source.equals(OutputFormat.TABLE) ? StatsEntry.DEFAULT_TABLE : source);
    while (true) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Collector c : collectors) {
        rows.add(c.current(stream).row(!noTrunc.isTrue()));
      }
      String table = output.render(rows, StatsEntry.HEADER);
      ctx.out().print(stream ? redraw(table) : table);
      ctx.out().flush();
      if (!stream || (collectors.isEmpty() && !showAll)) {
        return 0;
      }
      Thread.sleep(500);
    }
  }

  /**
   * The Docker CLI 28.2's streaming frame, byte for byte: cursor home and the table, then the
   * same text again line by line with erase-to-end-of-line, then erase below.
   */
  static String redraw(String table) {
    String first = "\033[H" + table;
    StringBuilder sb = new StringBuilder(first);
    for (String line : first.split("\n", -1)) {
      sb.append(line).append(" \033[K\n");
    }
    return sb.append("\033[J").toString();
  }

  private static void add(List<Collector> collectors, String container, ContainerClient containers, boolean stream) {
    for (Collector c : collectors) {
      if (c.container.equals(container)) {
        return;
      }
    }
    Collector collector = new Collector(container);
    collectors.add(collector);
    collector.start(containers, stream);
  }

  /** Keeps the list current: started (or, with -a, created) containers join, dead ones leave. */
  private void followEvents(CliContext ctx, ContainerClient containers, List<Collector> collectors) {
    Filters filters = new Filters().add("type", "container");
    HttpResponse events = ctx.client().events(null, null, filters);
    Thread.ofPlatform().daemon().name("berth-stats-events").start(() -> {
      try (events; JsonLines lines = new JsonLines(events.body())) {
        Map<String, Object> event;
        while ((event = lines.next()) != null) {
          String action = String.valueOf(event.get("Action"));
          String id = event.get("Actor") instanceof Map<?, ?> actor ? String.valueOf(actor.get("ID")) : "";
          if (id.length() < 12) {
            continue;
          }
          String shortId = id.substring(0, 12);
          if (action.equals("start") || action.equals("create") && all.isTrue()) {
            add(collectors, shortId, containers, true);
          } else if (action.equals("die") && !all.isTrue()) {
            collectors.removeIf(c -> c.container.equals(shortId));
          }
        }
      } catch (IOException | RuntimeException e) {
        // The event stream ended: the list stays as it is.
      }
    });
  }
}
