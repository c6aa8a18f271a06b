package io.berth.runtime;

import io.berth.common.BerthException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The runtimes of a daemon under conmon: one {@link ConmonRuntime} per OCI runtime binary, their state under
 * the exec root ({@code c/<id>} bundles, {@code exits/}, {@code runtime/<name>} state directories). Built when
 * the engine opens: a missing conmon, or no OCI runtime at all, is an error then, not at the first run.
 */
public final class ConmonRuntimes implements ContainerRuntimes {
  private final Conmon conmon;
  private final Map<String, Path> binaries;
  private final String configuredDefault;
  private final Path execRoot;
  private final Map<String, ConmonRuntime> runtimes = new ConcurrentHashMap<>();
  private volatile String probedDefault;

  /**
   * @param binaries          runtime name to binary, in order of preference
   * @param configuredDefault the default runtime's name, or empty to pick by probing
   */
  public ConmonRuntimes(Path conmonBinary, Map<String, Path> binaries, String configuredDefault, Path execRoot)
      throws IOException {
    if (conmonBinary == null || !Files.isExecutable(conmonBinary)) {
      throw new IOException("conmon, the container monitor berth runs containers under, is not installed"
          + " (looked for it in /usr/bin, /usr/libexec/podman, /usr/local/bin): install Debian's conmon package");
    }
    if (binaries.isEmpty()) {
      throw new IOException("no OCI runtime is installed (looked for crun and runc): install Debian's runc or crun"
          + " package");
    }
    for (Map.Entry<String, Path> e : binaries.entrySet()) {
      if (!Files.isExecutable(e.getValue())) {
        throw new IOException("runtime " + e.getKey() + ": " + e.getValue() + " is not an executable file");
      }
    }
    if (!configuredDefault.isEmpty() && !binaries.containsKey(configuredDefault)) {
      throw new IOException("default runtime " + configuredDefault + " is not configured");
    }
    this.conmon = new Conmon(conmonBinary);
    this.binaries = Collections.unmodifiableMap(new LinkedHashMap<>(binaries));
    this.configuredDefault = configuredDefault;
    this.execRoot = execRoot;
  }

  /** conmon where Debian and Podman install it, or null. */
  public static Path findConmon() {
    return Conmon.installed().map(Conmon::binary).orElse(null);
  }

  @Override
  public ContainerRuntime get(String name) {
    String effective;
    try {
      effective = name == null || name.isEmpty() ? defaultName() : name;
    } catch (IOException e) {
      throw new BerthException.InvalidParameter(e.getMessage());
    }
    Path binary = binaries.get(effective);
    if (binary == null) {
      throw new BerthException.InvalidParameter("unknown or invalid runtime name: " + effective);
    }
    return runtimes.computeIfAbsent(effective, n -> new ConmonRuntime(conmon,
        new OciRuntimeClient(new OciRuntime(n, binary), execRoot.resolve("runtime").resolve(n)),
        execRoot.resolve("c"), exitDir()));
  }

  @Override
  public String defaultName() throws IOException {
    if (!configuredDefault.isEmpty()) {
      return configuredDefault;
    }
    String picked = probedDefault;
    if (picked == null) {
      synchronized (this) {
        if (probedDefault == null) {
          List<OciRuntime> candidates = new ArrayList<>();
          binaries.forEach((n, p) -> candidates.add(new OciRuntime(n, p)));
          probedDefault = RuntimeProbe.pick(candidates, execRoot.resolve("probe")).runtime().name();
        }
        picked = probedDefault;
      }
    }
    return picked;
  }

  @Override
  public Set<String> names() {
    return binaries.keySet();
  }

  private Path exitDir() {
    return execRoot.resolve("exits");
  }

  @Override
  public Closeable watchExits(ExitWatcher.Listener listener) throws IOException {
    return ExitWatcher.start(exitDir(), listener);
  }

  @Override
  public Set<String> held() throws IOException {
    Set<String> ids = new TreeSet<>();
    Path bundles = execRoot.resolve("c");
    if (Files.isDirectory(bundles)) {
      try (Stream<Path> dirs = Files.list(bundles)) {
        dirs.forEach(d -> ids.add(d.getFileName().toString()));
      }
    }
    for (String name : binaries.keySet()) {
      if (Files.isDirectory(execRoot.resolve("runtime").resolve(name))) {
        ids.addAll(((ConmonRuntime) get(name)).runtimeState());
      }
    }
    return ids;
  }
}
