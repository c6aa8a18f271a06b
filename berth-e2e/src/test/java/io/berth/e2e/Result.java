package io.berth.e2e;

/** What a command did: its exit code and what it printed. */
record Result(int exit, String out, String err) {

  Result ok() {
    if (exit != 0) {
      throw new AssertionError("expected success, got exit " + exit + "\nstdout: " + out + "\nstderr: " + err);
    }
    return this;
  }

  String line() {
    return out.strip();
  }

  @Override
  public String toString() {
    return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
  }
}
