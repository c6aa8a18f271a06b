package io.berth.dockerfile.instructions;

/** {@code WORKDIR path}; the path takes variables. */
public record Workdir(SourceInfo source, String path) implements Instruction, Expandable {
  @Override
  public Workdir expand(WordExpander e) {
    return new Workdir(source, e.expand(path));
  }
}
