package io.berth.cli;

import io.berth.client.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** {@code save}: the images' tar to a file (written atomically) or to a non-terminal stdout. */
final class SaveCommand extends AbstractCommand {
  private final Flag output = flags.string("o", "output", "string", "Write to a file, instead of STDOUT");
  private final Flag platform = flags.string(null, "platform", "string",
      "Save only the given platform variant. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.atLeast(flags.args(), 1, "save");
    String onlyPlatform = PlatformFlag.encode(ctx, platform.string(), "1.48", "invalid platform: ");
    if (output.string().isEmpty() && Terminal.isTerminal(1)) {
      throw new CliError("cowardly refusing to save to a terminal. Use the -o flag or redirect", 1);
    }
    Path target = output.string().isEmpty() ? null : Path.of(output.string()).toAbsolutePath();
    if (target != null && !Files.exists(target.getParent())) {
      throw new CliError("failed to save image: invalid output path: stat " + target.getParent()
          + ": no such file or directory", 1);
    }
    if (target != null && !Files.isDirectory(target.getParent())) {
      throw new CliError("failed to save image: invalid output path: \"" + target.getParent()
          + "\" must be a directory", 1);
    }
    try (HttpResponse response = ctx.client().saveImages(flags.args(), onlyPlatform)) {
      if (target == null) {
        response.body().transferTo(ctx.out());
        ctx.out().flush();
        return 0;
      }
      Path temp = Files.createTempFile(target.getParent(), ".docker_temp_", "");
      try {
        try (OutputStream file = Files.newOutputStream(temp)) {
          response.body().transferTo(file);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    return 0;
  }
}
