package io.berth.dockerfile.instructions;

import java.util.List;

/** {@code ARG name[=default] ...}: names and defaults take variables. */
public record Arg(SourceInfo source, List<ArgDef> args) implements Instruction, Expandable {
  public Arg {
    args = List.copyOf(args);
  }

  @Override
  public Arg expand(WordExpander e) {
    return new Arg(source, args.stream()
        .map(a -> new ArgDef(e.expand(a.key()), a.defaultValue().map(e::expand), a.docComment()))
        .toList());
  }

  /** {@code ARG a=1 b}: as the classic builder commits it to history. */
  public String commitText() {
    return "ARG " + String.join(" ", args.stream().map(ArgDef::toString).toList());
  }
}
