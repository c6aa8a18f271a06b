package io.berth.dockerfile.instructions;

import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.parser.DockerfileParser;
import io.berth.dockerfile.parser.Heredoc;
import io.berth.dockerfile.parser.Node;
import io.berth.dockerfile.parser.ParseResult;
import io.berth.dockerfile.text.GoText;
import io.berth.dockerfile.text.Suggest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BuildKit's instructions.ParseInstruction: one AST node to one typed instruction, with the
 * argument counts, flags and forms each instruction accepts, in BuildKit's words. Errors point
 * at the node's lines.
 */
public final class InstructionParser {
  static final Set<String> NAMES = Set.of("add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from",
      "healthcheck", "label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir");
  private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^[\\t\\n\\f\\r ]*ONBUILD[\\t\\n\\f\\r ]*");
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*\\z");

  private InstructionParser() {}

  /** The node as a typed instruction; a DockerfileException (with the node's lines) if it is not one. */
  public static Instruction parse(Node node) {
    try {
      return parseUnlocated(node);
    } catch (DockerfileException e) {
      throw e.withLocation(node.startLine(), node.endLine());
    }
  }

  /** An ONBUILD trigger's expression as the child build parses it: one instruction, not FROM. */
  static Instruction parseTrigger(String expression) {
    ParseResult result = DockerfileParser.parse(expression);
    if (result.ast().children().size() != 1) {
      throw new DockerfileException("onbuild trigger should be a single expression");
    }
    Instruction instruction = parse(result.ast().children().getFirst());
    if (instruction instanceof From) {
      throw new DockerfileException("*instructions.Stage is not a command type");
    }
    return instruction;
  }

  private static Instruction parseUnlocated(Node node) {
    Request req = new Request(node);
    return switch (node.value().toLowerCase(Locale.ROOT)) {
      case "env" -> new Env(req.parseFlags().source(), kvps(req.args, "ENV"));
      case "maintainer" -> new Maintainer(req.exactlyOne("MAINTAINER").parseFlags().source(), req.args.getFirst());
      case "label" -> new Label(req.parseFlags().source(), kvps(req.args, "LABEL"), false);
      case "add" -> parseAdd(req);
      case "copy" -> parseCopy(req);
      case "from" -> parseFrom(req);
      case "onbuild" -> parseOnbuild(req);
      case "workdir" -> new Workdir(req.exactlyOne("WORKDIR").parseFlags().source(), req.args.getFirst());
      case "run" -> RunParser.parse(req);
      case "cmd" -> new Cmd(req.parseFlags().source(), shellDependent(req, false));
      case "healthcheck" -> HealthcheckParser.parse(req);
      case "entrypoint" -> new Entrypoint(req.parseFlags().source(), shellDependent(req, true));
      case "expose" -> parseExpose(req);
      case "user" -> new User(req.exactlyOne("USER").parseFlags().source(), req.args.getFirst());
      case "volume" -> parseVolume(req);
      case "stopsignal" -> new StopSignal(req.exactlyOne("STOPSIGNAL").source(), req.args.getFirst());
      case "arg" -> parseArg(req);
      case "shell" -> parseShell(req);
      default -> throw new DockerfileException(Suggest.wrap("unknown instruction: " + node.value(), node.value(),
          NAMES.stream().map(n -> n.toUpperCase(Locale.ROOT)).toList(), false));
    };
  }

  /** What every instruction parser gets (BuildKit's parseRequest). */
  static final class Request {
    final Node node;
    final List<String> args;
    final BFlags flags;

    Request(Node node) {
      this.node = node;
      this.args = node.args();
      this.flags = new BFlags(node.flags());
    }

    Request parseFlags() {
      flags.parse();
      return this;
    }

    Request exactlyOne(String command) {
      if (args.size() != 1) {
        throw new DockerfileException(command + " requires exactly one argument");
      }
      return this;
    }

    Request atLeastOne(String command) {
      if (args.isEmpty()) {
        throw atLeastOneArgument(command);
      }
      return this;
    }

    SourceInfo source() {
      return new SourceInfo(node.value(), GoText.trimSpace(node.original()), node.startLine(), node.endLine(),
          node.prevComment());
    }
  }

