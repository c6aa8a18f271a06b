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
 * Not done: runc additionally patches the exported program (libcontainer/seccomp/patchbpf) with a stub that
 * returns ENOSYS for syscalls newer than any the profile names; this class returns libseccomp's program as is.
 * SCMP_ACT_NOTIFY is rejected: berth has no seccomp agent.
 */
public final class SeccompBpf {
    /** Size of one struct sock_filter. */
    public static final int INSTRUCTION_SIZE = 8;

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
            for (String arch : section.architectures()) {
                int token = lib.resolveArch(SeccompSection.libseccompArchName(arch));
                if (token == 0) {
                    throw new IllegalArgumentException("unknown seccomp architecture " + arch);
                }
                filter.addArch(token);
            }
            // runc clears it so libseccomp does not set no_new_privs itself; it is not part of the program
            filter.setAttribute(LibSeccomp.SCMP_FLTATR_CTL_NNP, 0);
            for (SeccompSection.Rule rule : section.rules()) {
                addRule(lib, filter, rule, section.defaultAction());
            }
            return filter.exportBpf();
        }
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
