package io.berth.dockerfile.instructions;

import java.util.List;

/**
 * {@code RUN [--mount=...] [--network=default|none|host] [--security=sandbox|insecure] cmd}.
 * Mount options take variables, so as in BuildKit they are only read when the instruction is
 * expanded: {@code mountSpecs} are the flags as written and {@code mounts} is empty until
 * {@link #expand} fills it ({@link #mountSources()} gives the {@code from=} stages before that).
 */
public record Run(SourceInfo source, CommandLine command, List<String> mountSpecs, List<Mount> mounts,
    String network, String security, List<Device> devices, List<String> flagsUsed)
    implements Instruction, Expandable {
  public Run {
    mountSpecs = List.copyOf(mountSpecs);
    mounts = List.copyOf(mounts);
    devices = List.copyOf(devices);
    flagsUsed = List.copyOf(flagsUsed);
  }

  @Override
  public Run expand(WordExpander e) {
    List<Mount> parsed = mountSpecs.stream().map(spec -> MountParser.parse(spec, e)).toList();
    return new Run(source, command, mountSpecs, parsed, network, security, devices, flagsUsed);
  }

  /** The {@code from=} of each mount that names one (a stage or an image), as written. */
  public List<String> mountSources() {
    return mountSpecs.stream().map(MountParser::fromOf).filter(f -> !f.isEmpty()).toList();
  }
}
