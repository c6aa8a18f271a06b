package io.berth.cli;

import io.berth.client.ContainerClient;
import java.io.PrintStream;
import sun.misc.Signal;

/**
 * Keeps the container's TTY the size of ours (the Docker CLI's MonitorTtySize): one resize now,
 * retried briefly while the container starts, and one on every SIGWINCH.
 */
final class TtyResizer {
  private TtyResizer() {}

  static void monitor(ContainerClient containers, String id, PrintStream err) {
    if (!resize(containers, id)) {
      Thread.ofVirtual().start(() -> {
        for (int retry = 0; retry < 10; retry++) {
          try {
            Thread.sleep((retry + 1) * 10L);
          } catch (InterruptedException e) {
            return;
          }
          if (resize(containers, id)) {
            return;
          }
        }
        err.println("failed to resize tty, using default size");
      });
    }
    Signal.handle(new Signal("WINCH"), signal -> Thread.ofVirtual().start(() -> resize(containers, id)));
  }

  private static boolean resize(ContainerClient containers, String id) {
    int[] size = TerminalControl.size(1);
    if (size[0] == 0 && size[1] == 0) {
      return true;
    }
    try {
      containers.resize(id, size[0], size[1]);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
