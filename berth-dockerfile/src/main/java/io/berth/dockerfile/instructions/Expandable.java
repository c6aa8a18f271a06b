package io.berth.dockerfile.instructions;

/**
 * An instruction whose arguments take variables, one word at a time (BuildKit's
 * SupportsSingleWordExpansion): ENV, LABEL, ADD, COPY, WORKDIR, RUN (its mount options), USER,
 * VOLUME, STOPSIGNAL and ARG. The result is a new instruction; the original is left as parsed.
 */
public interface Expandable {
  Instruction expand(WordExpander expander);
}
