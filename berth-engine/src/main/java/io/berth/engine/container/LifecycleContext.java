package io.berth.engine.container;

import io.berth.engine.image.Images;
import io.berth.engine.storage.GraphDriver;
import io.berth.network.NetworkDriver;
import io.berth.oci.OciSpecBuilder;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ContainerRuntimes;
import java.util.function.Supplier;

/**
 * What the parts of a container's life share: the records, the layers, the runtime and network drivers, the
 * spec builder, the per-container locks, the exit waiters and the containers' use of volumes.
 *
 * @param network the daemon's networks
 * @param cgroups  the host's cgroup version and where containers' cgroups are
 * @param closing  set once the daemon shuts down: exits are then recorded, but nothing restarts
 * @param runExtras mounts and variables an in-process caller adds to a container's runs (the builder's RUN
 *     --mount and secrets)
 */
record LifecycleContext(ContainerService service, Images images, ContainerRuntimes runtimes,
    Supplier<NetworkDriver> network, OciSpecBuilder specs, ContainerLocks locks, ExitWaiters waiters,
    ContainerCgroups cgroups, java.util.concurrent.atomic.AtomicBoolean closing,
    java.util.concurrent.atomic.AtomicReference<Lifecycle.HealthChecks> healthChecks, VolumeMounts volumeMounts,
    RunExtras runExtras) {

  /** The health checks' monitors (none until the engine set them up). */
  Lifecycle.HealthChecks health() {
    Lifecycle.HealthChecks h = healthChecks.get();
    return h == null ? Lifecycle.HealthChecks.NONE : h;
  }


  /** The container's side of the networks. */
  ContainerNetworks networks() {
    return new ContainerNetworks(network);
  }

  ContainerStore store() {
    return service.store();
  }

  GraphDriver driver() {
    return images.layers().driver();
  }

  /** The runtime the container was created for. */
  ContainerRuntime runtime(Container c) {
    return runtimes.get(c.runtime() == null ? "" : c.runtime());
  }

  java.nio.file.Path logPath(String id) {
    return store().dir(id).resolve("container.log");
  }
}
