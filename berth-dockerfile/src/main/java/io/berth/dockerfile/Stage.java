package io.berth.dockerfile;

import io.berth.dockerfile.instructions.From;
import io.berth.dockerfile.instructions.Instruction;
import java.util.List;

/**
 * A build stage: its position, its name (lower-cased, "" when unnamed), the FROM that begins it
 * and the instructions after it.
 */
public record Stage(int index, String name, From from, List<Instruction> instructions) {
  public Stage {
    instructions = List.copyOf(instructions);
  }

  /** The name BuildKit shows for the stage: its own, or {@code stage-N}. */
  public String displayName() {
    return name.isEmpty() ? "stage-" + index : name;
  }

  Stage with(Instruction instruction) {
    List<Instruction> more = new java.util.ArrayList<>(instructions);
    more.add(instruction);
    return new Stage(index, name, from, more);
  }
}
