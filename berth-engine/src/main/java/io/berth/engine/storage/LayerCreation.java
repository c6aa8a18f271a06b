package io.berth.engine.storage;

import io.berth.archive.ChrootView;
import java.io.IOException;

/** The all-or-nothing rule of a driver's creates: a failed one leaves nothing of its layer behind. */
final class LayerCreation {
  private LayerCreation() {}

  /** The files of one create. */
  interface Work<T> {
    T run() throws IOException;
  }

  /** A create that makes files and returns nothing. */
  interface Step {
    void run() throws IOException;
  }

  static void orRemoved(GraphDriver driver, String id, Step step) throws IOException {
    orRemoved(driver, id, () -> {
      step.run();
      return null;
    });
  }

  /**
   * Runs {@code work}; on failure removes what it left of layer {@code id} and rethrows, an I/O
   * failure with paths shown from the driver's home, not the host's (errors reach clients).
   */
  static <T> T orRemoved(GraphDriver driver, String id, Work<T> work) throws IOException {
    try {
      return work.run();
    } catch (IOException e) {
      driver.remove(id);
      throw new ChrootView(driver.home()).errors(e);
    } catch (RuntimeException e) {
      driver.remove(id);
      throw e;
    }
  }
}
