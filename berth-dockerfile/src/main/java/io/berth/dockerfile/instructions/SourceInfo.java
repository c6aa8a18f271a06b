package io.berth.dockerfile.instructions;

import java.util.List;

/**
 * Where an instruction came from: the keyword as written, its code (the logical line, trimmed:
 * what the classic builder prints as {@code Step N/M : <code>} and records in history), its
 * first and last line, and the comment lines right above it.
 */
public record SourceInfo(String keyword, String code, int startLine, int endLine, List<String> comments) {
  public SourceInfo {
    comments = List.copyOf(comments);
  }
}
