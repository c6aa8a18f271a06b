package io.berth.daemon.api;

import io.berth.daemon.Application;
import io.berth.daemon.DaemonOptions;
import io.berth.daemon.http.Router;
import io.berth.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Engine API served by berthd: opens the engine from the options and installs its routes. */
public final class EngineApplication implements Application {
  private final Engine engine;
  private final InfoSettings settings;

  private EngineApplication(Engine engine, InfoSettings settings) {
    this.engine = engine;
    this.settings = settings;
  }

  public static final Application.Factory FACTORY = options -> {
    Engine engine = Engine.open(new Engine.EngineConfig(options.dataRoot(), options.execRoot(),
        options.storageDriver()));
    return new EngineApplication(engine, settings(options, engine));
  };

  private static InfoSettings settings(DaemonOptions options, Engine engine) {
    Map<String, String> runtimes = new LinkedHashMap<>();
    for (String name : engine.host().installedRuntimes()) {
      runtimes.put(name, name);
    }
    options.runtimes().forEach((name, spec) -> runtimes.put(name,
        spec instanceof Map<?, ?> m && m.get("path") instanceof String p ? p : name));
    String defaultRuntime = options.defaultRuntime() != null && !options.defaultRuntime().isEmpty()
        ? options.defaultRuntime()
        : runtimes.containsKey("runc") ? "runc" : runtimes.keySet().stream().findFirst().orElse("runc");
    String logDriver = options.logDriver() == null || options.logDriver().isEmpty() ? "json-file" : options.logDriver();
    return new InfoSettings(options.debug(), options.labels(), options.liveRestore(), options.insecureRegistries(),
        options.registryMirrors(), runtimes, defaultRuntime, logDriver, "cgroupfs");
  }

  @Override
  public void install(Router router) {
    new ImageRoutes(engine).install(router);
    new ContainerRoutes(engine).install(router);
    new SystemRoutes(engine, settings).install(router);
  }

}
