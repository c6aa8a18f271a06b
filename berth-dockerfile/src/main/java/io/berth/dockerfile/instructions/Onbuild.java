package io.berth.dockerfile.instructions;

/**
 * {@code ONBUILD <instruction>}: {@code expression} is the trigger's text as stored in the image
 * config (here-documents appended). {@link #trigger()} parses it as a child build does; like
 * BuildKit, a bad trigger is only an error for the builds that run it.
 */
public record Onbuild(SourceInfo source, String expression) implements Instruction {
  /** The trigger parsed as the build of an image based on this one parses it. */
  public Instruction trigger() {
    return InstructionParser.parseTrigger(expression);
  }
}
