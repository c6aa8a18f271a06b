package io.berth.dockerfile.instructions;

import java.util.Optional;

/** One name of an ARG instruction, its default if it has one, and its doc comment. */
public record ArgDef(String key, Optional<String> defaultValue, String docComment) {
  /** {@code key=value}, or {@code key} without a default (as the classic builder commits it). */
  @Override
  public String toString() {
    return defaultValue.map(v -> key + "=" + v).orElse(key);
  }
}
