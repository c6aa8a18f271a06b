package io.berth.cli;

import io.berth.client.HttpResponse;
import io.berth.common.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code import file|-|URL [REPOSITORY[:TAG]]}: a rootfs tar becomes a one-layer image. */
final class ImportCommand extends AbstractCommand {
  private final Flag changes = flags.list("c", "change", "list", "Apply Dockerfile instruction to the created image");
  private final Flag message = flags.string("m", "message", "string", "Set commit message for imported image");
  private final Flag platform = flags.string(null, "platform", "string", "Set platform if server is multi-platform capable");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.atLeast(flags.args(), 1, "import");
    Args.atMost(flags.args(), 2, "import");
    String source = flags.args().get(0);
    String repo = null;
    String tag = null;
    if (flags.args().size() == 2) {
      try {
        ImageReference ref = ImageReference.parse(flags.args().get(1));
        repo = ref.name();
        tag = ref.tag();
      } catch (RuntimeException e) {
        throw new CliError(e.getMessage(), 1);
      }
    }
    InputStream tar;
    if (source.equals("-")) {
      tar = ctx.in();
    } else if (source.startsWith("http://") || source.startsWith("https://")) {
      throw new CliError("importing from a URL is not supported by berth: download the file and import it", 1);
    } else {
      try {
        tar = Files.newInputStream(Path.of(source));
      } catch (NoSuchFileException e) {
        throw new CliError("open " + source + ": no such file or directory", 1);
      }
    }
    try (tar; HttpResponse response = ctx.client().importImage(tar, repo, tag, message.string(), changes.list(), platform.string())) {
      JsonMessages.display(response.body(), ctx.out());
    }
    return 0;
  }
}
