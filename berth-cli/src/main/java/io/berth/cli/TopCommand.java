package io.berth.cli;

import io.berth.template.TabWriter;
import java.util.List;
import java.util.Map;

/** {@code top CONTAINER [ps OPTIONS]}: the container's processes as the daemon's ps lists them. */
final class TopCommand extends AbstractCommand {
  TopCommand() {
    super(new FlagSet().stopAtFirstArgument()); // flags after the first argument are the command's own
  }


  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "top");
    List<String> args = flags.args();
    Map<String, Object> top = ctx.containers().top(args.getFirst(), String.join(" ", args.subList(1, args.size())));
    TabWriter tw = new TabWriter(20, 1, 3, ' ', 0);
    tw.write(String.join("\t", ImageRows.strings(top.get("Titles"))) + "\n");
    if (top.get("Processes") instanceof List<?> processes) {
      for (Object process : processes) {
        tw.write(String.join("\t", ImageRows.strings(process)) + "\n");
      }
    }
    ctx.out().print(tw.flush());
    return 0;
  }
}
