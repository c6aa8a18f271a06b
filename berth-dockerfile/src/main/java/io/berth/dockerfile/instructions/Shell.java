package io.berth.dockerfile.instructions;

import java.util.List;

/** {@code SHELL ["/bin/bash", "-c"]} (JSON form only). */
public record Shell(SourceInfo source, List<String> shell) implements Instruction {
  public Shell {
    shell = List.copyOf(shell);
  }
}
