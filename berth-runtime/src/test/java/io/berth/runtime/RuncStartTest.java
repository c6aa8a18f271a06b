package io.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.sys.Linux;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runc's exec.fifo handshake, played by a thread in the role of runc's init (no root, no runc). */
class RuncStartTest {
  @TempDir
  Path state;

  private final int self = (int) ProcessHandle.current().pid();

  @Test
  void releasesAWaitingInitAndRemovesTheFifo() throws Exception {
    Path fifo = fifo();
    CompletableFuture<Void> init = CompletableFuture.runAsync(() -> { // runc init: open for writing, write, exec
      try (OutputStream out = Files.newOutputStream(fifo)) {
        out.write('0');
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    assertTrue(RuncStart.release(state, self));
    init.get(5, TimeUnit.SECONDS);
    assertFalse(Files.exists(fifo), "runc reports running once the FIFO is gone");
  }

  @Test
  void aDeadInitIsNotWaitedForAndLeavesNoReaderBehind() throws Exception {
    Path fifo = fifo();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long t0 = System.nanoTime();
    assertFalse(RuncStart.release(state, (int) gone.pid()), "runc start then says why");
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    assertTrue(Files.exists(fifo), "left for runc start");
  }

  @Test
  void nothingWrittenOrNoFifoIsLeftToRuncStart() throws Exception {
    assertFalse(RuncStart.release(state, self), "no FIFO: created by another runtime, or started already");
    Path fifo = fifo();
    CompletableFuture<Void> closesEmpty = CompletableFuture.runAsync(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        // opened and closed with nothing written
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    assertFalse(RuncStart.release(state, self));
    closesEmpty.get(5, TimeUnit.SECONDS);
  }

  private Path fifo() throws Exception {
    Path fifo = state.resolve(RuncStart.FIFO);
    Linux.mkfifo(fifo, 0600);
    return fifo;
  }
}
