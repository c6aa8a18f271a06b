package io.berth.dockerfile.instructions;

import java.util.ArrayList;
import java.util.List;

/** The sources and the destination of COPY or ADD. */
public record SourcesAndDest(String dest, List<String> sourcePaths, List<SourceContent> sourceContents) {
  public SourcesAndDest {
    sourcePaths = List.copyOf(sourcePaths);
    sourceContents = List.copyOf(sourceContents);
  }

  SourcesAndDest expand(WordExpander e) {
    List<String> paths = new ArrayList<>();
    for (String p : sourcePaths) {
      paths.add(e.expand(p));
    }
    return new SourcesAndDest(e.expand(dest), paths, sourceContents);
  }

  /** Expands the bodies of here-documents whose delimiter was not quoted (ExpandRaw). */
  SourcesAndDest expandContents(WordExpander raw) {
    List<SourceContent> contents = new ArrayList<>();
    for (SourceContent c : sourceContents) {
      contents.add(c.expand() ? new SourceContent(c.path(), raw.expand(c.data()), true) : c);
    }
    return new SourcesAndDest(dest, sourcePaths, contents);
  }
}
