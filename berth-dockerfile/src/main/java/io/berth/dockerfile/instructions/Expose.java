package io.berth.dockerfile.instructions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code EXPOSE 80/tcp 53/udp}: ports sorted as BuildKit sorts them. The one instruction whose
 * words may expand to several ({@code EXPOSE $PORTS}), so it is expanded with ProcessWords.
 */
public record Expose(SourceInfo source, List<String> ports) implements Instruction {
  public Expose {
    ports = List.copyOf(ports);
  }

  /** The ports with each word expanded into words. */
  public Expose expandWords(Function<String, List<String>> words) {
    List<String> out = new ArrayList<>();
    for (String p : ports) {
      out.addAll(words.apply(p));
    }
    return new Expose(source, out);
  }
}
