package io.berth.dockerfile.instructions;

/** Expands the variables of one word (BuildKit's SingleWordExpander); throws DockerfileException. */
@FunctionalInterface
public interface WordExpander {
  String expand(String word);
}
