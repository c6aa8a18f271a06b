package io.berth.sys;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.berth.sys.ClassicBpf.AUDIT_ARCH_AARCH64;
import static io.berth.sys.ClassicBpf.AUDIT_ARCH_I386;
import static io.berth.sys.ClassicBpf.AUDIT_ARCH_X86_64;
import static io.berth.sys.ClassicBpf.X32_SYSCALL_BIT;
import static io.berth.sys.ClassicBpf.seccompData;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compiles with the machine's libseccomp and runs the programs in {@link ClassicBpf}. */
class SeccompBpfTest {
  private static final int ALLOW = 0x7fff0000;
  private static final int KILL = 0;
  private static final int LOG = 0x7ffc0000;
  private static final int EPERM = 1;
  private static final int ENOSYS = 38;

  // x86_64 syscall numbers (arch/x86/entry/syscalls/syscall_64.tbl)
  private static final int READ = 0;
  private static final int WRITE = 1;
  private static final int CLOSE = 3;
  private static final int GETPID = 39;
  private static final int SOCKET = 41;
  private static final int CLONE = 56;
  private static final int KILL_NR = 62;
  private static final int GETUID = 102;
  private static final int PERSONALITY = 135;
  private static final int MOUNT = 165;
  private static final int CLONE3 = 435;
  private static final int CLOSE_RANGE = 436;
  private static final int OPENAT2 = 437;
  // i386 numbers (syscall_32.tbl)
  private static final int I386_READ = 3;
  private static final int I386_GETPID = 20;
  private static final int I386_SOCKETCALL = 102;
  private static final int I386_CLONE = 120;
  private static final int I386_PERSONALITY = 136;
  private static final int I386_CLONE3 = 435;

  private static final long CLONE_NEWUSER = 0x10000000L;
  private static final long SIGCHLD = 17;

  private static int errno(int n) {
    return 0x00050000 | n;
  }

  @Test
  void smallProfileCompilesToSockFiltersThatStartByLoadingTheArch() throws IOException {
    byte[] bpf = SeccompBpf.compile(profile("SCMP_ACT_ERRNO", List.of("SCMP_ARCH_X86_64"),
        rule(List.of("read", "write", "exit_group", "getpid"), "SCMP_ACT_ALLOW")));
    assertTrue(bpf.length > 0);
    assertEquals(0, bpf.length % SeccompBpf.INSTRUCTION_SIZE);
    ByteBuffer first = ByteBuffer.wrap(bpf, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x20, first.getShort(0), "BPF_LD|BPF_W|BPF_ABS");
    assertEquals(4, first.getInt(4), "offsetof(struct seccomp_data, arch)");
  }

