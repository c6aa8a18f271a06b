package io.berth.dockerfile.instructions;

import java.util.List;

/** {@code VOLUME /a /b} or the JSON form; each path takes variables. */
public record Volume(SourceInfo source, List<String> volumes) implements Instruction, Expandable {
  public Volume {
    volumes = List.copyOf(volumes);
  }

  @Override
  public Volume expand(WordExpander e) {
    return new Volume(source, volumes.stream().map(e::expand).toList());
  }
}
