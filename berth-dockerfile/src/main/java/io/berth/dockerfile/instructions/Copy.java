package io.berth.dockerfile.instructions;

import java.util.List;

/**
 * {@code COPY [--from=stage|image] [--chown=u:g] [--chmod=m] [--link] [--parents]
 * [--exclude=p] src... dest}. {@code from} does not take variables (BuildKit refuses them).
 */
public record Copy(SourceInfo source, SourcesAndDest files, String from, String chown, String chmod,
    boolean link, boolean parents, List<String> excludes) implements Instruction, Expandable {
  public Copy {
    excludes = List.copyOf(excludes);
  }

  @Override
  public Copy expand(WordExpander e) {
    return new Copy(source, files.expand(e), from, e.expand(chown), e.expand(chmod), link, parents, excludes);
  }

  /** The here-document bodies expanded (BuildKit's ExpandRaw). */
  public Copy expandContents(WordExpander raw) {
    return new Copy(source, files.expandContents(raw), from, chown, chmod, link, parents, excludes);
  }
}
