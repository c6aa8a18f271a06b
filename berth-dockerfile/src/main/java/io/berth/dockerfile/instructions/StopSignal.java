package io.berth.dockerfile.instructions;

/** {@code STOPSIGNAL SIGKILL}; takes variables (the signal is checked when it is dispatched). */
public record StopSignal(SourceInfo source, String signal) implements Instruction, Expandable {
  @Override
  public StopSignal expand(WordExpander e) {
    return new StopSignal(source, e.expand(signal));
  }
}
