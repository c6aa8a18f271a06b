package io.berth.template;

import java.util.Map;

/**
 * A parsed Go text/template with Docker's template functions (docker/cli templates.go), executed against Java
 * values standing in for Go values: {@code Map<String,?>} for structs and maps (a field is a key), {@code List} and
 * arrays for slices, String, Number, Boolean, null (a nil pointer) and {@link TemplateMethod} for methods.
 * Immutable and safe to share between threads.
 */
public final class Template {
  private final String name;
  private final String text;
  private final Map<String, Parser.Tree> trees;
  private final Map<String, Functions.Func> funcs;

  private Template(String name, String text, Map<String, Parser.Tree> trees, Map<String, Functions.Func> funcs) {
    this.name = name;
    this.text = text;
    this.trees = trees;
    this.funcs = funcs;
  }

  /** Parses an anonymous template, as Docker's templates.Parse does; errors read like Go's. */
  public static Template parse(String text) {
    return new Template("", text, Map.copyOf(Parser.parse("", text, Functions.BASIC.keySet())), Functions.BASIC);
  }

  /**
   * The same template with Docker's HeaderFunctions in place of the basic ones: {@code json}, {@code split},
   * {@code join}, {@code title}, {@code lower}, {@code upper} and {@code truncate} return their first argument, so
   * a table header keeps its column names. Execute it with a map from field names to header strings.
   */
  public Template withHeaderFunctions() {
    return new Template(name, text, trees, Functions.HEADER);
  }

  public String execute(Object data) {
    StringBuilder out = new StringBuilder(64);
    execute(data, out);
    return out.toString();
  }

  /** Appends the output to {@code out}; on error, output written before the failing action remains. */
  public void execute(Object data, StringBuilder out) {
    new Executor(text, name, trees, funcs, out).execute(name, data);
  }
}
