package io.berth.template;

import io.berth.template.Lexer.Item;
import io.berth.template.Lexer.Type;
import io.berth.template.Node.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Go's text/template parser (parse/parse.go), ported closely so errors read and point as Go's do. */
final class Parser {
  /** One named template: its body. */
  record Tree(String name, ListNode root) {}

  private static final int MAX_STACK_DEPTH = 10000;

  private final String parseName;
  private final List<Item> items;
  private final Set<String> functions;
  private final Map<String, Tree> treeSet;
  private int itemIndex;
  // three-token lookahead, as in Go
  private final Item[] token = new Item[3];
  private int peekCount;
  private List<String> vars = new ArrayList<>();
  private int actionLine;
  private int rangeDepth;
  private int stackDepth;

  private Parser(String parseName, String text, Set<String> functions, Map<String, Tree> treeSet, List<Item> items) {
    this.parseName = parseName;
    this.items = items;
    this.functions = functions;
    this.treeSet = treeSet;
    vars.add("$");
  }

  /** Parses {@code text} as the template {@code name}; returns every template it defines, by name. */
  static Map<String, Tree> parse(String name, String text, Set<String> functions) {
    Map<String, Tree> treeSet = new LinkedHashMap<>();
    Parser p = new Parser(name, text, functions, treeSet, Lexer.lex(text));
    ListNode root = p.parseTop();
    p.add(name, root);
    return treeSet;
  }

  private Parser child() {
    Parser c = new Parser(parseName, null, functions, treeSet, items);
    c.itemIndex = itemIndex;
    c.peekCount = peekCount;
    System.arraycopy(token, 0, c.token, 0, 3);
    return c;
  }

  private void resume(Parser c) {
    itemIndex = c.itemIndex;
    peekCount = c.peekCount;
    System.arraycopy(c.token, 0, token, 0, 3);
  }

  private Item nextItem() {
    if (itemIndex < items.size()) return items.get(itemIndex++);
    Item last = items.getLast();
    return new Item(Type.EOF, last.pos(), "", last.line());
  }

  private Item next() {
    if (peekCount > 0) peekCount--;
    else token[0] = nextItem();
    return token[peekCount];
  }

  private void backup() {
    peekCount++;
  }

  private void backup2(Item t1) {
    token[1] = t1;
    peekCount = 2;
  }

  private void backup3(Item t2, Item t1) {
    token[1] = t1;
    token[2] = t2;
    peekCount = 3;
  }

  private Item peek() {
    if (peekCount > 0) return token[peekCount - 1];
    peekCount = 1;
    token[0] = nextItem();
    return token[0];
  }

  private Item nextNonSpace() {
    Item t;
    do {
      t = next();
    } while (t.type() == Type.SPACE);
    return t;
  }

  private Item peekNonSpace() {
    Item t = nextNonSpace();
    backup();
    return t;
  }

  private TemplateException errorf(String message) {
    throw new TemplateException("template: " + parseName + ":" + token[0].line() + ": " + message);
  }

  private Item expect(Type expected, String context) {
    Item t = nextNonSpace();
    if (t.type() != expected) unexpected(t, context);
    return t;
  }

  private void unexpected(Item t, String context) {
    if (t.type() == Type.ERROR) {
      String extra = "";
      if (actionLine != 0 && actionLine != t.line()) {
        extra = " in action started at " + parseName + ":" + actionLine;
        if (t.val().endsWith(" action")) extra = extra.substring(" in action".length());
      }
      throw errorf(t + extra);
    }
    throw errorf("unexpected " + t + " in " + context);
  }

  private void add(String name, ListNode root) {
    Tree existing = treeSet.get(name);
    if (existing == null || isEmptyTree(existing.root())) {
      treeSet.put(name, new Tree(name, root));
      return;
    }
    if (!isEmptyTree(root)) errorf("template: multiple definition of template " + GoFormat.quote(name));
  }

  static boolean isEmptyTree(Node n) {
    return switch (n) {
      case null -> true;
      case CommentNode c -> true;
      case ListNode l -> l.nodes().stream().allMatch(Parser::isEmptyTree);
      case TextNode t -> t.text().isBlank();
      default -> false;
    };
  }

