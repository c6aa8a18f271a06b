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
  /** "image", "container" or "network" for the management commands, null for plain {@code inspect}. */
  private final String only;
  // each form has the Docker CLI's flags for it, no others
  private final Flag type;
  private final Flag size;
  private final Flag platform;
  private final Flag verbose;

  InspectCommand(String only) {
    this.only = only;
    type = only == null ? flags.string(null, "type", "string", "Only inspect objects of the given type") : null;
    size = only == null ? flags.bool("s", "size", "Display total file sizes if the type is container")
        : only.equals("container") ? flags.bool("s", "size", "Display total file sizes") : null;
    platform = "image".equals(only) ? flags.string(null, "platform", "string", "Inspect a specific platform of the"
        + " multi-platform image.\nIf the image or the server is not multi-platform capable, the command will error"
        + " out if the platform does not match.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)") : null;
    verbose = "network".equals(only) ? flags.bool("v", "verbose", "Verbose output for diagnostics") : null;
  }

  private static boolean isSet(Flag flag) {
    return flag != null && flag.isTrue();
  }

  /** One object's JSON; {@code imagePlatform}: image inspect's --platform as sent (null: none). */
  private String inspect(CliContext ctx, String kind, String name, String imagePlatform) {
    if (kind == null) {
      try {
        return ctx.containers().inspectRaw(name, isSet(size));
      } catch (BerthException.NotFound e) {
        try {
          return ctx.client().inspectImageRaw(name, null);
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
      case "container" -> ctx.containers().inspectRaw(name, isSet(size));
      case "image" -> ctx.client().inspectImageRaw(name, imagePlatform);
      case "volume" -> ctx.volumes().inspectRaw(name);
      case "network" -> NetworkCommands.client(ctx).inspectRaw(name, isSet(verbose));
      default -> throw new BerthException.NotFound("No such " + kind + ": " + name);
    };
  }

  @Override
  public int run(CliContext ctx) throws IOException {
    String path = only == null ? "inspect" : only + " inspect";
    Args.atLeast(flags.args(), 1, path);
    String imagePlatform = platform == null ? null : PlatformFlag.encode(ctx, platform.string(), "1.49", "");
    if (only == null && !type.string().isEmpty() && !List.of("config", "container", "image", "network", "node", "plugin",
        "secret", "service", "task", "volume").contains(type.string())) {
      throw new CliError("\"" + type.string() + "\" is not a valid value for --type", 1);
    }
    String kind = only != null ? only : type.string().isEmpty() ? null : type.string();
    return print(ctx, flags.args(), kind != null, format.string(), name -> inspect(ctx, kind, name, imagePlatform));
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
