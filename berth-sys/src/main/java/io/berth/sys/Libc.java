package io.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.function.IntPredicate;

/** The C library through FFM: downcall handles by name, with errno captured for the calls that set it. */
public final class Libc {
  private Libc() {}

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  /** The call state a {@link #syscall} handle takes first and writes errno into (one per call). */
  public static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

  /** A function that reports failure in errno; read it with {@link #errno} from the call state. */
  public static MethodHandle syscall(String name, ValueLayout result, MemoryLayout... args) {
    return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(result, args), CAPTURE_ERRNO);
  }

  /** A function whose errno does not matter. */
  public static MethodHandle plain(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(symbol(name), descriptor);
  }

  public static int errno(MemorySegment callState) {
    return (int) ERRNO.get(callState, 0L);
  }

  /** One libc call returning an int, with errno captured in {@code state}. */
  interface IntCall {
    int invoke(Arena arena, MemorySegment state) throws Throwable;
  }

  /** Runs {@code call}; a result that {@code failed} is an ErrnoException "op subject: strerror". */
  static int checked(String op, String subject, IntPredicate failed, IntCall call) throws ErrnoException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = a.allocate(CALL_STATE);
      int rc;
      try {
        rc = call.invoke(a, st);
      } catch (Throwable t) {
        throw Linux.rethrow(t);
      }
      if (failed.test(rc)) {
        throw new ErrnoException(op, subject, errno(st));
      }
      return rc;
    }
  }

  private static MemorySegment symbol(String name) {
    return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
  }
}
