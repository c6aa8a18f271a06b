package io.berth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code berth registry ...}: the built-in registry runs in a JVM of its own (bin/berth-registry), so the CLI
 * never loads a server or Jackson. bin/berth execs it directly when {@code registry} is the first argument;
 * this covers the rest ({@code berth -D registry serve}), running it as a child with this terminal and
 * passing its exit status on.
 */
final class RegistryLauncher {
  private RegistryLauncher() {}

  static int run(List<String> args) throws IOException, InterruptedException {
    Path launcher = launcher();
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(args);
    Process child = new ProcessBuilder(cmd).inheritIO().start();
    Thread stopChild = new Thread(child::destroy);
    Runtime.getRuntime().addShutdownHook(stopChild);
    int status = child.waitFor();
    Runtime.getRuntime().removeShutdownHook(stopChild);
    return status;
  }

  /** bin/berth-registry beside bin/berth: the CLI's jar is {@code <root>/berth-cli/target/*.jar}. */
  private static Path launcher() throws IOException {
    try {
      Path jar = Path.of(RegistryLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path launcher = jar.getParent().getParent().getParent().resolve("bin/berth-registry");
      if (Files.isExecutable(launcher)) {
        return launcher;
      }
      throw new IOException("berth registry: " + launcher + " is missing");
    } catch (java.net.URISyntaxException | RuntimeException e) {
      throw new IOException("berth registry: cannot find bin/berth-registry: " + e.getMessage());
    }
  }
}
