package io.berth.engine.container;

import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.container.config.HealthConfig;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.LogConfig;
import io.berth.engine.container.config.NetworkMode;
import io.berth.engine.container.config.Resources;
import io.berth.engine.container.config.RestartPolicy;
import io.berth.engine.container.config.StringSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's merge of a create request with its image's config (daemon/commit.go merge), and HostConfig defaults. */
final class ContainerConfigs {
  private ContainerConfigs() {}

  /** The container's Config: the request's fields, with the image's filling what the user left out. */
  static ContainerConfig merge(ContainerConfig user, ContainerConfig image, String id) {
    ContainerConfig.Builder b = user.toBuilder();
    if (b.user.isEmpty()) {
      b.user = image.user();
    }
    if (image.exposedPorts() != null || b.exposedPorts != null) {
      b.exposedPorts = StringSet.union(b.exposedPorts, image.exposedPorts());
    }
    b.env = mergeEnv(user.envList(), image.envList());
    Map<String, String> labels = new LinkedHashMap<>(image.labelMap());
    labels.putAll(user.labelMap());
    b.labels = labels;
    List<String> entrypoint = user.entrypoint();
    if (entrypoint != null && entrypoint.size() == 1 && entrypoint.getFirst().isEmpty()) {
      b.entrypoint = null; // --entrypoint "": no entrypoint, and the image's Cmd is not used either
    } else if (entrypoint == null || entrypoint.isEmpty()) {
      if (user.cmd() == null || user.cmd().isEmpty()) {
        b.cmd = image.cmd();
        b.argsEscaped = image.argsEscaped();
      }
      b.entrypoint = image.entrypoint();
    }
    b.healthcheck = mergeHealth(user.healthcheck(), image.healthcheck());
    if (b.workingDir.isEmpty()) {
      b.workingDir = image.workingDir();
    }
    if (image.volumes() != null || (b.volumes != null && !b.volumes.isEmpty())) {
      b.volumes = StringSet.union(b.volumes, image.volumes());
    } else {
      b.volumes = null;
    }
    if (b.stopSignal.isEmpty()) {
      b.stopSignal = image.stopSignal();
    }
    if (b.hostname.isEmpty()) {
      b.hostname = id.substring(0, 12);
    }
    return b.build();
  }

  /** The user's check wins field by field; the image's fills what it leaves at zero. */
  private static HealthConfig mergeHealth(HealthConfig user, HealthConfig image) {
    if (image == null) {
      return user;
    }
    if (user == null) {
      return image;
    }
    return new HealthConfig(user.test() == null || user.test().isEmpty() ? image.test() : user.test(),
        user.interval() == 0 ? image.interval() : user.interval(),
        user.timeout() == 0 ? image.timeout() : user.timeout(),
        user.startPeriod() == 0 ? image.startPeriod() : user.startPeriod(),
        user.startInterval() == 0 ? image.startInterval() : user.startInterval(),
        user.retries() == 0 ? image.retries() : user.retries());
  }

  /** Docker's merge: the user's variables win by name; the image's others follow. */
  static List<String> mergeEnv(List<String> userEnv, List<String> imageEnv) {
    if (userEnv.isEmpty()) {
      return new ArrayList<>(imageEnv);
    }
    List<String> env = new ArrayList<>(userEnv);
    for (String imageVar : imageEnv) {
      String key = imageVar.split("=", 2)[0];
      if (userEnv.stream().noneMatch(u -> u.split("=", 2)[0].equals(key))) {
        env.add(imageVar);
      }
    }
    return env;
  }

  /** HostConfig with the defaults dockerd records (so inspect shows them) and the runtime it will use. */
  static HostConfig normalize(HostConfig hc, String runtime, boolean networkDisabled) {
    HostConfig.Builder b = hc.toBuilder();
    if (networkDisabled) {
      b.networkMode = new NetworkMode.None(); // Config.NetworkDisabled: no network at all
    } else if (hc.networkMode().isBridge()) {
      b.networkMode = NetworkMode.bridge();
    }
    if (hc.restartPolicy().name().isEmpty()) {
      b.restartPolicy = new RestartPolicy("no", hc.restartPolicy().maximumRetryCount());
    }
    if (hc.shmSize() == 0) {
      b.shmSize = HostConfig.DEFAULT_SHM_SIZE;
    }
    if (hc.logConfig().type().isEmpty()) {
      b.logConfig = new LogConfig("json-file", hc.logConfig().config());
    }
    Resources r = hc.resources();
    if (r.memory() > 0 && r.memorySwap() == 0) { // adaptContainerSettings: swap twice the memory
      Resources.Builder rb = r.toBuilder();
      rb.memorySwap = r.memory() * 2;
      b.resources = rb.build();
    }
    b.runtime = runtime;
    return b.build();
  }
}
