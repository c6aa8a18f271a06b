package io.berth.template;

import java.util.ArrayList;
import java.util.List;

/** Go's text/template parse tree (parse/node.go). {@code toString} renders nodes as Go does in error context. */
sealed interface Node {
  /** Offset (chars) of the node in the text of the tree that holds it. */
  int pos();

  record ListNode(int pos, List<Node> nodes) implements Node {
    ListNode(int pos) {
      this(pos, new ArrayList<>());
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (Node n : nodes) sb.append(n);
      return sb.toString();
    }
  }

  record TextNode(int pos, String text) implements Node {
    @Override
    public String toString() {
      return text;
    }
  }

  record CommentNode(int pos, String text) implements Node {
    @Override
    public String toString() {
      return "{{" + text + "}}";
    }
  }

  /** A pipeline with optional declaration ({@code $x :=}) or assignment ({@code $x =}). */
  record PipeNode(int pos, int line, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds) implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (!decl.isEmpty()) {
        for (int i = 0; i < decl.size(); i++) {
          if (i > 0) sb.append(", ");
          sb.append(decl.get(i));
        }
        sb.append(isAssign ? " = " : " := ");
      }
      for (int i = 0; i < cmds.size(); i++) {
        if (i > 0) sb.append(" | ");
        sb.append(cmds.get(i));
      }
      return sb.toString();
    }
  }

  record ActionNode(int pos, int line, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      return "{{" + pipe + "}}";
    }
  }

  record CommandNode(int pos, List<Node> args) implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) sb.append(' ');
        Node arg = args.get(i);
        if (arg instanceof PipeNode) sb.append('(').append(arg).append(')');
        else sb.append(arg);
      }
      return sb.toString();
    }
  }

  record IdentifierNode(int pos, String ident) implements Node {
    @Override
    public String toString() {
      return ident;
    }
  }

  /** {@code $} or {@code $x.Field...}: ident[0] is the variable name including the dollar. */
  record VariableNode(int pos, List<String> ident) implements Node {
    @Override
    public String toString() {
      return String.join(".", ident);
    }
  }

  record DotNode(int pos) implements Node {
    @Override
    public String toString() {
      return ".";
    }
  }

  record NilNode(int pos) implements Node {
    @Override
    public String toString() {
      return "nil";
    }
  }

  /** {@code .A.B}: ident holds A, B. */
  record FieldNode(int pos, List<String> ident) implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (String id : ident) sb.append('.').append(id);
      return sb.toString();
    }
  }

  /** A term followed by field accesses, as in {@code (pipe).Field}. */
  record ChainNode(int pos, Node node, List<String> fields) implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (node instanceof PipeNode) sb.append('(').append(node).append(')');
      else sb.append(node);
      for (String f : fields) sb.append('.').append(f);
      return sb.toString();
    }
  }

  record BoolNode(int pos, boolean value) implements Node {
    @Override
    public String toString() {
      return value ? "true" : "false";
    }
  }

  /**
   * A numeric constant with every interpretation that fits, as Go keeps it.
   * {@code isFloatSyntax} marks texts that evaluate to float64 when untyped.
   */
  record NumberNode(int pos, String text, boolean isInt, long intValue, boolean isUint, boolean isFloat,
            double floatValue, boolean isFloatSyntax) implements Node {
    @Override
    public String toString() {
      return text;
    }
  }

  record StringNode(int pos, String quoted, String text) implements Node {
    @Override
    public String toString() {
      return quoted;
    }
  }

  record EndNode(int pos) implements Node {
    @Override
    public String toString() {
      return "{{end}}";
    }
  }

  record ElseNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{else}}";
    }
  }

  record BreakNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{break}}";
    }
  }

  record ContinueNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{continue}}";
    }
  }

  enum BranchKind { IF, RANGE, WITH }

  record BranchNode(BranchKind kind, int pos, int line, PipeNode pipe, ListNode list, ListNode elseList) implements Node {
    @Override
    public String toString() {
      String name = switch (kind) {
        case IF -> "if";
        case RANGE -> "range";
        case WITH -> "with";
      };
      StringBuilder sb = new StringBuilder("{{").append(name).append(' ').append(pipe).append("}}").append(list);
      if (elseList != null) sb.append("{{else}}").append(elseList);
      return sb.append("{{end}}").toString();
    }
  }

  record TemplateNode(int pos, int line, String name, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      if (pipe == null) return "{{template " + GoFormat.quote(name) + "}}";
      return "{{template " + GoFormat.quote(name) + " " + pipe + "}}";
    }
  }
}
