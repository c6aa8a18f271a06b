package io.berth.template;

import io.berth.template.Functions.Func;
import io.berth.template.Functions.FuncError;
import io.berth.template.Functions.Param;
import io.berth.template.Node.*;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Go's text/template exec.go: walks a parsed template against data, writing to a StringBuilder. */
final class Executor {
  /** Go's missingVal: "no piped value", distinct from a value that is missing. */
  private static final Object NO_FINAL = new Object();
  /** Template calls nest on the Java stack; Go allows 100000, the JVM stack allows fewer. */
  private static final int MAX_EXEC_DEPTH = 1000;

  private static final class Break extends RuntimeException {
    Break() {
      super(null, null, false, false);
    }
  }

  private static final class Continue extends RuntimeException {
    Continue() {
      super(null, null, false, false);
    }
  }

  private static final Break BREAK = new Break();
  private static final Continue CONTINUE = new Continue();

  private final String text;
  private final String parseName;
  private final Map<String, Parser.Tree> trees;
  private final Map<String, Func> funcs;
  private final StringBuilder out;
  private String tmplName;
  private Node node;
  private int depth;
  private final ArrayList<String> varNames = new ArrayList<>();
  private final ArrayList<Object> varValues = new ArrayList<>();

  Executor(String text, String parseName, Map<String, Parser.Tree> trees, Map<String, Func> funcs, StringBuilder out) {
    this.text = text;
    this.parseName = parseName;
    this.trees = trees;
    this.funcs = funcs;
    this.out = out;
  }

  void execute(String name, Object data) {
    Parser.Tree tree = trees.get(name);
    tmplName = name;
    Object dot = data == null ? Values.MISSING : data;
    if (tree == null) throw new TemplateException("template: " + name + ": " + GoFormat.quote(name) + " is an incomplete or empty template");
    push("$", dot);
    walk(dot, tree.root());
  }

  // ---- errors --------------------------------------------------------------------------------------------------

  private void at(Node n) {
    node = n;
  }

  private TemplateException errorf(String message) {
    if (node == null) throw new TemplateException("template: " + tmplName + ": " + message);
    int pos = node.pos();
    int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
    int line = 1;
    for (int i = 0; i < lineStart; i++) if (text.charAt(i) == '\n') line++;
    int column = text.substring(lineStart, pos).getBytes(StandardCharsets.UTF_8).length;
    throw new TemplateException("template: " + parseName + ":" + line + ":" + column + ": executing "
        + GoFormat.quote(tmplName) + " at <" + node + ">: " + message);
  }

  // ---- variables -----------------------------------------------------------------------------------------------

  private void push(String name, Object value) {
    varNames.add(name);
    varValues.add(value);
  }

  private int mark() {
    return varNames.size();
  }

  private void pop(int mark) {
    for (int i = varNames.size() - 1; i >= mark; i--) {
      varNames.remove(i);
      varValues.remove(i);
    }
  }

  private void setTopVar(int n, Object value) {
    varValues.set(varValues.size() - n, value);
  }

  private void setVar(String name, Object value) {
    for (int i = varNames.size() - 1; i >= 0; i--) {
      if (varNames.get(i).equals(name)) {
        varValues.set(i, value);
        return;
      }
    }
    throw errorf("undefined variable: " + name);
  }

  private Object varValue(String name) {
    for (int i = varNames.size() - 1; i >= 0; i--) {
      if (varNames.get(i).equals(name)) return varValues.get(i);
    }
    throw errorf("undefined variable: " + name);
  }

  // ---- walking -------------------------------------------------------------------------------------------------

  private void walk(Object dot, Node n) {
    at(n);
    switch (n) {
      case ActionNode a -> {
        Object val = evalPipeline(dot, a.pipe());
        if (a.pipe().decl().isEmpty()) printValue(a, val);
      }
      case BreakNode b -> throw BREAK;
      case ContinueNode c -> throw CONTINUE;
      case CommentNode c -> { }
      case BranchNode b when b.kind() == BranchKind.RANGE -> walkRange(dot, b);
      case BranchNode b -> walkIfOrWith(b, dot);
      case ListNode l -> {
        for (Node child : l.nodes()) walk(dot, child);
      }
      case TemplateNode t -> walkTemplate(dot, t);
      case TextNode t -> out.append(t.text());
      default -> throw errorf("unknown node: " + n);
    }
  }

  private void printValue(Node n, Object v) {
    at(n);
    if (v == Values.MISSING) {
      out.append("<no value>");
      return;
    }
    if (v instanceof TemplateMethod) throw errorf("can't print " + n + " of type " + Values.typeName(v));
    GoFormat.print(v, out);
  }

