package io.berth.dockerfile.instructions;

import java.util.List;

/**
 * The command of RUN, CMD or ENTRYPOINT. The shell form is one string to be run by the stage's
 * SHELL ({@code prependShell}); the exec form is the JSON array as it is. Here-documents of RUN
 * come as {@code files}. {@code args} is null for ENTRYPOINT's empty exec form ({@code ENTRYPOINT []}), which
 * BuildKit's parser makes nil: the image then has no entrypoint at all, where {@code CMD []} keeps an empty one.
 */
public record CommandLine(List<String> args, List<InlineFile> files, boolean prependShell) {
  public CommandLine {
    args = args == null ? null : List.copyOf(args);
    files = List.copyOf(files);
  }
}
