package io.berth.cli;

import io.berth.common.ImageReference;
import java.util.ArrayList;
import java.util.List;

/** {@code tag SOURCE TARGET}. */
final class TagCommand extends AbstractCommand {

  @Override
  public int run(CliContext ctx) {
    Args.exactly(flags.args(), 2, "tag");
    String target = flags.args().get(1);
    ImageReference ref;
    try {
      ref = ImageReference.parse(target);
    } catch (RuntimeException e) {
      throw new CliError("Error parsing reference: \"" + target + "\" is not a valid repository/tag: "
          + e.getMessage(), 1);
    }
    if (ref.digest() != null) {
      throw new CliError("refusing to create a tag with a digest reference", 1);
    }
    ref = ref.withDefaultTag();
    ctx.client().tagImage(flags.args().get(0), ref.name(), ref.tag());
    return 0;
  }
}