  private void walkIfOrWith(BranchNode b, Object dot) {
    int mark = mark();
    try {
      Object val = evalPipeline(dot, b.pipe());
      if (Values.truth(val)) {
        walk(b.kind() == BranchKind.WITH ? val : dot, b.list());
      } else if (b.elseList() != null) {
        walk(dot, b.elseList());
      }
    } finally {
      pop(mark);
    }
  }

  private void walkRange(Object dot, BranchNode r) {
    at(r);
    int outer = mark();
    try {
      Object val = evalPipeline(dot, r.pipe());
      int mark = mark();
      try {
        if (rangeOver(val, r, mark)) return;
      } catch (Break b) {
        return;
      }
      if (r.elseList() != null) walk(dot, r.elseList());
    } finally {
      pop(outer);
    }
  }

  /** Runs the body per element; false when there was nothing to iterate (so the else branch runs). */
  private boolean rangeOver(Object val, BranchNode r, int mark) {
    if (val == null || val == Values.MISSING) return false;
    if (Values.isList(val)) {
      List<?> list = Values.asList(val);
      if (list.isEmpty()) return false;
      for (int i = 0; i < list.size(); i++) oneIteration(r, mark, i, list.get(i));
      return true;
    }
    if (val instanceof Map<?, ?> m) {
      if (m.isEmpty()) return false;
      for (Map.Entry<?, ?> e : Values.sortedEntries(m)) oneIteration(r, mark, e.getKey(), e.getValue());
      return true;
    }
    if (Values.isInteger(val) && !(val instanceof BigInteger)) {
      if (r.pipe().decl().size() > 1) {
        throw errorf("can't use " + GoFormat.sprint(List.of(val)) + " to iterate over more than one variable");
      }
      long n = Values.longValue(val);
      boolean isInt = val instanceof Integer;
      for (long i = 0; i < n; i++) {
        Object v = isInt ? (Object) (int) i : (Object) i;
        oneIteration(r, mark, v, v);
      }
      return n > 0;
    }
    throw errorf("range can't iterate over " + GoFormat.sprint(List.of(val)));
  }

  private void oneIteration(BranchNode r, int mark, Object index, Object elem) {
    List<VariableNode> decl = r.pipe().decl();
    if (!decl.isEmpty()) {
      if (r.pipe().isAssign()) {
        setVar(decl.getFirst().ident().getFirst(), decl.size() > 1 ? index : elem);
      } else {
        setTopVar(1, elem);
      }
    }
    if (decl.size() > 1) {
      if (r.pipe().isAssign()) setVar(decl.get(1).ident().getFirst(), elem);
      else setTopVar(2, index);
    }
    try {
      walk(elem, r.list());
    } catch (Continue c) {
      // next element
    } finally {
      pop(mark);
    }
  }

  private void walkTemplate(Object dot, TemplateNode t) {
    at(t);
    Parser.Tree tree = trees.get(t.name());
    if (tree == null) throw errorf("template " + GoFormat.quote(t.name()) + " not defined");
    if (depth == MAX_EXEC_DEPTH) throw errorf("exceeded maximum template depth (" + MAX_EXEC_DEPTH + ")");
    Object newDot = evalPipeline(dot, t.pipe());
    // No dynamic scoping: the template sees only $, bound to its dot.
    String savedName = tmplName;
    List<String> savedNames = new ArrayList<>(varNames);
    List<Object> savedValues = new ArrayList<>(varValues);
    varNames.clear();
    varValues.clear();
    push("$", newDot);
    tmplName = t.name();
    depth++;
    try {
      walk(newDot, tree.root());
    } finally {
      depth--;
      tmplName = savedName;
      varNames.clear();
      varValues.clear();
      varNames.addAll(savedNames);
      varValues.addAll(savedValues);
    }
  }

  // ---- evaluation ----------------------------------------------------------------------------------------------

  private Object evalPipeline(Object dot, PipeNode pipe) {
    if (pipe == null) return Values.MISSING;
    at(pipe);
    Object value = NO_FINAL;
    for (CommandNode cmd : pipe.cmds()) value = evalCommand(dot, cmd, value);
    for (VariableNode v : pipe.decl()) {
      if (pipe.isAssign()) setVar(v.ident().getFirst(), value);
      else push(v.ident().getFirst(), value);
    }
    return value;
  }

  private void notAFunction(List<Node> args, Object fin) {
    if ((args != null && args.size() > 1) || fin != NO_FINAL) {
      throw errorf("can't give argument to non-function " + args.getFirst());
    }
  }

