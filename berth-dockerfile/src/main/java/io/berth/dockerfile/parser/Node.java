package io.berth.dockerfile.parser;

import io.berth.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * BuildKit's low-level AST node: an instruction is a node whose {@code value} is the keyword as
 * written and whose {@code next} chain holds the arguments; the root holds the instructions as
 * children. ONBUILD's argument is a node whose single child is the inner instruction. Kept as
 * BuildKit shapes it so its parser test dumps compare byte for byte.
 */
public final class Node {
  private String value = "";
  private Node next;
  private final List<Node> children = new ArrayList<>();
  private final List<Heredoc> heredocs = new ArrayList<>();
  private boolean json;
  private String original = "";
  private List<String> flags = List.of();
  private List<String> prevComment = List.of();
  private int startLine;
  private int endLine;

  Node() {}

  Node(String value) {
    this.value = value;
  }

  Node(String value, Node next) {
    this.value = value;
    this.next = next;
  }

  /** The keyword as written ("RUN", "run") for an instruction, the text of an argument otherwise. */
  public String value() {
    return value;
  }

  public Node next() {
    return next;
  }

  public List<Node> children() {
    return Collections.unmodifiableList(children);
  }

  public List<Heredoc> heredocs() {
    return Collections.unmodifiableList(heredocs);
  }

  /** True when the arguments were written as a JSON array (exec form). */
  public boolean json() {
    return json;
  }

  /** The instruction's whole line, continuations joined and comments removed. */
  public String original() {
    return original;
  }

  /** The {@code --flag[=value]} words before the arguments. */
  public List<String> flags() {
    return flags;
  }

  /** The comment lines right above the instruction. */
  public List<String> prevComment() {
    return prevComment;
  }

  public int startLine() {
    return startLine;
  }

  public int endLine() {
    return endLine;
  }

  /** The argument values, ONBUILD's inner keyword and arguments flattened (BuildKit's nodeArgs). */
  public List<String> args() {
    List<String> result = new ArrayList<>();
    for (Node n = this; n.next != null; n = n.next) {
      Node arg = n.next;
      if (arg.children.isEmpty()) {
        result.add(arg.value);
      } else if (arg.children.size() == 1) {
        result.add(arg.children.getFirst().value);
        result.addAll(arg.children.getFirst().args());
      }
    }
    return result;
  }

  /** BuildKit's Node.Dump: the s-expression its parser tests compare against. */
  public String dump() {
    StringBuilder out = new StringBuilder(value.toLowerCase(Locale.ROOT));
    if (!flags.isEmpty()) {
      out.append(' ').append(GoText.quoteList(flags));
    }
    for (Node child : children) {
      out.append('(').append(child.dump()).append(")\n");
    }
    for (Node n = next; n != null; n = n.next) {
      out.append(' ');
      out.append(n.children.isEmpty() ? GoText.quote(n.value) : n.dump());
    }
    return GoText.trimSpace(out.toString());
  }

  void setNext(Node next) {
    this.next = next;
  }

  void setValue(String value) {
    this.value = value;
  }

  void setJson(boolean json) {
    this.json = json;
  }

  void setOriginal(String original) {
    this.original = original;
  }

  void setFlags(List<String> flags) {
    this.flags = List.copyOf(flags);
  }

  void setPrevComment(List<String> comments) {
    this.prevComment = List.copyOf(comments);
  }

  void addHeredoc(Heredoc heredoc) {
    heredocs.add(heredoc);
  }

  void lines(int start, int end) {
    this.startLine = start;
    this.endLine = end;
  }

  /** Adds an instruction to the root, which spans from its first to its last instruction. */
  void addChild(Node child, int start, int end) {
    child.lines(start, end);
    if (startLine < 0) {
      startLine = start;
    }
    endLine = end;
    children.add(child);
  }

  void addChildNode(Node child) {
    children.add(child);
  }
}
