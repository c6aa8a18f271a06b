package io.berth.cli;

/** What every command has: its flag set, which its fields declare their flags in. */
abstract class AbstractCommand implements BerthCommand {
  protected final FlagSet flags;

  protected AbstractCommand() {
    this(new FlagSet());
  }

  protected AbstractCommand(FlagSet flags) {
    this.flags = flags;
  }

  @Override
  public final FlagSet flags() {
    return flags;
  }
}
