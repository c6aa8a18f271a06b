package io.berth.cli;

import io.berth.client.DaemonException;
import io.berth.common.BerthException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Docker CLI's per-container loop (stop, kill, rm, pause, ...): each name that succeeds is
 * printed on stdout, daemon errors are collected and reported together at the end (exit 1).
 */
final class EachContainer {
  /** One container operation; returns the line to print on success (usually the name). */
  @FunctionalInterface
  interface Operation {
    String apply(String container);
  }

  private EachContainer() {}

  static int run(CliContext ctx, List<String> containers, Operation operation) {
    return run(ctx, containers, operation, false);
  }

  /** @param forgiveNotFound print not-found errors on stderr without failing (rm -f) */
  static int run(CliContext ctx, List<String> containers, Operation operation, boolean forgiveNotFound) {
    List<String> errors = new ArrayList<>();
    for (String container : containers) {
      try {
        String line = operation.apply(container);
        if (line != null) {
          ctx.out().println(line);
        }
      } catch (BerthException.NotFound e) {
        if (forgiveNotFound) {
          ctx.out().flush();
          ctx.err().println("Error response from daemon: " + e.getMessage());
        } else {
          errors.add("Error response from daemon: " + e.getMessage());
        }
      } catch (BerthException | DaemonException e) {
        errors.add("Error response from daemon: " + e.getMessage());
      } catch (CliError e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new CliError(String.join("\n", errors), 1);
    }
    return 0;
  }
}
