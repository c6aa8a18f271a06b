package io.berth.cli;

import io.berth.client.BerthClient;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** What a command runs with: its streams, the environment, global flags and a client made on first use. */
public record CliContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
    GlobalOptions globals, LazyClient lazyClient) {

  public CliContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
      GlobalOptions globals) {
    this(in, out, err, env, globals, new LazyClient(globals, env));
  }

  /** The Engine API client, created on first use. */
  public BerthClient client() {
    return lazyClient.get();
  }

  /** The volume endpoints of {@link #client()}. */
  public io.berth.client.VolumeClient volumes() {
    return new io.berth.client.VolumeClient(client());
  }

  /** The container endpoints of {@link #client()}. */
  public io.berth.client.ContainerClient containers() {
    return new io.berth.client.ContainerClient(client());
  }

  /** Whether standard stream {@code fd} (0, 1, 2) is a terminal. */
  public boolean isTerminal(int fd) {
    return Terminal.isTerminal(fd);
  }

  /** Docker's context name: always "default" (berth has no contexts). */
  public String contextName() {
    return globals.context() == null ? "default" : globals.context();
  }
}
