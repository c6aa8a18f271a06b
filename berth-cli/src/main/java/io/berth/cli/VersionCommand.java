package io.berth.cli;

import io.berth.client.DaemonException;
import io.berth.client.DaemonUnreachableException;
import io.berth.common.BerthException;
import io.berth.template.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code version}: client and server versions, like {@code docker version}. */
final class VersionCommand extends AbstractCommand {
  private final Flag format = flags.string("f", "format", "string", "Format output using a custom template: 'json' or 'TEMPLATE'");

  @Override
  public int run(CliContext ctx) {
    Args.none(flags.args(), "version");
    Template template = null;
    if (!format.string().isEmpty()) {
      try {
        template = OutputFormat.parse(format.string().equals(OutputFormat.JSON) ? "{{json .}}" : format.string());
      } catch (CliError e) {
        throw new CliError(e.getMessage(), 64);
      }
    }
    String apiVersion = ctx.client().apiVersion();
    Map<String, Object> client = VersionView.client(apiVersion, ctx.contextName());
    Map<String, Object> server = null;
    RuntimeException failure = null;
    try {
      server = VersionView.server(ctx.client().version());
    } catch (DaemonUnreachableException | BerthException | DaemonException e) {
      failure = e;
    }
    if (template == null) {
      ctx.out().print(VersionView.render(client, server));
    } else {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("Client", client);
      data.put("Server", server);
      ctx.out().println(OutputFormat.execute(template, data));
    }
    if (failure != null) {
      throw failure;
    }
    return 0;
  }
}
