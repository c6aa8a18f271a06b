package io.berth.dockerfile.instructions;

import java.util.List;

/** {@code ENV k=v ...} or {@code ENV k v}: keys and values take variables. */
public record Env(SourceInfo source, List<KeyValue> pairs) implements Instruction, Expandable {
  public Env {
    pairs = List.copyOf(pairs);
  }

  @Override
  public Env expand(WordExpander e) {
    return new Env(source, pairs.stream().map(p -> p.expand(e)).toList());
  }
}
