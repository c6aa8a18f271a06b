package io.berth.archive;

import java.io.IOException;

/** An archive entry tried to reach outside the directory it is applied to. Nothing was written outside it. */
public final class BreakoutException extends IOException {
  public BreakoutException(String message) {
    super(message);
  }
}
