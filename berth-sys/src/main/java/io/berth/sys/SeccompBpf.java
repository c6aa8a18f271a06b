package io.berth.sys;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Compiles an OCI runtime-spec {@code linux.seccomp} section into the classic BPF program the kernel takes
 * ({@code struct sock_filter[]}, 8 bytes per instruction, for {@code seccomp(SECCOMP_SET_MODE_FILTER)} or
 * {@code prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER)}), with libseccomp called through FFM.
 * <p>
 * It exists so that berth's own exec launcher, which only calls prctl with a ready program, gives a
 * {@code docker exec} process the filter runc gives the container's init: the filter is built the way
 * runc 1.1's libcontainer/seccomp InitSeccomp builds it (same default action, architectures, no_new_privs
 * attribute, rule order, unknown syscalls skipped, rules equal to the default skipped, comparisons on one
 * argument split into separate rules).
 * <p>
 * As runc, the program starts with a prelude that fails syscalls newer than any the profile names with ENOSYS
 * ({@link EnosysPrelude}), unless the default action allows or already returns ENOSYS.
 * SCMP_ACT_NOTIFY is rejected: berth has no seccomp agent.
 */
public final class SeccompBpf {
  /** Size of one struct sock_filter. */
  public static final int INSTRUCTION_SIZE = 8;
  private static final int ENOSYS = 38;

  private SeccompBpf() {
  }

  /**
   * The BPF program for a {@code linux.seccomp} section given as decoded JSON (maps, lists, strings, numbers).
   *
   * @throws IllegalArgumentException for an unknown or unsupported action, operator or architecture, or a
   *                                  malformed section
   * @throws IOException              if libseccomp is missing or one of its calls fails (the message names the
   *                                  function and the negative errno it returned)
   */
  public static byte[] compile(Map<?, ?> ociSeccomp) throws IOException {
    SeccompSection section = SeccompSection.parse(ociSeccomp);
    LibSeccomp lib = LibSeccomp.get();
    try (LibSeccomp.Filter filter = lib.newFilter(section.defaultAction())) {
      List<Integer> tokens = new java.util.ArrayList<>();
      for (String arch : section.architectures()) {
        int token = lib.resolveArch(SeccompSection.libseccompArchName(arch));
        if (token == 0) {
          throw new IllegalArgumentException("unknown seccomp architecture " + arch);
        }
        filter.addArch(token);
        tokens.add(token);
      }
      // runc clears it so libseccomp does not set no_new_privs itself; it is not part of the program
      filter.setAttribute(LibSeccomp.SCMP_FLTATR_CTL_NNP, 0);
      for (SeccompSection.Rule rule : section.rules()) {
        addRule(lib, filter, rule, section.defaultAction());
      }
      byte[] program = filter.exportBpf();
      if (!needsEnosysPrelude(section.defaultAction())) {
        return program;
      }
      return EnosysPrelude.prepend(program, lastSyscalls(lib, section, tokens));
    }
  }

  /** runc's condition: not when unmatched syscalls are allowed anyway, or already get ENOSYS. */
  private static boolean needsEnosysPrelude(int defaultAction) {
    return defaultAction != SeccompSection.SCMP_ACT_ALLOW && defaultAction != SeccompSection.SCMP_ACT_LOG
        && defaultAction != (SeccompSection.SCMP_ACT_ERRNO | ENOSYS);
  }

  /**
   * Per architecture the section names (none named: no prelude, as runc), the largest syscall number among
   * all the section's rules; names unknown there are skipped.
   */
  private static Map<Integer, Integer> lastSyscalls(LibSeccomp lib, SeccompSection section, List<Integer> tokens) {
    Map<Integer, Integer> last = new java.util.LinkedHashMap<>();
    for (int arch : tokens) {
      int largest = 0;
      for (SeccompSection.Rule rule : section.rules()) {
        for (String name : rule.names()) {
          int nr = lib.resolveSyscall(arch, name);
          if (nr != LibSeccomp.NR_SCMP_ERROR && nr > largest) {
            largest = nr; // pseudo-numbers of calls the arch lacks are negative
          }
        }
      }
      if (largest > 0) {
        last.put(arch, largest);
      }
    }
    return last;
  }

  /** runc's matchCall, for each name of the entry. */
  private static void addRule(LibSeccomp lib, LibSeccomp.Filter filter, SeccompSection.Rule rule,
                int defaultAction) throws IOException {
    if (rule.action() == defaultAction) {
      return; // redundant, and libseccomp refuses it
    }
    for (String name : rule.names()) {
      int nr = lib.resolveSyscall(name);
      if (nr == LibSeccomp.NR_SCMP_ERROR) {
        continue; // unknown to this libseccomp: runc ignores it too
      }
      if (rule.repeatsAnArgument()) {
        for (SeccompSection.ArgCmp cmp : rule.args()) {
          filter.addRule(rule.action(), nr, name, List.of(cmp));
        }
      } else {
        filter.addRule(rule.action(), nr, name, rule.args());
      }
    }
  }
}
