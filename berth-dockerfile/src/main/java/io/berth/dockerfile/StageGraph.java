package io.berth.dockerfile;

import io.berth.dockerfile.args.Platform;
import io.berth.dockerfile.instructions.Copy;
import io.berth.dockerfile.instructions.Instruction;
import io.berth.dockerfile.instructions.Onbuild;
import io.berth.dockerfile.instructions.Run;
import io.berth.dockerfile.shell.EnvGetter;
import io.berth.dockerfile.shell.ShellLex;
import io.berth.dockerfile.text.GoText;
import io.berth.dockerfile.text.Suggest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stages of a Dockerfile as BuildKit resolves them: each stage's base (an earlier stage, an
 * image or scratch, after meta-arg expansion) and platform, the stages it reads from
 * ({@code COPY --from}, {@code RUN --mount from=}, and the ONBUILD triggers of a base stage), the
 * images it reads from, the {@code --target}, and the stages a target needs, so that an executor
 * can skip the others and run independent ones in parallel.
 */
public final class StageGraph {
  public static final String SCRATCH = "scratch";

  /** One stage resolved: base name expanded, base stage if any, platform if given. */
  public record Resolved(Stage stage, String baseName, Optional<Integer> baseStage, Optional<Platform> platform) {}

  private final Dockerfile dockerfile;
  private final List<Resolved> resolved;
  private final Map<String, Integer> byName;
  private final List<Map<Integer, Instruction>> deps = new ArrayList<>();
  private final List<Set<String>> images = new ArrayList<>();
  private final ShellLex lex;

  private StageGraph(Dockerfile dockerfile, List<Resolved> resolved, Map<String, Integer> byName, ShellLex lex) {
    this.dockerfile = dockerfile;
    this.resolved = resolved;
    this.byName = byName;
    this.lex = lex;
  }

  /**
   * Resolves every stage's FROM with the meta-arg values (BuildArgs.metaValues) and links the
   * stages. Errors in BuildKit's words, pointing at the lines concerned.
   */
  public static StageGraph build(Dockerfile dockerfile, Map<String, String> metaValues, Platform host) {
    if (dockerfile.stages().isEmpty()) {
      throw new DockerfileException("dockerfile contains no stages to build");
    }
    ShellLex lex = new ShellLex(dockerfile.escapeToken());
    EnvGetter env = EnvGetter.of(metaValues);
    Map<String, Integer> byName = new LinkedHashMap<>();
    List<Resolved> resolved = new ArrayList<>();
    for (Stage stage : dockerfile.stages()) {
      var from = stage.from();
      int start = from.source().startLine();
      int end = from.source().endLine();
      String baseName;
      try {
        baseName = lex.processWord(from.baseName(), env);
      } catch (DockerfileException e) {
        throw e.withLocation(start, end);
      }
      if (baseName.isEmpty()) {
        throw new DockerfileException("base name (" + from.baseName() + ") should not be blank").withLocation(start, end);
      }
      Optional<Platform> platform = Optional.empty();
      if (!from.platform().isEmpty()) {
        try {
          platform = Optional.of(platform(lex, from.platform(), env, host));
        } catch (DockerfileException e) {
          throw e.withLocation(start, end);
        }
      }
      Optional<Integer> base = Optional.ofNullable(byName.get(baseName.toLowerCase(Locale.ROOT)));
      if (!stage.name().isEmpty()) {
        if (byName.containsKey(stage.name())) {
          throw new DockerfileException(stage.name() + " stage name already used").withLocation(start, end);
        }
        byName.put(stage.name(), stage.index());
      }
      resolved.add(new Resolved(stage, baseName, base, platform));
    }
    StageGraph graph = new StageGraph(dockerfile, resolved, byName, lex);
    for (Resolved r : resolved) {
      graph.link(r);
    }
    graph.checkCycles();
    return graph;
  }

  private static Platform platform(ShellLex lex, String expression, EnvGetter env, Platform host) {
    String value;
    try {
      value = lex.processWord(expression, env);
    } catch (DockerfileException e) {
      throw new DockerfileException("failed to process arguments for platform " + expression + ": " + e.getMessage());
    }
    if (value.isEmpty()) {
      throw new DockerfileException("empty platform value from expression " + expression);
    }
    try {
      return Platform.parse(value, host);
    } catch (DockerfileException e) {
      throw new DockerfileException("failed to parse platform " + expression + ": " + e.getMessage());
    }
  }

  private void link(Resolved r) {
    Map<Integer, Instruction> stageDeps = new LinkedHashMap<>();
    Set<String> stageImages = new LinkedHashSet<>();
    r.baseStage().ifPresentOrElse(b -> stageDeps.put(b, r.stage().from()), () -> {
      if (!r.baseName().equals(SCRATCH)) {
        stageImages.add(r.baseName());
      }
    });
    for (Instruction instruction : r.stage().instructions()) {
      addSources(instruction, stageDeps, stageImages);
    }
    deps.add(stageDeps);
    images.add(stageImages);
  }

