package io.berth.cli;

/** {@code volume inspect}: each volume's JSON, or the format applied to it. */
final class VolumeInspectCommand extends AbstractCommand {
  private final Flag format = flags.string("f", "format", "string",
      "Format output using a custom template: 'json' or 'TEMPLATE'");

  @Override
  public int run(CliContext ctx) throws java.io.IOException {
    Args.atLeast(flags.args(), 1, "volume inspect");
    return InspectCommand.print(ctx, flags.args(), true, format.string(), name -> ctx.volumes().inspectRaw(name),
        VolumeInspectCommand::goValue);
  }

  /** volume.Volume's Labels and Options are Go maps: nil ones print as "map[]" in a template. */
  @SuppressWarnings("unchecked")
  static Object goValue(Object parsed) {
    if (parsed instanceof java.util.Map<?, ?> m) {
      java.util.Map<String, Object> v = new java.util.LinkedHashMap<>((java.util.Map<String, Object>) m);
      for (String key : java.util.List.of("Labels", "Options")) {
        if (v.get(key) == null) {
          v.put(key, java.util.Map.of());
        }
      }
      return v;
    }
    return parsed;
  }
}