  @Test
  void allowedListedOthersGetTheDefaultErrnoAndForeignArchesAreKilled() throws IOException {
    byte[] bpf = SeccompBpf.compile(profile("SCMP_ACT_ERRNO", List.of("SCMP_ARCH_X86_64"),
        rule(List.of("read", "write", "getpid"), "SCMP_ACT_ALLOW")));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, GETPID));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, READ, 3, 0x7fff0000L, 4096));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, CLOSE), "errnoRet defaults to EPERM");
    assertEquals(KILL, run(bpf, AUDIT_ARCH_AARCH64, GETPID), "libseccomp's bad-arch action");
    assertEquals(KILL, run(bpf, AUDIT_ARCH_I386, I386_GETPID));
    assertEquals(KILL, run(bpf, AUDIT_ARCH_X86_64, X32_SYSCALL_BIT | GETPID), "x32 not in architectures");
  }

  @Test
  void defaultErrnoRetAndPerRuleErrnoRetAndOtherActions() throws IOException {
    Map<String, Object> p = profile("SCMP_ACT_ERRNO", List.of(),
        rule(List.of("getpid"), "SCMP_ACT_ALLOW"),
        rule(List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS),
        rule(List.of("mount"), "SCMP_ACT_LOG"),
        rule(List.of("socket"), "SCMP_ACT_KILL_PROCESS"),
        rule(List.of("getuid"), "SCMP_ACT_TRACE", 7));
    p.put("defaultErrnoRet", 13);
    byte[] bpf = SeccompBpf.compile(p);
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, GETPID));
    assertEquals(errno(ENOSYS), run(bpf, AUDIT_ARCH_X86_64, CLONE3));
    assertEquals(LOG, run(bpf, AUDIT_ARCH_X86_64, MOUNT));
    assertEquals(0x80000000, run(bpf, AUDIT_ARCH_X86_64, SOCKET));
    assertEquals(0x7ff00000 | 7, run(bpf, AUDIT_ARCH_X86_64, GETUID));
    assertEquals(errno(13), run(bpf, AUDIT_ARCH_X86_64, WRITE));
  }

  @Test
  void argumentConditionsCompareAll64Bits() throws IOException {
    // as Docker's default profile allows personality(2): one entry per allowed persona
    byte[] bpf = SeccompBpf.compile(profile("SCMP_ACT_ERRNO", List.of("SCMP_ARCH_X86_64"),
        rule(List.of("personality"), "SCMP_ACT_ALLOW", arg(0, 0, "SCMP_CMP_EQ")),
        rule(List.of("personality"), "SCMP_ACT_ALLOW", arg(0, 0xffffffffL, "SCMP_CMP_EQ"))));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, PERSONALITY, 0));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, PERSONALITY, 0xffffffffL));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, PERSONALITY, 8));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, PERSONALITY, 1L << 32), "high word compared");
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, PERSONALITY, 0x1ffffffffL));
  }

  @Test
  void distinctArgumentsAreAndedAndARepeatedArgumentIsOred() throws IOException {
    byte[] bpf = SeccompBpf.compile(profile("SCMP_ACT_ERRNO", List.of("SCMP_ARCH_X86_64"),
        rule(List.of("kill"), "SCMP_ACT_ALLOW", arg(0, 5, "SCMP_CMP_GT"), arg(1, 9, "SCMP_CMP_LE")),
        rule(List.of("socket"), "SCMP_ACT_ALLOW", arg(0, 1, "SCMP_CMP_EQ"), arg(0, 2, "SCMP_CMP_EQ"))));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, KILL_NR, 6, 9));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, KILL_NR, 5, 9), "first condition fails");
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, KILL_NR, 6, 15), "second condition fails");
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, SOCKET, 1));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, SOCKET, 2));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, SOCKET, 10));
  }

  @Test
  void maskedEqualLikeDockersCloneRule() throws IOException {
    // Docker: clone allowed unless a namespace flag is set (mask 0x7E020000 must be clear)
    byte[] bpf = SeccompBpf.compile(profile("SCMP_ACT_ERRNO", List.of("SCMP_ARCH_X86_64"),
        rule(List.of("clone"), "SCMP_ACT_ALLOW", maskedArg(0, 2114060288L, 0))));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, CLONE, SIGCHLD));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, CLONE, SIGCHLD | CLONE_NEWUSER));
  }

  @Test
  void unknownSyscallsAndRulesEqualToTheDefaultAreSkippedAsRuncDoes() throws IOException {
    byte[] bpf = SeccompBpf.compile(profile("SCMP_ACT_ERRNO", List.of("SCMP_ARCH_X86_64"),
        rule(List.of("no_such_syscall_berth", "getpid"), "SCMP_ACT_ALLOW"),
        rule(List.of("read"), "SCMP_ACT_ERRNO")));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, GETPID));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, READ));
  }

  @Test
  void dockerLikeProfileOnX86_64WithItsSubArchitectures() throws IOException {
    List<String> names = List.of("accept4", "brk", "close", "epoll_wait", "execve", "exit", "exit_group",
        "fstat", "futex", "getpid", "mmap", "mprotect", "munmap", "openat", "read", "rt_sigaction",
        "rt_sigprocmask", "rt_sigreturn", "write", "_llseek", "socketcall", "no_such_syscall_berth");
    Map<String, Object> p = profile("SCMP_ACT_ERRNO", List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"),
        rule(names, "SCMP_ACT_ALLOW"),
        rule(List.of("personality"), "SCMP_ACT_ALLOW", arg(0, 0, "SCMP_CMP_EQ")),
        rule(List.of("personality"), "SCMP_ACT_ALLOW", arg(0, 8, "SCMP_CMP_EQ")),
        rule(List.of("clone"), "SCMP_ACT_ALLOW", maskedArg(0, 2114060288L, 0)),
        rule(List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS));
    p.put("defaultErrnoRet", EPERM);
    byte[] bpf = SeccompBpf.compile(p);

    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, READ));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_I386, I386_READ));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, X32_SYSCALL_BIT | READ));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_I386, I386_GETPID));
    // socketcall exists on i386 only; 102 on x86_64 is getuid, which is not listed
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_I386, I386_SOCKETCALL));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, GETUID));
    assertEquals(errno(ENOSYS), run(bpf, AUDIT_ARCH_X86_64, CLONE3));
    assertEquals(errno(ENOSYS), run(bpf, AUDIT_ARCH_I386, I386_CLONE3));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, CLONE, SIGCHLD));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, CLONE, SIGCHLD | CLONE_NEWUSER));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_I386, I386_CLONE, SIGCHLD));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_I386, I386_CLONE, SIGCHLD | CLONE_NEWUSER));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, PERSONALITY, 8));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_I386, I386_PERSONALITY, 0));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_I386, I386_PERSONALITY, 3));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, MOUNT));
    assertEquals(KILL, run(bpf, AUDIT_ARCH_AARCH64, READ));
  }

  /** runc's patchbpf prelude: above the largest number the profile names, ENOSYS instead of the default errno. */
  @Test
  void syscallsNewerThanTheProfileGetEnosysAsRuncGives() throws IOException {
    Map<String, Object> p = profile("SCMP_ACT_ERRNO", List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"),
        rule(List.of("read", "write", "getpid", "openat2"), "SCMP_ACT_ALLOW"),
        rule(List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS));
    byte[] bpf = SeccompBpf.compile(p);
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, OPENAT2), "the largest named is the filter's");
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, CLOSE_RANGE), "below it, not named: the default");
    assertEquals(errno(ENOSYS), run(bpf, AUDIT_ARCH_X86_64, OPENAT2 + 1), "above it: not implemented");
    assertEquals(errno(ENOSYS), run(bpf, AUDIT_ARCH_X86_64, 999));
    assertEquals(errno(ENOSYS), run(bpf, AUDIT_ARCH_X86_64, CLONE3));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_I386, I386_READ));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_I386, 300));
    assertEquals(errno(ENOSYS), run(bpf, AUDIT_ARCH_I386, OPENAT2 + 1), "i386 has its own largest");
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, X32_SYSCALL_BIT | READ));
    assertEquals(errno(ENOSYS), run(bpf, AUDIT_ARCH_X86_64, X32_SYSCALL_BIT | 600), "and x32 its own");
    assertEquals(KILL, run(bpf, AUDIT_ARCH_AARCH64, 999), "other architectures are still the filter's");

    byte[] allowing = SeccompBpf.compile(profile("SCMP_ACT_ALLOW", List.of("SCMP_ARCH_X86_64"),
        rule(List.of("getpid"), "SCMP_ACT_ERRNO")));
    assertEquals(ALLOW, run(allowing, AUDIT_ARCH_X86_64, 999), "no prelude when the default allows");
    byte[] noArchitectures = SeccompBpf.compile(profile("SCMP_ACT_ERRNO", List.of(),
        rule(List.of("getpid"), "SCMP_ACT_ALLOW")));
    assertEquals(errno(EPERM), run(noArchitectures, AUDIT_ARCH_X86_64, 999), "none without architectures");
    byte[] x86Only = SeccompBpf.compile(profile("SCMP_ACT_ERRNO", List.of("SCMP_ARCH_X86_64"),
        rule(List.of("getpid"), "SCMP_ACT_ALLOW")));
    assertEquals(KILL, run(x86Only, AUDIT_ARCH_X86_64, X32_SYSCALL_BIT | 999), "an ABI the profile lacks");
  }

  @Test
  void unknownActionOperatorArchitectureAndNotifyAreRejectedByName() {
    var action = assertThrows(IllegalArgumentException.class, () -> SeccompBpf.compile(
        profile("SCMP_ACT_ERRNO", List.of(), rule(List.of("read"), "SCMP_ACT_PERMIT"))));
    assertTrue(action.getMessage().contains("SCMP_ACT_PERMIT"), action.getMessage());
    var op = assertThrows(IllegalArgumentException.class, () -> SeccompBpf.compile(profile("SCMP_ACT_ERRNO",
        List.of(), rule(List.of("read"), "SCMP_ACT_ALLOW", arg(0, 1, "SCMP_CMP_ABOUT")))));
    assertTrue(op.getMessage().contains("SCMP_CMP_ABOUT"), op.getMessage());
    var arch = assertThrows(IllegalArgumentException.class, () -> SeccompBpf.compile(
        profile("SCMP_ACT_ERRNO", List.of("SCMP_ARCH_PDP11"))));
    assertTrue(arch.getMessage().contains("SCMP_ARCH_PDP11"), arch.getMessage());
    var notify = assertThrows(IllegalArgumentException.class, () -> SeccompBpf.compile(
        profile("SCMP_ACT_ERRNO", List.of(), rule(List.of("mount"), "SCMP_ACT_NOTIFY"))));
    assertTrue(notify.getMessage().contains("SCMP_ACT_NOTIFY"), notify.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SeccompBpf.compile(profile("", List.of())));
    assertThrows(IllegalArgumentException.class, () -> SeccompBpf.compile(profile("SCMP_ACT_ERRNO",
        List.of(), rule(List.of("read"), "SCMP_ACT_ALLOW", arg(6, 1, "SCMP_CMP_EQ")))));
  }

  @Test
  void aLibseccompFailureNamesTheFunctionAndItsErrno() {
    // the same condition with two different actions: libseccomp refuses the second with -EEXIST
    IOException e = assertThrows(IOException.class, () -> SeccompBpf.compile(profile("SCMP_ACT_ERRNO",
        List.of(),
        rule(List.of("read"), "SCMP_ACT_ALLOW", arg(0, 1, "SCMP_CMP_EQ")),
        rule(List.of("read"), "SCMP_ACT_LOG", arg(0, 1, "SCMP_CMP_EQ")))));
    assertTrue(e.getMessage().contains("seccomp_rule_add_array"), e.getMessage());
    assertTrue(e.getMessage().contains("-17"), e.getMessage());
  }

  @Test
  void numbersAsJsonDecodersGiveThem() throws IOException {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("index", 0L);
    a.put("value", new java.math.BigInteger("18446744073709551615")); // u64 max, as Jackson decodes it
    a.put("op", "SCMP_CMP_EQ");
    byte[] bpf = SeccompBpf.compile(profile("SCMP_ACT_ERRNO", List.of(),
        rule(List.of("personality"), "SCMP_ACT_ALLOW", a),
        rule(List.of("clone3"), "SCMP_ACT_ERRNO", 38.0)));
    assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, PERSONALITY, -1L));
    assertEquals(errno(EPERM), run(bpf, AUDIT_ARCH_X86_64, PERSONALITY, 0xffffffffL));
    assertEquals(errno(ENOSYS), run(bpf, AUDIT_ARCH_X86_64, CLONE3));
  }

  @Test
  void threeHundredSyscallProfileIsAllowedThroughoutAndCompilesQuickly() throws Throwable {
    List<String> names = x86_64SyscallNames(300);
    assertEquals(300, names.size());
    Map<String, Object> p = profile("SCMP_ACT_ERRNO", List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"),
        rule(names, "SCMP_ACT_ALLOW"),
        rule(List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS),
        rule(List.of("personality"), "SCMP_ACT_ALLOW", arg(0, 0, "SCMP_CMP_EQ")));
    byte[] bpf = SeccompBpf.compile(p);
    assertTrue(bpf.length / SeccompBpf.INSTRUCTION_SIZE <= 4096, "BPF_MAXINSNS: " + bpf.length / 8);
    for (int nr = 0; nr < 300; nr++) {
      assertEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, nr), names.get(nr));
    }
    assertNotEquals(ALLOW, run(bpf, AUDIT_ARCH_X86_64, 300));

    for (int i = 0; i < 30; i++) {
      SeccompBpf.compile(p);
    }
    int rounds = 100;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      SeccompBpf.compile(p);
    }
    double ms = (System.nanoTime() - start) / 1e6 / rounds;
    System.out.printf("SeccompBpf: 300-syscall profile, 3 arches -> %d instructions, %.2f ms per compile%n",
        bpf.length / 8, ms);
  }

  /** libseccomp's names for x86_64 syscalls 0..count-1, so the profile is made of real names. */
  @SuppressWarnings("restricted")
  private static List<String> x86_64SyscallNames(int count) throws Throwable {
    Linker linker = Linker.nativeLinker();
    SymbolLookup lib = SymbolLookup.libraryLookup("libseccomp.so.2", Arena.global());
    MethodHandle resolve = linker.downcallHandle(lib.find("seccomp_syscall_resolve_num_arch").orElseThrow(),
        FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
    MethodHandle free = linker.downcallHandle(linker.defaultLookup().find("free").orElseThrow(),
        FunctionDescriptor.ofVoid(ADDRESS));
    List<String> names = new ArrayList<>();
    for (int nr = 0; nr < count; nr++) {
      MemorySegment p = (MemorySegment) resolve.invokeExact(AUDIT_ARCH_X86_64, nr);
      assertNotEquals(MemorySegment.NULL, p, "no name for x86_64 syscall " + nr);
      names.add(p.reinterpret(256).getString(0, StandardCharsets.UTF_8));
      free.invokeExact(p);
    }
    return names;
  }

  private static int run(byte[] bpf, int arch, int nr, long... args) {
    return ClassicBpf.run(bpf, seccompData(arch, nr, args));
  }

  @SafeVarargs
  private static Map<String, Object> profile(String defaultAction, List<String> architectures,
                         Map<String, Object>... syscalls) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("defaultAction", defaultAction);
    p.put("architectures", architectures);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Map<String, Object> s : syscalls) {
      list.add(s);
    }
    p.put("syscalls", list);
    return p;
  }

  @SafeVarargs
  private static Map<String, Object> rule(List<String> names, String action, Map<String, Object>... args) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("names", names);
    r.put("action", action);
    if (args.length > 0) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Map<String, Object> a : args) {
        list.add(a);
      }
      r.put("args", list);
    }
    return r;
  }

  private static Map<String, Object> rule(List<String> names, String action, Number errnoRet) {
    Map<String, Object> r = rule(names, action);
    r.put("errnoRet", errnoRet);
    return r;
  }

  private static Map<String, Object> arg(int index, long value, String op) {
    return new LinkedHashMap<>(Map.of("index", index, "value", value, "op", op));
  }

  private static Map<String, Object> maskedArg(int index, long mask, long value) {
    return new LinkedHashMap<>(Map.of("index", index, "value", mask, "valueTwo", value,
        "op", "SCMP_CMP_MASKED_EQ"));
  }
}