  private ListNode parseTop() {
    ListNode root = new ListNode(peek().pos());
    while (peek().type() != Type.EOF) {
      if (peek().type() == Type.LEFT_DELIM) {
        Item delim = next();
        if (nextNonSpace().type() == Type.DEFINE) {
          Parser def = child();
          def.parseDefinition();
          resume(def);
          continue;
        }
        backup2(delim);
      }
      Node n = textOrAction();
      if (n instanceof EndNode || n instanceof ElseNode) errorf("unexpected " + n);
      root.nodes().add(n);
    }
    return root;
  }

  private void parseDefinition() {
    String context = "define clause";
    Item name = nextNonSpace();
    if (name.type() != Type.STRING && name.type() != Type.RAW_STRING) unexpected(name, context);
    String defName = unquote(name.val());
    expect(Type.RIGHT_DELIM, context);
    ItemList body = itemList();
    if (!(body.end() instanceof EndNode)) errorf("unexpected " + body.end() + " in " + context);
    add(defName, body.list());
  }

  private record ItemList(ListNode list, Node end) {}

  private ItemList itemList() {
    ListNode list = new ListNode(peekNonSpace().pos());
    while (peekNonSpace().type() != Type.EOF) {
      Node n = textOrAction();
      if (n instanceof EndNode || n instanceof ElseNode) return new ItemList(list, n);
      list.nodes().add(n);
    }
    throw errorf("unexpected EOF");
  }

  private Node textOrAction() {
    Item t = nextNonSpace();
    switch (t.type()) {
      case TEXT:
        return new TextNode(t.pos(), t.val());
      case LEFT_DELIM:
        actionLine = t.line();
        try {
          return action();
        } finally {
          actionLine = 0;
        }
      case COMMENT:
        return new CommentNode(t.pos(), t.val());
      default:
        unexpected(t, "input");
        return null;
    }
  }

  private Node action() {
    Item t = nextNonSpace();
    switch (t.type()) {
      case BLOCK: return blockControl();
      case BREAK: return breakControl(t, "{{break}}");
      case CONTINUE: return breakControl(t, "{{continue}}");
      case ELSE: return elseControl();
      case END: return new EndNode(expect(Type.RIGHT_DELIM, "end").pos());
      case IF: return branch(BranchKind.IF);
      case RANGE: return branch(BranchKind.RANGE);
      case TEMPLATE: return templateControl();
      case WITH: return branch(BranchKind.WITH);
      default: break;
    }
    backup();
    Item first = peek();
    return new ActionNode(first.pos(), first.line(), pipeline("command", Type.RIGHT_DELIM));
  }

  private Node breakControl(Item keyword, String context) {
    Item t = nextNonSpace();
    if (t.type() != Type.RIGHT_DELIM) unexpected(t, context);
    boolean isBreak = keyword.type() == Type.BREAK;
    if (rangeDepth == 0) errorf(context + " outside {{range}}");
    return isBreak ? new BreakNode(keyword.pos(), keyword.line()) : new ContinueNode(keyword.pos(), keyword.line());
  }

  private PipeNode pipeline(String context, Type end) {
    Item first = peekNonSpace();
    boolean isAssign = false;
    List<VariableNode> decl = new ArrayList<>();
    List<CommandNode> cmds = new ArrayList<>();
    decls:
    while (true) {
      Item v = peekNonSpace();
      if (v.type() != Type.VARIABLE) break;
      next();
      Item tokenAfterVariable = peek();
      Item nxt = peekNonSpace();
      if (nxt.type() == Type.ASSIGN || nxt.type() == Type.DECLARE) {
        isAssign = nxt.type() == Type.ASSIGN;
        nextNonSpace();
        decl.add(new VariableNode(v.pos(), List.of(v.val())));
        vars.add(v.val());
      } else if (nxt.type() == Type.CHAR && nxt.val().equals(",")) {
        nextNonSpace();
        decl.add(new VariableNode(v.pos(), List.of(v.val())));
        vars.add(v.val());
        if (context.equals("range") && decl.size() < 2) {
          Type pt = peekNonSpace().type();
          if (pt == Type.VARIABLE || pt == Type.RIGHT_DELIM || pt == Type.RIGHT_PAREN) continue decls;
          errorf("range can only initialize variables");
        }
        errorf("too many declarations in " + context);
      } else if (tokenAfterVariable.type() == Type.SPACE) {
        backup3(v, tokenAfterVariable);
      } else {
        backup2(v);
      }
      break;
    }
    while (true) {
      Item t = nextNonSpace();
      if (t.type() == end) {
        checkPipeline(cmds, context);
        return new PipeNode(first.pos(), first.line(), isAssign, decl, cmds);
      }
      switch (t.type()) {
        case BOOL, CHAR_CONSTANT, COMPLEX, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE,
            LEFT_PAREN -> {
          backup();
          cmds.add(command());
        }
        default -> unexpected(t, context);
      }
    }
  }

