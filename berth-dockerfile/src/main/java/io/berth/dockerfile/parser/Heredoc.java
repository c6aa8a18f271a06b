package io.berth.dockerfile.parser;

/**
 * A here-document attached to an instruction: {@code RUN <<EOF}, {@code COPY <<-'EOF' /f}.
 * {@code expand} is false when any part of the delimiter word was quoted; {@code chomp} marks
 * {@code <<-} (leading tabs are stripped from the content when it is used, not here).
 */
public record Heredoc(String name, int fileDescriptor, boolean expand, boolean chomp, String content) {
  Heredoc withContent(String newContent) {
    return new Heredoc(name, fileDescriptor, expand, chomp, newContent);
  }
}
