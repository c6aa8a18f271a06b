package io.berth.cli;

import io.berth.client.DaemonException;
import io.berth.client.JsonParser;
import io.berth.common.BerthException;
import io.berth.common.JsonIndent;
import io.berth.template.Template;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code inspect}, {@code image inspect} and {@code container inspect}: the daemon's JSON for
 * each object, as an indented array or through {@code -f}. Without a type, a name is looked up
 * as a container first, then as an image (Docker's order); other names are "No such object".
 */
final class InspectCommand extends AbstractCommand {
  private final Flag format = flags.string("f", "format", "string", "Format output using a custom template: 'json' or 'TEMPLATE'");
  private final Flag type = flags.string(null, "type", "string", "Only inspect objects of the given type");
  private final Flag size = flags.bool("s", "size", "Display total file sizes if the type is container");
  private final Flag platform = flags.hiddenString("platform");
  private final Flag verbose = flags.hiddenBool("verbose");

  /** "image" or "container" for the management commands, null for plain {@code inspect}. */
  private final String only;

  InspectCommand(String only) {
    this.only = only;
  }

  private String inspect(CliContext ctx, String kind, String name) {
    if (kind == null) {
      try {
        return ctx.containers().inspectRaw(name, size.isTrue());
      } catch (BerthException.NotFound e) {
        try {
          return ctx.client().inspectImageRaw(name);
        } catch (BerthException.NotFound notImage) {
          try {
            return ctx.volumes().inspectRaw(name);
          } catch (BerthException.NotFound notVolume) {
            return NetworkCommands.client(ctx).inspectRaw(name, false);
          }
        }
      }
    }
    return switch (kind) {
      case "container" -> ctx.containers().inspectRaw(name, size.isTrue());
      case "image" -> ctx.client().inspectImageRaw(name);
      case "volume" -> ctx.volumes().inspectRaw(name);
      case "network" -> NetworkCommands.client(ctx).inspectRaw(name, verbose.isTrue());
      default -> throw new BerthException.NotFound("No such " + kind + ": " + name);
    };
  }

  @Override
  public int run(CliContext ctx) throws IOException {
    String path = only == null ? "inspect" : only + " inspect";
    Args.atLeast(flags.args(), 1, path);
    if (only == null && !type.string().isEmpty() && !List.of("config", "container", "image", "network", "node", "plugin",
        "secret", "service", "task", "volume").contains(type.string())) {
      throw new CliError("\"" + type.string() + "\" is not a valid value for --type", 1);
    }
    String kind = only != null ? only : type.string().isEmpty() ? null : type.string();
    return print(ctx, flags.args(), kind != null, format.string(), name -> inspect(ctx, kind, name));
  }

  /**
   * Docker's inspect output: the objects' JSON indented in one array, or each through the format; errors after
   * (a name not found by an untyped inspect is "No such object").
   */
  static int print(CliContext ctx, List<String> names, boolean typed, String format,
      java.util.function.Function<String, String> inspect) throws IOException {
    return print(ctx, names, typed, format, inspect, java.util.function.UnaryOperator.identity());
  }

  /**
   * As above; {@code asGoValue} turns a parsed object into what the template sees where Docker's typed value
   * differs from its JSON (a nil map prints "map[]", not "<nil>").
   */
  static int print(CliContext ctx, List<String> names, boolean typed, String format,
      java.util.function.Function<String, String> inspect, java.util.function.UnaryOperator<Object> asGoValue)
      throws IOException {
    boolean json = format.equals(OutputFormat.JSON);
    Template template = format.isEmpty() || json ? null : OutputFormat.parse(format);
    List<String> raws = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String name : names) {
      try {
        raws.add(inspect.apply(name));
      } catch (BerthException.NotFound e) {
        errors.add(typed ? "Error response from daemon: " + e.getMessage() : "Error: No such object: " + name);
      } catch (BerthException | DaemonException e) {
        errors.add("Error response from daemon: " + e.getMessage());
      }
    }
    if (template == null) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < raws.size(); i++) {
        sb.append(i == 0 ? "" : ",").append(raws.get(i).strip());
      }
      sb.append(']');
      String text = raws.isEmpty() ? "[]" : json ? JsonIndent.compact(sb.toString()) : JsonIndent.indent(sb.toString(), "", "    ");
      ctx.out().println(text);
    } else {
      for (String raw : raws) {
        ctx.out().println(OutputFormat.execute(template, asGoValue.apply(JsonParser.parse(raw))));
      }
    }
    if (!errors.isEmpty()) {
      throw new CliError(String.join("\n", errors), 1);
    }
    return 0;
  }
}
