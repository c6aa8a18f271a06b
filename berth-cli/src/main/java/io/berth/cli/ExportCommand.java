package io.berth.cli;

import io.berth.client.HttpResponse;
import io.berth.client.RequestBody;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code export}: Export a container's filesystem as a tar archive. */
final class ExportCommand extends AbstractCommand {
  private final Flag output = flags.string("o", "output", "string", "Write to a file, instead of STDOUT");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.exactly(flags.args(), 1, "export");
    if (output.string().isEmpty() && Terminal.isTerminal(1)) {
      throw new CliError("cowardly refusing to save to a terminal. Use the -o flag or redirect", 1);
    }
    try (HttpResponse response = ctx.client().call("GET", "/containers/" + flags.args().getFirst() + "/export",
        null, RequestBody.NONE)) {
      if (output.string().isEmpty()) {
        response.body().transferTo(ctx.out());
        ctx.out().flush();
      } else {
        try (OutputStream file = Files.newOutputStream(Path.of(output.string()))) {
          response.body().transferTo(file);
        }
      }
    }
    return 0;
  }
}
