package io.berth.cli;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Terminal control through libc (FFM): raw mode with cfmakeraw's semantics (what moby/term's
 * MakeRaw does) and the window size. Loaded only when a command talks to a TTY, so other
 * commands never pay for the linker.
 */
final class TerminalControl {
  private static final int TCSANOW = 0;
  private static final long TIOCGWINSZ = 0x5413;
  /** glibc's struct termios is 60 bytes on Linux; 64 leaves room on every architecture. */
  private static final long TERMIOS_SIZE = 64;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final MethodHandle TCGETATTR = handle("tcgetattr",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
  private static final MethodHandle TCSETATTR = handle("tcsetattr",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
  private static final MethodHandle CFMAKERAW = handle("cfmakeraw",
      FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
  private static final MethodHandle IOCTL = LINKER.downcallHandle(LIBC.find("ioctl").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
      Linker.Option.firstVariadicArg(2));

  private TerminalControl() {}

  private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), descriptor);
  }

  /** A terminal's saved settings, to put back with {@link #restore()}. */
  static final class Saved {
    private final int fd;
    private final byte[] termios;
    private boolean restored;

    private Saved(int fd, byte[] termios) {
      this.fd = fd;
      this.termios = termios;
    }

    /** Puts the saved settings back; safe to call more than once and from any thread. */
    synchronized void restore() {
      if (restored) {
        return;
      }
      restored = true;
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment state = arena.allocate(TERMIOS_SIZE);
        MemorySegment.copy(termios, 0, state, ValueLayout.JAVA_BYTE, 0, termios.length);
        int rc = (int) TCSETATTR.invokeExact(fd, TCSANOW, state);
      } catch (Throwable e) {
        // Nothing better to do: the process is leaving the terminal either way.
      }
    }
  }

  /** Switches {@code fd} to raw mode; null if it is not a terminal. */
  static Saved makeRaw(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(TERMIOS_SIZE);
      if ((int) TCGETATTR.invokeExact(fd, state) != 0) {
        return null;
      }
      Saved saved = new Saved(fd, state.toArray(ValueLayout.JAVA_BYTE));
      CFMAKERAW.invokeExact(state);
      if ((int) TCSETATTR.invokeExact(fd, TCSANOW, state) != 0) {
        return null;
      }
      return saved;
    } catch (Throwable e) {
      throw new IllegalStateException("unable to set the terminal to raw mode: " + e.getMessage(), e);
    }
  }

  /** The terminal's size as {height, width}, or {0, 0} when {@code fd} is not a terminal. */
  static int[] size(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment winsize = arena.allocate(8);
      if ((int) IOCTL.invokeExact(fd, TIOCGWINSZ, winsize) != 0) {
        return new int[] {0, 0};
      }
      return new int[] {Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 0)),
          Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 2))};
    } catch (Throwable e) {
      return new int[] {0, 0};
    }
  }
}
