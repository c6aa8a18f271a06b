package io.berth.daemon.api;

import io.berth.daemon.Application;
import io.berth.daemon.DaemonOptions;
import io.berth.daemon.http.Router;
import io.berth.engine.Engine;
import io.berth.engine.distribution.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Engine API served by berthd: opens the engine from the options and installs its routes. */
public final class EngineApplication implements Application {
  private final Engine engine;
  private final io.berth.builder.Builder builder;
  private final InfoSettings settings;

  private EngineApplication(Engine engine, io.berth.builder.Builder builder, InfoSettings settings) {
    this.engine = engine;
    this.builder = builder;
    this.settings = settings;
  }

  public static final Application.Factory FACTORY = options -> {
    Map<String, String> runtimes = runtimes(options);
    RegistryConfig registries = registryConfig(options); // refused before the engine opens, as dockerd
    Engine engine = Engine.open(new Engine.EngineConfig(options.dataRoot(), options.execRoot(),
        options.storageDriver(), options.bridge(), options.bip(), runtimes, options.defaultRuntime(),
        options.network(), options.cgroupParent()));
    engine.lifecycle().keepRunningAtShutdown(options.liveRestore());
    engine.distribution().configure(registries);
    return new EngineApplication(engine, io.berth.builder.Builder.open(engine), settings(options, engine, runtimes));
  };

  /** The registry keys of daemon.json and flags (mirrors, insecure registries, certificates, transfer limits). */
  static RegistryConfig registryConfig(DaemonOptions options) {
    return RegistryConfig.of(options.registryMirrors(), options.insecureRegistries(), options.registryCertsDir(),
        options.maxConcurrentDownloads(), options.maxConcurrentUploads(), options.maxDownloadAttempts());
  }

  /** crun then runc where installed (crun first, as preferred where it works), then daemon.json's. */
  private static Map<String, String> runtimes(DaemonOptions options) {
    Map<String, String> runtimes = new LinkedHashMap<>();
    for (String name : List.of("crun", "runc")) {
      for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/bin", "/sbin")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          runtimes.putIfAbsent(name, dir + "/" + name);
        }
      }
    }
    options.runtimes().forEach((name, spec) -> runtimes.put(name,
        spec instanceof Map<?, ?> m && m.get("path") instanceof String p ? p : name));
    return runtimes;
  }

  private static InfoSettings settings(DaemonOptions options, Engine engine, Map<String, String> runtimes) {
    String logDriver = options.logDriver() == null || options.logDriver().isEmpty() ? "json-file" : options.logDriver();
    java.util.function.Supplier<String> defaultRuntime = () -> {
      try {
        return engine.defaultRuntime();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    return new InfoSettings(options.debug(), options.labels(), options.liveRestore(), runtimes, defaultRuntime,
        logDriver, "cgroupfs");
  }

  @Override
  public void install(Router router) {
    new ImageRoutes(engine).install(router);
    new DistributionRoutes(engine).install(router);
    new ContainerRoutes(engine).install(router);
    new ExecRoutes(engine).install(router);
    new ArchiveRoutes(engine).install(router);
    new SnapshotRoutes(engine).install(router);
    new NetworkRoutes(engine).install(router);
    new SystemRoutes(engine, settings, builder).install(router);
    new BuildRoutes(builder).install(router);
    new SwarmRoutes().install(router);
    new PluginRoutes().install(router);
    new VolumeRoutes(engine.volumes()).install(router);
  }

  @Override
  public void close() {
    engine.close();
  }
}
