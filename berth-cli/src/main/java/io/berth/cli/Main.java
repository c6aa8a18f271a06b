package io.berth.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code berth} executable: Docker's CLI, talking to berthd (or any Docker engine). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 32 * 1024),
        false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int status = new Cli(System.in, out, err, System.getenv()).run(args);
    out.flush();
    err.flush();
    // halt, not exit: nothing needs shutdown hooks, and Runtime.exit starts the logging system
    // (it logs the call) which costs milliseconds.
    Runtime.getRuntime().halt(status);
  }
}