  static DockerfileException atLeastOneArgument(String command) {
    return new DockerfileException(command + " requires at least one argument");
  }

  private static List<KeyValue> kvps(List<String> args, String command) {
    if (args.isEmpty()) {
      throw atLeastOneArgument(command);
    }
    if (args.size() % 3 != 0) {
      throw new DockerfileException("Bad input to " + command + ", too many arguments");
    }
    List<KeyValue> pairs = new ArrayList<>();
    for (int j = 0; j < args.size(); j += 3) {
      if (args.get(j).isEmpty()) {
        throw blankNames(command);
      }
      pairs.add(new KeyValue(args.get(j), args.get(j + 1), args.get(j + 2).isEmpty()));
    }
    return pairs;
  }

  private static DockerfileException blankNames(String command) {
    return new DockerfileException(command + " names can not be blank");
  }

  private static SourcesAndDest sourcesAndDest(Request req, String command) {
    List<String> srcs = req.args.subList(0, req.args.size() - 1);
    String dest = req.args.getLast();
    if (DockerfileParser.parseHeredoc(dest) != null) {
      throw new DockerfileException(command + " cannot accept a heredoc as a destination");
    }
    List<String> paths = new ArrayList<>();
    List<SourceContent> contents = new ArrayList<>();
    for (String src : srcs) {
      Heredoc heredoc = DockerfileParser.parseHeredoc(src);
      if (heredoc == null) {
        paths.add(src);
        continue;
      }
      String content = req.node.heredocs().stream().filter(h -> h.name().equals(heredoc.name()))
          .reduce((a, b) -> b).map(Heredoc::content).orElse("");
      if (heredoc.chomp()) {
        content = DockerfileParser.chompHeredocContent(content);
      }
      contents.add(new SourceContent(heredoc.name(), content, heredoc.expand()));
    }
    return new SourcesAndDest(dest, paths, contents);
  }

  private static DockerfileException noDestination(String command) {
    return new DockerfileException(command
        + " requires at least two arguments, but only one was provided. Destination could not be determined");
  }

  private static Add parseAdd(Request req) {
    if (req.args.size() < 2) {
      throw noDestination("ADD");
    }
    BFlags.Flag chown = req.flags.addString("chown", "");
    BFlags.Flag chmod = req.flags.addString("chmod", "");
    BFlags.Flag link = req.flags.addBool("link", false);
    BFlags.Flag keepGitDir = req.flags.addBool("keep-git-dir", false);
    BFlags.Flag checksum = req.flags.addString("checksum", "");
    BFlags.Flag unpack = req.flags.addBool("unpack", false);
    BFlags.Flag excludes = req.flags.addStrings("exclude");
    req.parseFlags();
    SourcesAndDest files = sourcesAndDest(req, "ADD");
    Optional<Boolean> unpackValue = req.flags.isUsed("unpack") ? Optional.of(unpack.isTrue()) : Optional.empty();
    Optional<Boolean> keepGit = req.flags.isUsed("keep-git-dir") ? Optional.of(keepGitDir.isTrue()) : Optional.empty();
    return new Add(req.source(), files, chown.value, chmod.value, link.isTrue(), keepGit, checksum.value,
        unpackValue, excludes.values);
  }

  private static Copy parseCopy(Request req) {
    if (req.args.size() < 2) {
      throw noDestination("COPY");
    }
    BFlags.Flag chown = req.flags.addString("chown", "");
    BFlags.Flag from = req.flags.addString("from", "");
    BFlags.Flag chmod = req.flags.addString("chmod", "");
    BFlags.Flag link = req.flags.addBool("link", false);
    BFlags.Flag excludes = req.flags.addStrings("exclude");
    BFlags.Flag parents = req.flags.addBool("parents", false);
    req.parseFlags();
    return new Copy(req.source(), sourcesAndDest(req, "COPY"), from.value, chown.value, chmod.value,
        link.isTrue(), parents.isTrue(), excludes.values);
  }

