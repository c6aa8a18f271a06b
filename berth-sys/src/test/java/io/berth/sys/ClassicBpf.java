package io.berth.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A classic-BPF interpreter for seccomp programs, limited to the instructions libseccomp emits, so tests can run a
 * compiled filter on a {@code struct seccomp_data} without loading it into a process. Anything else fails loudly.
 */
final class ClassicBpf {
  static final int AUDIT_ARCH_X86_64 = 0xC000003E;
  static final int AUDIT_ARCH_I386 = 0x40000003;
  static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
  static final int X32_SYSCALL_BIT = 0x40000000;

  private static final int LD_W_ABS = 0x20;
  private static final int ALU_AND_K = 0x54;
  private static final int JMP_JA = 0x05;
  private static final int JMP_JEQ_K = 0x15;
  private static final int JMP_JGT_K = 0x25;
  private static final int JMP_JGE_K = 0x35;
  private static final int JMP_JSET_K = 0x45;
  private static final int RET_K = 0x06;
  private static final int SECCOMP_DATA_SIZE = 64;

  private ClassicBpf() {
  }

  /** struct seccomp_data {int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6];} in host (LE) order. */
  static ByteBuffer seccompData(int arch, int nr, long... args) {
    if (args.length > 6) {
      throw new IllegalArgumentException("six arguments at most");
    }
    ByteBuffer data = ByteBuffer.allocate(SECCOMP_DATA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    data.putInt(0, nr).putInt(4, arch).putLong(8, 0x401000L);
    for (int i = 0; i < args.length; i++) {
      data.putLong(16 + 8 * i, args[i]);
    }
    return data;
  }

  /** Runs the program (raw struct sock_filter[]) and returns the 32-bit value of the RET it reaches. */
  static int run(byte[] program, ByteBuffer data) {
    if (program.length == 0 || program.length % 8 != 0) {
      throw new IllegalArgumentException("not a sock_filter array: " + program.length + " bytes");
    }
    ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
    int count = program.length / 8;
    int a = 0;
    int pc = 0;
    while (pc < count) {
      int op = code.getShort(pc * 8) & 0xffff;
      int jt = code.get(pc * 8 + 2) & 0xff;
      int jf = code.get(pc * 8 + 3) & 0xff;
      int k = code.getInt(pc * 8 + 4);
      pc++;
      switch (op) {
        case LD_W_ABS -> {
          if (k < 0 || k > SECCOMP_DATA_SIZE - 4 || k % 4 != 0) {
            throw new IllegalStateException("load outside seccomp_data at " + (pc - 1) + ": " + k);
          }
          a = data.getInt(k);
        }
        case ALU_AND_K -> a &= k;
        case JMP_JA -> pc += k;
        case JMP_JEQ_K -> pc += a == k ? jt : jf;
        case JMP_JGT_K -> pc += Integer.compareUnsigned(a, k) > 0 ? jt : jf;
        case JMP_JGE_K -> pc += Integer.compareUnsigned(a, k) >= 0 ? jt : jf;
        case JMP_JSET_K -> pc += (a & k) != 0 ? jt : jf;
        case RET_K -> {
          return k;
        }
        default -> throw new IllegalStateException(
            "opcode 0x" + Integer.toHexString(op) + " at " + (pc - 1) + " not interpreted");
      }
    }
    throw new IllegalStateException("program ran off its end");
  }
}
