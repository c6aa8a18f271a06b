package io.berth.dockerfile.instructions;

import java.util.List;

/**
 * {@code LABEL k=v ...}: keys and values take variables, except for the labels a build request
 * adds ({@code noExpand}, the classic builder's NewLabelCommand).
 */
public record Label(SourceInfo source, List<KeyValue> labels, boolean noExpand) implements Instruction, Expandable {
  public Label {
    labels = List.copyOf(labels);
  }

  /** The LABEL instruction the classic builder appends to the last stage for a {@code --label}. */
  public static Label fromRequest(String key, String value) {
    KeyValue kv = new KeyValue(key, value, false);
    return new Label(new SourceInfo("label", "LABEL " + kv, 0, 0, List.of()), List.of(kv), true);
  }

  @Override
  public Label expand(WordExpander e) {
    return noExpand ? this : new Label(source, labels.stream().map(p -> p.expand(e)).toList(), false);
  }
}