  private static From parseFrom(Request req) {
    String stageName = stageName(req.args);
    BFlags.Flag platform = req.flags.addString("platform", "");
    req.parseFlags();
    return new From(req.source(), req.args.getFirst(), stageName, platform.value,
        docComment(req.node.prevComment(), stageName));
  }

  static String stageName(List<String> args) {
    if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
      String name = args.get(2).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(name).find()) {
        throw new DockerfileException("invalid name for build stage: " + GoText.quote(args.get(2))
            + ", name can't start with a number or contain symbols");
      }
      return name;
    }
    if (args.size() != 1) {
      throw new DockerfileException("FROM requires either one or three arguments");
    }
    return "";
  }

  private static Onbuild parseOnbuild(Request req) {
    req.atLeastOne("ONBUILD").parseFlags();
    String trigger = GoText.trimSpace(req.args.getFirst()).toUpperCase(Locale.ROOT);
    switch (trigger) {
      case "ONBUILD" -> throw new DockerfileException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      case "MAINTAINER", "FROM" -> throw new DockerfileException(trigger + " isn't allowed as an ONBUILD trigger");
      default -> {
      }
    }
    StringBuilder expression = new StringBuilder(ONBUILD_PREFIX.matcher(req.node.original()).replaceAll(""));
    for (Heredoc heredoc : req.node.heredocs()) {
      expression.append('\n').append(heredoc.content()).append(heredoc.name());
    }
    return new Onbuild(req.source(), expression.toString());
  }

  /** The command of RUN, CMD or ENTRYPOINT (BuildKit's parseShellDependentCommand). */
  static CommandLine shellDependent(Request req, boolean emptyAsNil) {
    List<InlineFile> files = new ArrayList<>();
    for (Heredoc heredoc : req.node.heredocs()) {
      files.add(new InlineFile(heredoc.name(), heredoc.content(), heredoc.chomp()));
    }
    List<String> args = jsonArgs(req.args, req.node.json());
    return new CommandLine(emptyAsNil && args.isEmpty() ? null : args, files, !req.node.json());
  }

  /** The exec form's arguments as they are; the shell form's joined into one string. */
  static List<String> jsonArgs(List<String> args, boolean json) {
    if (args.isEmpty()) {
      return List.of();
    }
    return json ? args : List.of(String.join(" ", args));
  }

  private static Expose parseExpose(Request req) {
    req.atLeastOne("EXPOSE").parseFlags();
    List<String> ports = new ArrayList<>(req.args);
    ports.sort(null);
    return new Expose(req.source(), ports);
  }

  private static Volume parseVolume(Request req) {
    req.atLeastOne("VOLUME").parseFlags();
    List<String> volumes = new ArrayList<>();
    for (String v : req.args) {
      String trimmed = GoText.trimSpace(v);
      if (trimmed.isEmpty()) {
        throw new DockerfileException("VOLUME specified can not be an empty string");
      }
      volumes.add(trimmed);
    }
    return new Volume(req.source(), volumes);
  }

  private static Arg parseArg(Request req) {
    req.atLeastOne("ARG");
    List<ArgDef> defs = new ArrayList<>();
    for (String arg : req.args) {
      int eq = arg.indexOf('=');
      String key = eq < 0 ? arg : arg.substring(0, eq);
      if (eq == 0) {
        throw blankNames("ARG");
      }
      Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(arg.substring(eq + 1));
      defs.add(new ArgDef(key, value, docComment(req.node.prevComment(), key)));
    }
    return new Arg(req.source(), defs);
  }

  private static Shell parseShell(Request req) {
    req.parseFlags();
    List<String> shell = jsonArgs(req.args, req.node.json());
    if (shell.isEmpty()) {
      throw atLeastOneArgument("SHELL");
    }
    if (!req.node.json()) {
      throw new DockerfileException("SHELL requires the arguments to be in JSON form");
    }
    return new Shell(req.source(), shell);
  }

  /** The text after {@code name } in one of the comment lines above (BuildKit's getDocComment). */
  static String docComment(List<String> comments, String name) {
    if (name.isEmpty()) {
      return "";
    }
    for (String line : comments) {
      if (line.startsWith(name + " ")) {
        return line.substring(name.length() + 1);
      }
    }
    return "";
  }
}
