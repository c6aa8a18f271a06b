package io.berth.sys;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OCI runtime-spec {@code linux.seccomp} section, decoded from the plain maps and lists JSON decodes into,
 * with actions and comparison operators already turned into libseccomp's numbers (runc's specconv
 * ConvertStringToAction/ConvertStringToOperator plus libcontainer/seccomp getAction).
 * Load-time settings ({@code flags}, {@code listenerPath}, {@code listenerMetadata}) do not change the BPF
 * program and are ignored.
 */
record SeccompSection(int defaultAction, List<String> architectures, List<Rule> rules) {
  static final int SCMP_ACT_KILL = 0x00000000;
  static final int SCMP_ACT_KILL_PROCESS = 0x80000000;
  static final int SCMP_ACT_TRAP = 0x00030000;
  static final int SCMP_ACT_ERRNO = 0x00050000;
  static final int SCMP_ACT_TRACE = 0x7ff00000;
  static final int SCMP_ACT_LOG = 0x7ffc0000;
  static final int SCMP_ACT_ALLOW = 0x7fff0000;

  private static final int EPERM = 1;
  private static final int MAX_ARG_INDEX = 5; // syscalls have six arguments

  /** One entry of {@code syscalls}: the same action and conditions for every name. */
  record Rule(List<String> names, int action, List<ArgCmp> args) {
    Rule {
      names = List.copyOf(names);
      args = List.copyOf(args);
    }

    /** runc ORs the comparisons (one rule each) when two name the same argument: libseccomp cannot AND them. */
    boolean repeatsAnArgument() {
      boolean[] seen = new boolean[MAX_ARG_INDEX + 1];
      for (ArgCmp a : args) {
        if (seen[a.index()]) {
          return true;
        }
        seen[a.index()] = true;
      }
      return false;
    }
  }

  /** struct scmp_arg_cmp: for SCMP_CMP_MASKED_EQ, value is the mask and valueTwo the expected result. */
  record ArgCmp(int index, int op, long value, long valueTwo) {
  }

  SeccompSection {
    architectures = List.copyOf(architectures);
    rules = List.copyOf(rules);
  }

  /**
   * Decodes and validates the section.
   *
   * @throws IllegalArgumentException naming the offending action, operator, field or value
   */
  static SeccompSection parse(Map<?, ?> section) {
    if (section == null) {
      throw new IllegalArgumentException("seccomp section is null");
    }
    Object defaultName = section.get("defaultAction");
    if (!(defaultName instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException("seccomp defaultAction missing");
    }
    int defaultAction = action(s, section.get("defaultErrnoRet"));
    List<String> architectures = new ArrayList<>();
    for (Object a : list(section.get("architectures"), "architectures")) {
      architectures.add(string(a, "architectures entry"));
    }
    List<Rule> rules = new ArrayList<>();
    for (Object entry : list(section.get("syscalls"), "syscalls")) {
      rules.add(rule(map(entry, "syscalls entry")));
    }
    return new SeccompSection(defaultAction, architectures, rules);
  }

  /** libseccomp's name for an OCI architecture: SCMP_ARCH_X86_64 → x86_64, as libseccomp-golang spells them. */
  static String libseccompArchName(String ociName) {
    String prefix = "SCMP_ARCH_";
    if (!ociName.startsWith(prefix)) {
      throw new IllegalArgumentException("unknown seccomp architecture " + ociName);
    }
    return ociName.substring(prefix.length()).toLowerCase(Locale.ROOT);
  }

  private static Rule rule(Map<?, ?> entry) {
    List<String> names = new ArrayList<>();
    for (Object n : list(entry.get("names"), "syscall names")) {
      String name = string(n, "syscall name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty string is not a valid syscall");
      }
      names.add(name);
    }
    int action = action(string(entry.get("action"), "syscall action"), entry.get("errnoRet"));
    List<ArgCmp> args = new ArrayList<>();
    for (Object a : list(entry.get("args"), "syscall args")) {
      args.add(argCmp(map(a, "syscall arg")));
    }
    return new Rule(names, action, args);
  }

  private static ArgCmp argCmp(Map<?, ?> arg) {
    long index = uint64(arg.get("index"), "arg index");
    if (index > MAX_ARG_INDEX) {
      throw new IllegalArgumentException("syscalls only have up to 6 arguments (index " + index + " given)");
    }
    long value = uint64(arg.get("value"), "arg value");
    long valueTwo = arg.get("valueTwo") == null ? 0 : uint64(arg.get("valueTwo"), "arg valueTwo");
    return new ArgCmp((int) index, op(string(arg.get("op"), "arg op")), value, valueTwo);
  }

  private static int action(String name, Object errnoRet) {
    // runc: ERRNO and TRACE return EPERM unless errnoRet says otherwise; libseccomp keeps the low 16 bits
    int data = errnoRet == null ? EPERM : (int) (uint64(errnoRet, "errnoRet") & 0xffff);
    return switch (name) {
      case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> SCMP_ACT_KILL;
      case "SCMP_ACT_KILL_PROCESS" -> SCMP_ACT_KILL_PROCESS;
      case "SCMP_ACT_TRAP" -> SCMP_ACT_TRAP;
      case "SCMP_ACT_ERRNO" -> SCMP_ACT_ERRNO | data;
      case "SCMP_ACT_TRACE" -> SCMP_ACT_TRACE | data;
      case "SCMP_ACT_LOG" -> SCMP_ACT_LOG;
      case "SCMP_ACT_ALLOW" -> SCMP_ACT_ALLOW;
      case "SCMP_ACT_NOTIFY" -> throw new IllegalArgumentException(
          "seccomp action SCMP_ACT_NOTIFY is not supported");
      default -> throw new IllegalArgumentException("unknown seccomp action " + name);
    };
  }

  /** enum scmp_compare. */
  private static int op(String name) {
    return switch (name) {
      case "SCMP_CMP_NE" -> 1;
      case "SCMP_CMP_LT" -> 2;
      case "SCMP_CMP_LE" -> 3;
      case "SCMP_CMP_EQ" -> 4;
      case "SCMP_CMP_GE" -> 5;
      case "SCMP_CMP_GT" -> 6;
      case "SCMP_CMP_MASKED_EQ" -> 7;
      default -> throw new IllegalArgumentException("unknown seccomp comparison operator " + name);
    };
  }

  private static List<?> list(Object o, String what) {
    if (o == null) {
      return List.of();
    }
    if (o instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException("seccomp " + what + " is not a list: " + o);
  }

  private static Map<?, ?> map(Object o, String what) {
    if (o instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException("seccomp " + what + " is not an object: " + o);
  }

  private static String string(Object o, String what) {
    if (o instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("seccomp " + what + (o == null ? " missing" : " is not a string: " + o));
  }

  /** An unsigned 64-bit JSON number, whatever Number type the decoder chose (Long, BigInteger, Double...). */
  private static long uint64(Object o, String what) {
    if (!(o instanceof Number n)) {
      throw new IllegalArgumentException("seccomp " + what + (o == null ? " missing" : " is not a number: " + o));
    }
    BigInteger v;
    try {
      v = n instanceof BigInteger b ? b : new BigDecimal(n.toString()).toBigIntegerExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("seccomp " + what + " is not an integer: " + n);
    }
    if (v.signum() < 0 || v.bitLength() > 64) {
      throw new IllegalArgumentException("seccomp " + what + " out of the uint64 range: " + n);
    }
    return v.longValue(); // two's complement keeps values above Long.MAX_VALUE bit for bit
  }
}
