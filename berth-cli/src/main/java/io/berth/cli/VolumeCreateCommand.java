package io.berth.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code volume create}: makes a volume (or finds the one of that name) and prints its name. */
final class VolumeCreateCommand extends AbstractCommand {
  private final Flag driver = flags.stringDefault("d", "driver", "string", "Specify volume driver name", "local");
  private final Flag label = flags.list(null, "label", "list", "Set metadata for a volume");
  private final Flag name = flags.hiddenString("name");
  private final Flag opt = flags.list("o", "opt", "map", "Set driver specific options (default map[])");

  @Override
  public int run(CliContext ctx) {
    Args.atMost(flags.args(), 1, "volume create");
    String volumeName = name.string();
    if (!flags.args().isEmpty()) {
      if (!volumeName.isEmpty()) {
        throw new CliError("conflicting options: cannot specify a volume-name through both --name and as a "
            + "positional arg", 1);
      }
      volumeName = flags.args().getFirst();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Driver", driver.string());
    body.put("DriverOpts", keyValues(opt.list()));
    body.put("Labels", keyValues(label.list()));
    body.put("Name", volumeName);
    ctx.out().println(ctx.volumes().create(body).get("Name"));
    return 0;
  }

  /** opts.MapOpts and ConvertKVStringsToMap: {@code k=v}, or {@code k} for an empty value. */
  static Map<String, String> keyValues(List<String> values) {
    return KeyValues.split(values, '=', new LinkedHashMap<>());
  }
}
