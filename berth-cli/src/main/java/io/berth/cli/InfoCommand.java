package io.berth.cli;

import io.berth.client.DaemonException;
import io.berth.client.DaemonUnreachableException;
import io.berth.common.BerthException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code info}: Docker's Client and Server sections, or {@code --format} over the same data. */
final class InfoCommand extends AbstractCommand {
  private final Flag format = flags.string("f", "format", "string", "Format output using a custom template: 'json' or 'TEMPLATE'");

  @Override
  public int run(CliContext ctx) {
    Args.none(flags.args(), "info");
    boolean debug = ctx.globals().debug();
    Map<String, Object> info = null;
    String serverError = null;
    try {
      info = ctx.client().info();
    } catch (DaemonUnreachableException e) {
      serverError = e.getMessage();
    } catch (BerthException | DaemonException e) {
      serverError = "Error response from daemon: " + e.getMessage();
    }
    if (format.string().isEmpty()) {
      InfoView view = new InfoView(ctx.out(), ctx.err());
      view.client(ctx.contextName(), debug);
      if (info != null) {
        view.server(info, debug);
        return 0;
      }
      ctx.out().flush();
      ctx.err().println("ERROR: " + serverError);
      throw new CliError("errors pretty printing info", 1);
    }
    Map<String, Object> data = new LinkedHashMap<>(info == null ? Map.of() : info);
    Map<String, Object> client = VersionView.client(ctx.client().apiVersion(), ctx.contextName());
    client.put("Debug", debug);
    client.put("Plugins", List.of());
    client.put("Warnings", null);
    data.put("ClientInfo", client);
    if (serverError != null) {
      data.put("ServerErrors", List.of(serverError));
      ctx.err().println(serverError);
    }
    String text = format.string().equals(OutputFormat.JSON) ? "{{json .}}" : format.string();
    ctx.out().println(OutputFormat.execute(OutputFormat.parse(text), data));
    return 0;
  }
}