  private void checkPipeline(List<CommandNode> cmds, String context) {
    if (cmds.isEmpty()) errorf("missing value for " + context);
    for (int i = 1; i < cmds.size(); i++) {
      Node first = cmds.get(i).args().getFirst();
      if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
          || first instanceof NumberNode || first instanceof StringNode) {
        errorf("non executable command in pipeline stage " + (i + 1));
      }
    }
  }

  private Node branch(BranchKind kind) {
    String context = switch (kind) {
      case IF -> "if";
      case RANGE -> "range";
      case WITH -> "with";
    };
    int mark = vars.size();
    try {
      PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
      if (kind == BranchKind.RANGE) rangeDepth++;
      ItemList body = itemList();
      if (kind == BranchKind.RANGE) rangeDepth--;
      ListNode elseList = null;
      if (body.end() instanceof ElseNode) {
        if (kind == BranchKind.IF && peek().type() == Type.IF) {
          next();
          elseList = new ListNode(body.end().pos());
          elseList.nodes().add(branch(BranchKind.IF));
        } else if (kind == BranchKind.WITH && peek().type() == Type.WITH) {
          next();
          elseList = new ListNode(body.end().pos());
          elseList.nodes().add(branch(BranchKind.WITH));
        } else {
          ItemList rest = itemList();
          if (!(rest.end() instanceof EndNode)) errorf("expected end; found " + rest.end());
          elseList = rest.list();
        }
      }
      return new BranchNode(kind, pipe.pos(), pipe.line(), pipe, body.list(), elseList);
    } finally {
      vars = new ArrayList<>(vars.subList(0, mark));
    }
  }

  private Node elseControl() {
    Item p = peekNonSpace();
    if (p.type() == Type.IF || p.type() == Type.WITH) return new ElseNode(p.pos(), p.line());
    Item t = expect(Type.RIGHT_DELIM, "else");
    return new ElseNode(t.pos(), t.line());
  }

  private Node blockControl() {
    String context = "block clause";
    Item t = nextNonSpace();
    String name = templateName(t, context);
    PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
    Parser block = child();
    ItemList body = block.itemList();
    if (!(body.end() instanceof EndNode)) errorf("unexpected " + body.end() + " in " + context);
    resume(block);
    add(name, body.list());
    return new TemplateNode(t.pos(), t.line(), name, pipe);
  }

  private Node templateControl() {
    String context = "template clause";
    Item t = nextNonSpace();
    String name = templateName(t, context);
    PipeNode pipe = null;
    if (nextNonSpace().type() != Type.RIGHT_DELIM) {
      backup();
      pipe = pipeline(context, Type.RIGHT_DELIM);
    }
    return new TemplateNode(t.pos(), t.line(), name, pipe);
  }

  private String templateName(Item t, String context) {
    if (t.type() != Type.STRING && t.type() != Type.RAW_STRING) unexpected(t, context);
    return unquote(t.val());
  }

  private CommandNode command() {
    CommandNode cmd = new CommandNode(peekNonSpace().pos(), new ArrayList<>());
    while (true) {
      peekNonSpace();
      Node operand = operand();
      if (operand != null) cmd.args().add(operand);
      Item t = next();
      switch (t.type()) {
        case SPACE:
          continue;
        case RIGHT_DELIM, RIGHT_PAREN:
          backup();
          break;
        case PIPE:
          break;
        default:
          unexpected(t, "operand");
      }
      break;
    }
    if (cmd.args().isEmpty()) errorf("empty command");
    return cmd;
  }

  private Node operand() {
    Node node = term();
    if (node == null) return null;
    if (peek().type() == Type.FIELD) {
      int chainPos = peek().pos();
      List<String> fields = new ArrayList<>();
      while (peek().type() == Type.FIELD) fields.add(next().val().substring(1));
      switch (node) {
        case FieldNode f -> {
          List<String> all = new ArrayList<>(f.ident());
          all.addAll(fields);
          node = new FieldNode(chainPos, all);
        }
        case VariableNode v -> {
          List<String> all = new ArrayList<>(v.ident());
          all.addAll(fields);
          node = new VariableNode(chainPos, all);
        }
        case BoolNode b -> errorf("unexpected . after term " + GoFormat.quote(node.toString()));
        case StringNode s -> errorf("unexpected . after term " + GoFormat.quote(node.toString()));
        case NumberNode n -> errorf("unexpected . after term " + GoFormat.quote(node.toString()));
        case NilNode n -> errorf("unexpected . after term " + GoFormat.quote(node.toString()));
        case DotNode d -> errorf("unexpected . after term " + GoFormat.quote(node.toString()));
        default -> node = new ChainNode(chainPos, node, fields);
      }
    }
    return node;
  }

  private Node term() {
    Item t = nextNonSpace();
    switch (t.type()) {
      case IDENTIFIER:
        if (!functions.contains(t.val())) errorf("function " + GoFormat.quote(t.val()) + " not defined");
        return new IdentifierNode(t.pos(), t.val());
      case DOT:
        return new DotNode(t.pos());
      case NIL:
        return new NilNode(t.pos());
      case VARIABLE:
        return useVar(t.pos(), t.val());
      case FIELD:
        return new FieldNode(t.pos(), List.of(t.val().substring(1)));
      case BOOL:
        return new BoolNode(t.pos(), t.val().equals("true"));
      case CHAR_CONSTANT, COMPLEX, NUMBER:
        return number(t);
      case LEFT_PAREN:
        if (stackDepth >= MAX_STACK_DEPTH) errorf("max expression depth exceeded");
        stackDepth++;
        try {
          return pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
        } finally {
          stackDepth--;
        }
      case STRING, RAW_STRING:
        return new StringNode(t.pos(), t.val(), unquote(t.val()));
      default:
        backup();
        return null;
    }
  }

  private Node useVar(int pos, String name) {
    List<String> ident = List.of(name.split("\\.", -1));
    if (!vars.contains(ident.getFirst())) errorf("undefined variable " + GoFormat.quote(ident.getFirst()));
    return new VariableNode(pos, ident);
  }

  private String unquote(String quoted) {
    try {
      return GoLiterals.unquote(quoted);
    } catch (IllegalArgumentException e) {
      throw errorf(e.getMessage());
    }
  }

  private NumberNode number(Item t) {
    String text = t.val();
    if (t.type() == Type.CHAR_CONSTANT) {
      int rune;
      try {
        rune = GoLiterals.unquoteChar(text);
      } catch (IllegalArgumentException e) {
        throw errorf(e.getMessage());
      }
      return new NumberNode(t.pos(), text, true, rune, true, true, rune, false);
    }
    if (t.type() == Type.COMPLEX
        || (text.endsWith("i") && GoLiterals.parseFloat(text.substring(0, text.length() - 1)) != null)) {
      throw errorf("complex constants are not supported: " + text);
    }
    BigInteger big = GoLiterals.parseInteger(text);
    boolean isInt = false, isUint = false, isFloat = false;
    long intValue = 0;
    double floatValue = 0;
    if (big != null) {
      if (big.bitLength() < 64) {
        isInt = true;
        intValue = big.longValue();
        isUint = big.signum() >= 0;
      } else if (big.signum() > 0 && big.bitLength() == 64) {
        isUint = true;
      }
    }
    if (isInt || isUint) {
      isFloat = true;
      floatValue = big.doubleValue();
    } else {
      Double f = GoLiterals.parseFloat(text);
      if (f != null) {
        if (!containsAny(text, ".eEpP")) errorf("integer overflow: " + text);
        isFloat = true;
        floatValue = f;
        if (f == Math.rint(f) && Math.abs(f) < 0x1p63) {
          isInt = true;
          intValue = (long) (double) f;
        }
      }
    }
    if (!isInt && !isUint && !isFloat) errorf("illegal number syntax: " + GoFormat.quote(text));
    // Go's idealConstant: hex integers may contain 'e' yet stay integers.
    boolean hexInt = text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')
        && !containsAny(text, "pP");
    boolean floatSyntax = isFloat && !hexInt && containsAny(text, ".eEpP");
    return new NumberNode(t.pos(), text, isInt, intValue, isUint, isFloat, floatValue, floatSyntax);
  }

  private static boolean containsAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return true;
    return false;
  }
}
