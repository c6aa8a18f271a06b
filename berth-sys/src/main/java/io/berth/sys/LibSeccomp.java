package io.berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few libseccomp (2.x, {@code libseccomp.so.2}) calls that build a filter and export it as BPF, through FFM.
 * The library is opened on first use, so a machine without it fails only when a filter is compiled.
 * libseccomp returns negative errno values; they are reported as IOExceptions naming the function.
 */
@SuppressWarnings("restricted") // FFM downcalls; run with --enable-native-access
final class LibSeccomp {
  static final String LIBRARY = "libseccomp.so.2";
  /** enum scmp_filter_attr: SCMP_FLTATR_CTL_NNP. */
  static final int SCMP_FLTATR_CTL_NNP = 3;
  /** What seccomp_syscall_resolve_name returns for a name it does not know; other negatives are pseudo-syscalls. */
  static final int NR_SCMP_ERROR = -1;
  private static final int EEXIST = 17;

  /** struct scmp_arg_cmp {unsigned int arg; enum scmp_compare op; scmp_datum_t datum_a, datum_b;}. */
  private static final StructLayout ARG_CMP = MemoryLayout.structLayout(
      JAVA_INT.withName("arg"), JAVA_INT.withName("op"),
      JAVA_LONG.withName("datum_a"), JAVA_LONG.withName("datum_b"));

  private static volatile LibSeccomp loaded;

  private final MethodHandle init;
  private final MethodHandle release;
  private final MethodHandle attrSet;
  private final MethodHandle archResolveName;
  private final MethodHandle archAdd;
  private final MethodHandle syscallResolveName;
  private final MethodHandle syscallResolveNameArch;
  private final MethodHandle ruleAddArray;
  private final MethodHandle exportBpf;

