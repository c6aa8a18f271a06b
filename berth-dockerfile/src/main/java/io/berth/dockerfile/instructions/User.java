package io.berth.dockerfile.instructions;

/** {@code USER user[:group]}; takes variables. */
public record User(SourceInfo source, String user) implements Instruction, Expandable {
  @Override
  public User expand(WordExpander e) {
    return new User(source, e.expand(user));
  }
}
