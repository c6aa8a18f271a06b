package io.berth.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The program runc puts in front of a container's seccomp filter (libcontainer/seccomp/patchbpf): a
 * syscall with a number above every number the profile names, on the profile's own architecture, fails
 * with ENOSYS rather than the profile's default errno. A syscall newer than the profile is then "not
 * implemented", which is what C libraries test for before they fall back to an older call (glibc's
 * fchmodat2, clone3, faccessat2...), where EPERM would be an error they give up on.
 *
 * <p>Layout: load the architecture, jump to that architecture's section (or straight to the filter), which
 * loads the syscall number and compares it with the largest one named; above it, return ERRNO(ENOSYS),
 * else fall into the filter. On x86_64 the x32 ABI (syscall numbers with bit 30 set) is compared with x32's
 * largest number, or left to the filter when x32 is not in the profile.
 */
final class EnosysPrelude {
  static final int AUDIT_ARCH_X86_64 = 0xC000003E;
  /** libseccomp's token for x32: x86_64's machine without the 64-bit flag; the kernel reports x86_64. */
  static final int SCMP_ARCH_X32 = 0x4000003E;
  private static final int X32_SYSCALL_BIT = 0x40000000;
  private static final int RET_ERRNO_ENOSYS = 0x00050000 | 38;

  private static final int LD_W_ABS = 0x20;
  private static final int JMP_JA = 0x05;
  private static final int JMP_JEQ_K = 0x15;
  private static final int JMP_JGT_K = 0x25;
  private static final int JMP_JSET_K = 0x45;
  private static final int RET_K = 0x06;
  private static final int OFFSET_NR = 0;
  private static final int OFFSET_ARCH = 4;

  private static final String ENOSYS = "enosys";
  private static final String FILTER = "filter";

  private EnosysPrelude() {
  }

  /**
   * The prelude followed by {@code filter}.
   *
   * @param filter the filter's instructions (struct sock_filter, host byte order)
   * @param last   per architecture (libseccomp token), the largest syscall number the profile names
   */
  static byte[] prepend(byte[] filter, Map<Integer, Integer> last) {
    Map<Integer, Map<Integer, Integer>> byNative = new LinkedHashMap<>(); // audit arch -> token -> last
    last.forEach((token, nr) -> byNative.computeIfAbsent(token == SCMP_ARCH_X32 ? AUDIT_ARCH_X86_64 : token,
        k -> new LinkedHashMap<>()).put(token, nr));
    if (byNative.isEmpty()) {
      return filter;
    }
    Program p = new Program();
    p.load(OFFSET_ARCH);
    for (int arch : byNative.keySet()) {
      p.jump(JMP_JEQ_K, arch, "arch" + arch, null);
    }
    p.always(FILTER);
    byNative.forEach((arch, tokens) -> {
      p.label("arch" + arch);
      p.load(OFFSET_NR);
      if (arch != AUDIT_ARCH_X86_64) {
        p.jump(JMP_JGT_K, tokens.values().iterator().next(), ENOSYS, FILTER);
        return;
      }
      p.jump(JMP_JSET_K, X32_SYSCALL_BIT, "x32", null);
      compareOrPass(p, tokens.get(AUDIT_ARCH_X86_64));
      p.label("x32");
      compareOrPass(p, tokens.get(SCMP_ARCH_X32));
    });
    p.label(ENOSYS);
    p.ret(RET_ERRNO_ENOSYS);
    p.label(FILTER);
    byte[] prelude = p.assemble();
    byte[] out = new byte[prelude.length + filter.length];
    System.arraycopy(prelude, 0, out, 0, prelude.length);
    System.arraycopy(filter, 0, out, prelude.length, filter.length);
    return out;
  }

  private static void compareOrPass(Program p, Integer last) {
    if (last == null) {
      p.always(FILTER); // an ABI the profile does not name: the filter's bad-arch action decides
    } else {
      p.jump(JMP_JGT_K, last, ENOSYS, FILTER);
    }
  }

  /** A few instructions with forward jumps to labels (all short: the prelude is a handful of instructions). */
  private static final class Program {
    private record Insn(int code, int k, String jt, String jf) {
    }

    private final List<Insn> insns = new ArrayList<>();
    private final Map<String, Integer> labels = new LinkedHashMap<>();

    void load(int offset) {
      insns.add(new Insn(LD_W_ABS, offset, null, null));
    }

    /** A conditional jump; a null target is the next instruction. */
    void jump(int code, int k, String jt, String jf) {
      insns.add(new Insn(code, k, jt, jf));
    }

    void always(String target) {
      insns.add(new Insn(JMP_JA, 0, target, null));
    }

    void ret(int value) {
      insns.add(new Insn(RET_K, value, null, null));
    }

    void label(String name) {
      labels.put(name, insns.size());
    }

    byte[] assemble() {
      ByteBuffer b = ByteBuffer.allocate(insns.size() * SeccompBpf.INSTRUCTION_SIZE).order(ByteOrder.nativeOrder());
      for (int i = 0; i < insns.size(); i++) {
        Insn in = insns.get(i);
        b.putShort((short) in.code());
        if (in.code() == JMP_JA) {
          b.put((byte) 0).put((byte) 0).putInt(offset(i, in.jt()));
        } else {
          b.put((byte) offset(i, in.jt())).put((byte) offset(i, in.jf())).putInt(in.k());
        }
      }
      return b.array();
    }

    private int offset(int from, String label) {
      if (label == null) {
        return 0;
      }
      int skip = labels.get(label) - from - 1;
      if (skip < 0 || skip > 255) {
        throw new IllegalStateException("jump of " + skip + " to " + label);
      }
      return skip;
    }
  }
}