  private LibSeccomp(SymbolLookup lib) {
    init = handle(lib, "seccomp_init", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    release = handle(lib, "seccomp_release", FunctionDescriptor.ofVoid(ADDRESS));
    attrSet = handle(lib, "seccomp_attr_set", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    archResolveName = handle(lib, "seccomp_arch_resolve_name", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    archAdd = handle(lib, "seccomp_arch_add", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    syscallResolveName = handle(lib, "seccomp_syscall_resolve_name", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    syscallResolveNameArch = handle(lib, "seccomp_syscall_resolve_name_arch",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    ruleAddArray = handle(lib, "seccomp_rule_add_array",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    exportBpf = handle(lib, "seccomp_export_bpf", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  }

  /** The library, opened once; retried on every call while it is missing, so installing it later helps. */
  static LibSeccomp get() throws IOException {
    LibSeccomp lib = loaded;
    if (lib == null) {
      synchronized (LibSeccomp.class) {
        lib = loaded;
        if (lib == null) {
          SymbolLookup lookup;
          try {
            lookup = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
          } catch (IllegalArgumentException e) {
            throw new IOException(LIBRARY + " not found: install libseccomp2", e);
          }
          lib = new LibSeccomp(lookup);
          loaded = lib;
        }
      }
    }
    return lib;
  }

  private static MethodHandle handle(SymbolLookup lib, String name, FunctionDescriptor descriptor) {
    MemorySegment symbol = lib.find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError(LIBRARY + " has no " + name + " (libseccomp too old?)"));
    return Linker.nativeLinker().downcallHandle(symbol, descriptor);
  }

  /** seccomp_init: a new filter whose unmatched syscalls get defaultAction. Close it to release it. */
  Filter newFilter(int defaultAction) throws IOException {
    MemorySegment ctx;
    try {
      ctx = (MemorySegment) init.invokeExact(defaultAction);
    } catch (Throwable t) {
      throw Linux.rethrow(t);
    }
    if (ctx.equals(MemorySegment.NULL)) {
      throw new IOException("seccomp_init(0x" + Integer.toHexString(defaultAction) + ") failed");
    }
    return new Filter(ctx);
  }

  /** seccomp_syscall_resolve_name: the native arch's number, a negative pseudo-number, or NR_SCMP_ERROR. */
  int resolveSyscall(String name) {
    try (Arena arena = Arena.ofConfined()) {
      return (int) syscallResolveName.invokeExact(arena.allocateFrom(name, StandardCharsets.UTF_8));
    } catch (Throwable t) {
      throw Linux.rethrow(t);
    }
  }

  /** seccomp_syscall_resolve_name_arch: the number on architecture {@code arch} (a token), as {@link #resolveSyscall}. */
  int resolveSyscall(int arch, String name) {
    try (Arena arena = Arena.ofConfined()) {
      return (int) syscallResolveNameArch.invokeExact(arch, arena.allocateFrom(name, StandardCharsets.UTF_8));
    } catch (Throwable t) {
      throw Linux.rethrow(t);
    }
  }

  /** seccomp_arch_resolve_name: the AUDIT_ARCH token for a libseccomp arch name, 0 if unknown. */
  int resolveArch(String name) {
    try (Arena arena = Arena.ofConfined()) {
      return (int) archResolveName.invokeExact(arena.allocateFrom(name, StandardCharsets.UTF_8));
    } catch (Throwable t) {
      throw Linux.rethrow(t);
    }
  }

  /** One scmp_filter_ctx; not thread-safe, like the context itself. */
  final class Filter implements AutoCloseable {
    private final MemorySegment ctx;
    private final Arena arena = Arena.ofConfined();
    private boolean released;

    private Filter(MemorySegment ctx) {
      this.ctx = ctx;
    }

    void setAttribute(int attribute, int value) throws IOException {
      int rc;
      try {
        rc = (int) attrSet.invokeExact(ctx, attribute, value);
      } catch (Throwable t) {
        throw Linux.rethrow(t);
      }
      check(rc, "seccomp_attr_set", "attribute " + attribute);
    }

    /** seccomp_arch_add; an arch already in the filter (the native one) is fine. */
    void addArch(int token) throws IOException {
      int rc;
      try {
        rc = (int) archAdd.invokeExact(ctx, token);
      } catch (Throwable t) {
        throw Linux.rethrow(t);
      }
      if (rc != -EEXIST) {
        check(rc, "seccomp_arch_add", "0x" + Integer.toHexString(token));
      }
    }

    /**
     * seccomp_rule_add_array, which is what seccomp_rule_add calls after collecting its varargs (an empty
     * array is an unconditional rule); all comparisons must hold (AND).
     */
    void addRule(int action, int syscall, String name, List<SeccompSection.ArgCmp> comparisons)
        throws IOException {
      MemorySegment array = MemorySegment.NULL;
      if (!comparisons.isEmpty()) {
        array = arena.allocate(ARG_CMP, comparisons.size());
        for (int i = 0; i < comparisons.size(); i++) {
          SeccompSection.ArgCmp c = comparisons.get(i);
          MemorySegment cmp = array.asSlice(i * ARG_CMP.byteSize(), ARG_CMP);
          cmp.set(JAVA_INT, 0, c.index());
          cmp.set(JAVA_INT, 4, c.op());
          cmp.set(JAVA_LONG, 8, c.value());
          cmp.set(JAVA_LONG, 16, c.valueTwo());
        }
      }
      int rc;
      try {
        rc = (int) ruleAddArray.invokeExact(ctx, action, syscall, comparisons.size(), array);
      } catch (Throwable t) {
        throw Linux.rethrow(t);
      }
      check(rc, "seccomp_rule_add_array", name);
    }

    /** seccomp_export_bpf into a memfd: the raw struct sock_filter[] the kernel takes. */
    byte[] exportBpf() throws IOException {
      try (MemFd out = MemFd.create("berth-seccomp-bpf")) {
        int rc;
        try {
          rc = (int) exportBpf.invokeExact(ctx, out.fd());
        } catch (Throwable t) {
          throw Linux.rethrow(t);
        }
        check(rc, "seccomp_export_bpf", null);
        return out.readAll();
      }
    }

    @Override
    public void close() {
      if (released) {
        return;
      }
      released = true;
      try {
        release.invokeExact(ctx);
      } catch (Throwable t) {
        throw Linux.rethrow(t);
      } finally {
        arena.close();
      }
    }
  }

  private static void check(int rc, String function, String subject) throws IOException {
    if (rc < 0) {
      throw new IOException(function + (subject == null ? "" : " (" + subject + ")") + " returned " + rc
          + ": " + Linux.strerror(-rc));
    }
  }
}
