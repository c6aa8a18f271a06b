package io.berth.cli.cp;

/** A copy that Docker refuses, with Docker's message (printed without any prefix). */
public final class CopyException extends RuntimeException {
  public CopyException(String message) {
    super(message);
  }
}