  private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
    Node first = cmd.args().getFirst();
    switch (first) {
      case FieldNode f -> {
        return evalFieldNode(dot, f, cmd.args(), fin);
      }
      case ChainNode c -> {
        return evalChainNode(dot, c, cmd.args(), fin);
      }
      case IdentifierNode id -> {
        return evalFunction(dot, id, cmd, cmd.args(), fin);
      }
      case PipeNode p -> {
        notAFunction(cmd.args(), fin);
        return evalPipeline(dot, p);
      }
      case VariableNode v -> {
        return evalVariableNode(dot, v, cmd.args(), fin);
      }
      default -> { }
    }
    at(first);
    notAFunction(cmd.args(), fin);
    return switch (first) {
      case BoolNode b -> b.value();
      case DotNode d -> dot;
      case NilNode n -> throw errorf("nil is not a command");
      case NumberNode n -> idealConstant(n);
      case StringNode s -> s.text();
      default -> throw errorf("can't evaluate command " + GoFormat.quote(first.toString()));
    };
  }

  private Object idealConstant(NumberNode n) {
    at(n);
    if (n.isFloatSyntax()) return n.floatValue();
    if (n.isInt()) {
      long v = n.intValue();
      return v == (int) v ? (Object) (int) v : (Object) v;
    }
    if (n.isUint()) throw errorf(n.text() + " overflows int");
    return Values.MISSING;
  }

  private Object evalFieldNode(Object dot, FieldNode field, List<Node> args, Object fin) {
    at(field);
    return evalFieldChain(dot, dot, field, field.ident(), args, fin);
  }

  private Object evalChainNode(Object dot, ChainNode chain, List<Node> args, Object fin) {
    at(chain);
    if (chain.node() instanceof NilNode) throw errorf("indirection through explicit nil in " + chain);
    Object pipe = evalAny(dot, chain.node());
    return evalFieldChain(dot, pipe, chain, chain.fields(), args, fin);
  }

  private Object evalVariableNode(Object dot, VariableNode v, List<Node> args, Object fin) {
    at(v);
    Object value = varValue(v.ident().getFirst());
    if (v.ident().size() == 1) {
      notAFunction(args, fin);
      return value;
    }
    return evalFieldChain(dot, value, v, v.ident().subList(1, v.ident().size()), args, fin);
  }

  private Object evalFieldChain(Object dot, Object receiver, Node n, List<String> ident, List<Node> args, Object fin) {
    int last = ident.size() - 1;
    for (int i = 0; i < last; i++) receiver = evalField(dot, ident.get(i), n, null, NO_FINAL, receiver);
    return evalField(dot, ident.get(last), n, args, fin, receiver);
  }

  private Object evalField(Object dot, String fieldName, Node n, List<Node> args, Object fin, Object receiver) {
    if (receiver == Values.MISSING) return Values.MISSING;
    if (receiver == null) throw errorf("nil pointer evaluating interface {}." + fieldName);
    if (receiver instanceof Map<?, ?> m) {
      Object v = m.get(fieldName);
      if (v instanceof TemplateMethod method) return callMethod(dot, method, fieldName, n, args, fin);
      boolean hasArgs = (args != null && args.size() > 1) || fin != NO_FINAL;
      if (hasArgs) throw errorf(fieldName + " is not a method but has arguments");
      return v == null && !m.containsKey(fieldName) ? Values.MISSING : v;
    }
    throw errorf("can't evaluate field " + fieldName + " in type " + Values.typeName(receiver));
  }

  private Object callMethod(Object dot, TemplateMethod method, String name, Node n, List<Node> args, Object fin) {
    List<Object> argv = new ArrayList<>();
    if (args != null) for (int i = 1; i < args.size(); i++) argv.add(evalArg(dot, Param.ANY, args.get(i)));
    if (fin != NO_FINAL) argv.add(fin == Values.MISSING ? null : fin);
    try {
      return method.call(argv);
    } catch (TemplateException e) {
      throw e;
    } catch (RuntimeException e) {
      at(n);
      throw errorf("error calling " + name + ": " + e.getMessage());
    }
  }

  private Object evalFunction(Object dot, IdentifierNode id, Node cmd, List<Node> args, Object fin) {
    at(id);
    Func f = funcs.get(id.ident());
    if (f == null) throw errorf(GoFormat.quote(id.ident()) + " is not a defined function");
    return evalCall(dot, f, cmd, args, fin);
  }

  private Object evalCall(Object dot, Func f, Node cmd, List<Node> args, Object fin) {
    String name = f.name();
    List<Node> argNodes = args == null ? List.of() : args.subList(1, args.size());
    int numIn = argNodes.size() + (fin != NO_FINAL ? 1 : 0);
    int numFixed = f.params().size();
    if (f.variadic() != null) {
      if (numIn < numFixed) {
        throw errorf("wrong number of args for " + name + ": want at least " + numFixed + " got " + argNodes.size());
      }
    } else if (numIn != numFixed) {
      throw errorf("wrong number of args for " + name + ": want " + numFixed + " got " + numIn);
    }
    if (f.builtin() && (name.equals("and") || name.equals("or"))) {
      boolean isOr = name.equals("or");
      Object v = null;
      for (Node arg : argNodes) {
        v = evalArg(dot, Param.VALUE, arg);
        if (Values.truth(v) == isOr) return v;
      }
      if (fin != NO_FINAL) v = fin;
      return v;
    }
    Object[] argv = new Object[numIn];
    int i = 0;
    for (; i < numFixed && i < argNodes.size(); i++) argv[i] = evalArg(dot, f.params().get(i), argNodes.get(i));
    for (; i < argNodes.size(); i++) argv[i] = evalArg(dot, f.variadic(), argNodes.get(i));
    if (fin != NO_FINAL) {
      Param t = numIn - 1 < numFixed ? f.params().get(numIn - 1) : f.variadic();
      argv[i] = validateType(fin, t);
    }
    try {
      return f.impl().call(argv);
    } catch (FuncError e) {
      at(cmd);
      throw errorf("error calling " + name + ": " + e.getMessage());
    }
  }

  /** Evaluates an argument of any type (Go's evalEmptyInterface). */
  private Object evalAny(Object dot, Node n) {
    at(n);
    return switch (n) {
      case BoolNode b -> b.value();
      case DotNode d -> dot;
      case FieldNode f -> evalFieldNode(dot, f, null, NO_FINAL);
      case IdentifierNode id -> evalFunction(dot, id, id, null, NO_FINAL);
      case NilNode nil -> null;
      case NumberNode num -> idealConstant(num);
      case StringNode s -> s.text();
      case VariableNode v -> evalVariableNode(dot, v, null, NO_FINAL);
      case PipeNode p -> evalPipeline(dot, p);
      case ChainNode c -> evalChainNode(dot, c, null, NO_FINAL);
      default -> throw errorf("can't handle assignment of " + n + " to empty interface argument");
    };
  }

  private Object evalArg(Object dot, Param typ, Node n) {
    at(n);
    switch (n) {
      case DotNode d -> {
        return validateType(dot, typ);
      }
      case NilNode nil -> {
        if (typ == Param.VALUE || typ == Param.ANY) return null;
        if (typ == Param.STRING_LIST) return List.of(); // a nil slice
        throw errorf("cannot assign nil to " + typ.goType());
      }
      case FieldNode f -> {
        return validateType(evalFieldNode(dot, f, List.of(n), NO_FINAL), typ);
      }
      case VariableNode v -> {
        return validateType(evalVariableNode(dot, v, null, NO_FINAL), typ);
      }
      case PipeNode p -> {
        return validateType(evalPipeline(dot, p), typ);
      }
      case IdentifierNode id -> {
        return validateType(evalFunction(dot, id, id, null, NO_FINAL), typ);
      }
      case ChainNode c -> {
        return validateType(evalChainNode(dot, c, null, NO_FINAL), typ);
      }
      default -> { }
    }
    switch (typ) {
      case VALUE, ANY -> {
        return evalAny(dot, n);
      }
      case STRING -> {
        if (n instanceof StringNode s) return s.text();
        throw errorf("expected string; found " + n);
      }
      case INT -> {
        if (n instanceof NumberNode num && num.isInt()) return num.intValue();
        throw errorf("expected integer; found " + n);
      }
      default -> throw errorf("can't handle " + n + " for arg of type " + typ.goType());
    }
  }

  private Object validateType(Object value, Param typ) {
    switch (typ) {
      case VALUE -> {
        return value;
      }
      case ANY -> {
        return value == Values.MISSING ? null : value;
      }
      case STRING -> {
        if (value instanceof String) return value;
        if (value == Values.MISSING) throw errorf("invalid value; expected string");
        throw errorf("wrong type for value; expected string; got " + Values.typeName(value));
      }
      case INT -> {
        if (value instanceof BigInteger b && b.bitLength() < 64) return b.longValue();
        if (Values.isInteger(value) && !(value instanceof BigInteger)) return Values.longValue(value);
        if (value == Values.MISSING) throw errorf("invalid value; expected int");
        throw errorf("wrong type for value; expected int; got " + Values.typeName(value));
      }
      case STRING_LIST -> {
        if (value == Values.MISSING || value == null) return List.of();
        if (Values.isList(value)) {
          List<?> list = Values.asList(value);
          List<String> strings = new ArrayList<>(list.size());
          for (Object o : list) {
            if (!(o instanceof String s)) {
              throw errorf("wrong type for value; expected []string; got " + Values.typeName(value));
            }
            strings.add(s);
          }
          return strings;
        }
        throw errorf("wrong type for value; expected []string; got " + Values.typeName(value));
      }
    }
    throw new IllegalStateException(typ.toString());
  }
}