  private void addSources(Instruction instruction, Map<Integer, Instruction> stageDeps, Set<String> stageImages) {
    int start = instruction.source().startLine();
    int end = instruction.source().endLine();
    if (instruction instanceof Copy copy && !copy.from().isEmpty()) {
      String from = copy.from();
      if (!lex.processWord(from, EnvGetter.EMPTY).equals(from)) {
        throw new DockerfileException("variable expansion is not supported for --from, define a new stage with "
            + "FROM using ARG from global scope as a workaround").withLocation(start, end);
      }
      Optional<Integer> index = parseIndex(from);
      if (index.isPresent()) {
        int i = index.get();
        if (i < 0 || i >= resolved.size()) {
          throw new DockerfileException("invalid stage index " + i).withLocation(start, end);
        }
        stageDeps.put(i, instruction);
      } else if (byName.containsKey(from.toLowerCase(Locale.ROOT))) {
        stageDeps.put(byName.get(from.toLowerCase(Locale.ROOT)), instruction);
      } else {
        stageImages.add(from);
      }
    } else if (instruction instanceof Run run) {
      for (String from : run.mountSources()) {
        Integer stage = byName.get(from.toLowerCase(Locale.ROOT));
        if (stage != null) {
          stageDeps.put(stage, instruction);
        } else {
          stageImages.add(from);
        }
      }
    }
  }

  /** Go's strconv.Atoi, as BuildKit tells a stage index from a name. */
  private static Optional<Integer> parseIndex(String text) {
    if (!text.matches("[+-]?[0-9]+")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void checkCycles() {
    Set<Integer> visited = new HashSet<>();
    for (int i = 0; i < resolved.size(); i++) {
      List<Instruction> cycle = visit(i, visited, new HashSet<>(), new ArrayList<>());
      if (cycle != null) {
        DockerfileException e = new DockerfileException("circular dependency detected on stage: " + bkName(i));
        for (Instruction c : cycle) {
          e = e.withLocation(c.source().startLine(), c.source().endLine());
        }
        throw e;
      }
    }
  }

  private List<Instruction> visit(int stage, Set<Integer> visited, Set<Integer> path, List<Instruction> current) {
    if (!visited.add(stage)) {
      return null;
    }
    path.add(stage);
    for (Map.Entry<Integer, Instruction> dep : deps.get(stage).entrySet()) {
      List<Instruction> next = new ArrayList<>(current);
      next.add(dep.getValue());
      if (path.contains(dep.getKey())) {
        return next;
      }
      List<Instruction> cycle = visit(dep.getKey(), visited, path, next);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(stage);
    return null;
  }

  /** BuildKit's name for a stage in messages: its name, {@code stage-N}, or "" in a one-stage file. */
  private String bkName(int index) {
    Stage s = resolved.get(index).stage();
    if (resolved.size() == 1) {
      return s.name();
    }
    return s.displayName();
  }

  public Dockerfile dockerfile() {
    return dockerfile;
  }

  public List<Resolved> stages() {
    return List.copyOf(resolved);
  }

  public Resolved stage(int index) {
    return resolved.get(index);
  }

  /** The stage {@code --target} names (case-insensitive), or the last stage for "". */
  public Resolved target(String target) {
    if (target.isEmpty()) {
      return resolved.getLast();
    }
    Integer index = byName.get(target.toLowerCase(Locale.ROOT));
    if (index == null) {
      throw new DockerfileException(Suggest.wrap("target stage " + GoText.quote(target) + " could not be found",
          target, byName.keySet(), true));
    }
    return resolved.get(index);
  }

  /** The stages a stage reads from directly (its base stage among them). */
  public Set<Integer> dependencies(int index) {
    Set<Integer> out = new TreeSet<>(deps.get(index).keySet());
    out.addAll(triggerDependencies(index));
    return out;
  }

  /** The images (not stages) a stage reads: its base image and {@code --from} images. */
  public Set<String> images(int index) {
    return Set.copyOf(images.get(index));
  }

  /**
   * The stages the target needs, in Dockerfile order (BuildKit builds only these; the classic
   * builder builds every stage up to the target). A stage that copies from one defined after it
   * is refused as BuildKit refuses it.
   */
  public List<Stage> needed(Resolved target) {
    Set<Integer> reachable = new TreeSet<>();
    addReachable(target.stage().index(), reachable);
    List<Stage> out = new ArrayList<>();
    for (int i : reachable) {
      for (Map.Entry<Integer, Instruction> dep : deps.get(i).entrySet()) {
        if (dep.getKey() >= i && dep.getValue() instanceof Copy copy) {
          throw new DockerfileException("cannot copy from stage " + GoText.quote(copy.from())
              + ", it needs to be defined before current stage " + GoText.quote(bkName(i)))
              .withLocation(copy.source().startLine(), copy.source().endLine());
        }
      }
      out.add(resolved.get(i).stage());
    }
    return out;
  }

  private void addReachable(int index, Set<Integer> reachable) {
    if (!reachable.add(index)) {
      return;
    }
    for (int dep : dependencies(index)) {
      addReachable(dep, reachable);
    }
  }

  /** Stages read by the ONBUILD triggers a stage inherits from its base stage. */
  private Set<Integer> triggerDependencies(int index) {
    Optional<Integer> base = resolved.get(index).baseStage();
    if (base.isEmpty()) {
      return Set.of();
    }
    Map<Integer, Instruction> found = new HashMap<>();
    Set<String> ignored = new HashSet<>();
    Resolved r = resolved.get(index);
    for (Instruction instruction : resolved.get(base.get()).stage().instructions()) {
      if (instruction instanceof Onbuild onbuild) {
        Instruction trigger;
        try {
          trigger = onbuild.trigger();
        } catch (DockerfileException e) {
          throw e.withLocation(r.stage().from().source().startLine(), r.stage().from().source().endLine());
        }
        addSources(trigger, found, ignored);
      }
    }
    return found.keySet();
  }
}
