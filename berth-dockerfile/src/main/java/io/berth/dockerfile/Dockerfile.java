package io.berth.dockerfile;

import io.berth.dockerfile.instructions.Arg;
import io.berth.dockerfile.instructions.From;
import io.berth.dockerfile.instructions.Instruction;
import io.berth.dockerfile.instructions.InstructionParser;
import io.berth.dockerfile.instructions.Label;
import io.berth.dockerfile.parser.DockerfileParser;
import io.berth.dockerfile.parser.Node;
import io.berth.dockerfile.parser.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed Dockerfile: the meta args (ARGs before the first FROM) and the stages, each with its
 * typed instructions (BuildKit's instructions.Parse), plus what the parser found (escape token,
 * warnings, directives).
 */
public record Dockerfile(ParseResult parsed, List<Arg> metaArgs, List<Stage> stages) {
  public Dockerfile {
    metaArgs = List.copyOf(metaArgs);
    stages = List.copyOf(stages);
  }

  /** Parses Dockerfile bytes; DockerfileException with BuildKit's message on bad input. */
  public static Dockerfile parse(byte[] data) {
    return fromAst(DockerfileParser.parse(data));
  }

  public static Dockerfile parse(String text) {
    return fromAst(DockerfileParser.parse(text));
  }

  /**
   * The Dockerfile of a build as dockerd reads it from the context (readAndParseDockerfile):
   * {@code the Dockerfile (name) cannot be empty}, {@code failed to parse name: ...} for syntax.
   */
  public static Dockerfile read(String name, byte[] data) {
    if (data.length == 0) {
      throw new DockerfileException("the Dockerfile (" + name + ") cannot be empty");
    }
    ParseResult parsed;
    try {
      parsed = DockerfileParser.parse(data);
    } catch (DockerfileException e) {
      throw e.withMessage("failed to parse " + name + ": " + e.getMessage());
    }
    return fromAst(parsed);
  }

  /** BuildKit's instructions.Parse over an AST. */
  public static Dockerfile fromAst(ParseResult parsed) {
    List<Arg> metaArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    for (Node node : parsed.ast().children()) {
      Instruction instruction;
      try {
        instruction = InstructionParser.parse(node);
      } catch (DockerfileException e) {
        throw e.withMessage("dockerfile parse error on line " + node.startLine() + ": " + e.getMessage());
      }
      if (stages.isEmpty() && instruction instanceof Arg arg) {
        metaArgs.add(arg);
        continue;
      }
      if (instruction instanceof From from) {
        stages.add(new Stage(stages.size(), from.stageName(), from, List.of()));
      } else if (stages.isEmpty()) {
        throw new DockerfileException("no build stage in current context").withLocation(node.startLine(), node.endLine());
      } else {
        stages.set(stages.size() - 1, stages.getLast().with(instruction));
      }
    }
    return new Dockerfile(parsed, metaArgs, stages);
  }

  public int escapeToken() {
    return parsed.escapeToken();
  }

  /**
   * The request's {@code --label}s as LABEL instructions at the end of {@code last} (sorted by
   * key, not expanded), as the classic builder adds them to the stage it builds last.
   */
  public static Stage withRequestLabels(Stage last, Map<String, String> labels) {
    Stage stage = last;
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      stage = stage.with(Label.fromRequest(e.getKey(), e.getValue()));
    }
    return stage;
  }

  /** The M of the classic builder's {@code Step N/M}: meta args, FROMs and instructions of these stages. */
  public int totalSteps(List<Stage> built) {
    int total = metaArgs.size() + built.size();
    for (Stage s : built) {
      total += s.instructions().size();
    }
    return total;
  }

  /** The FROM of every stage, in order. */
  public List<From> froms() {
    return stages.stream().map(Stage::from).toList();
  }
}
