package io.berth.cli;

import io.berth.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code load}: uploads an image tar from a file or stdin and prints the daemon's messages. */
final class LoadCommand extends AbstractCommand {
  private final Flag input = flags.string("i", "input", "string", "Read from tar archive file, instead of STDIN");
  private final Flag quiet = flags.bool("q", "quiet", "Suppress the load output");
  private final Flag platform = flags.string(null, "platform", "string",
      "Load only the given platform variant. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.none(flags.args(), "load");
    String onlyPlatform = PlatformFlag.encode(ctx, platform.string(), "1.48", "invalid platform: ");
    InputStream tar;
    if (input.string().isEmpty()) {
      if (Terminal.isTerminal(0)) {
        throw new CliError("requested load from stdin, but stdin is empty", 1);
      }
      tar = ctx.in();
    } else {
      try {
        tar = Files.newInputStream(Path.of(input.string()));
      } catch (NoSuchFileException e) {
        throw new CliError("open " + input.string() + ": no such file or directory", 1);
      }
    }
    boolean quietStream = quiet.isTrue() || !Terminal.isTerminal(1);
    try (tar; HttpResponse response = ctx.client().loadImages(tar, quietStream, onlyPlatform)) {
      String type = response.header("Content-Type");
      if (type != null && type.startsWith("application/json")) {
        JsonMessages.display(response.body(), ctx.out());
      } else {
        response.body().transferTo(ctx.out());
      }
    }
    return 0;
  }
}
