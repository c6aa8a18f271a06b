package io.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The session frame berth-exec reads first: the exit file (or none), NUL, the plan. */
class ExecLaunchTest {
  private static final byte[] PLAN = "pid=1\0arg=true\0".getBytes(StandardCharsets.UTF_8);

  @Test
  void aWatchedSessionNamesItsExitFile() {
    ExecLaunch launch = new ExecLaunch("c", "e", Path.of("/run/berth/exec/e"), PLAN);
    byte[] frame = ExecLauncher.sessionFrame(launch);
    byte[] exit = "/run/berth/exec/e/exit\0".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(exit, Arrays.copyOf(frame, exit.length));
    assertArrayEquals(PLAN, Arrays.copyOfRange(frame, exit.length, frame.length));
  }

  @Test
  void aSessionWithoutDirectoryHasNoExitFile() throws Exception {
    ExecLaunch launch = new ExecLaunch("c", "e", null, PLAN);
    assertNull(launch.exitFile());
    byte[] frame = ExecLauncher.sessionFrame(launch);
    assertEquals(0, frame[0], "an empty exit file: berth-exec writes none");
    assertArrayEquals(PLAN, Arrays.copyOfRange(frame, 1, frame.length));
    long gone = ProcessHandle.current().pid() + 1_000_000; // above pid_max: no such process
    assertEquals(OptionalInt.of(-1), ExecLauncher.exitCode(null, gone), "not running, nothing recorded");
  }
}
