package io.berth.dockerfile.request;

import io.berth.common.ImageReference;
import io.berth.dockerfile.args.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code POST /build} asks of the classic builder, typed and checked (moby's BuildOptions as
 * newImageBuildOptions fills it). Decoded by {@link BuildRequestDecoder}; everything here is
 * honoured by the builder, and what berth does not do is refused there, never carried silently.
 *
 * @param dockerfile   path of the Dockerfile in the context ("Dockerfile" by default)
 * @param tags         the {@code t} names, normalized with their tag, duplicates dropped
 * @param extraHosts   {@code host:ip} lines for the /etc/hosts of RUN containers
 * @param quiet        {@code q}: only the image ID is written, at the end
 * @param noCache      do not use the build cache
 * @param cacheFrom    images used as cache sources
 * @param pull         pull base images even when present
 * @param remove       remove intermediate containers after a successful build (default true)
 * @param forceRemove  always remove intermediate containers (implies remove)
 * @param resources    limits of the RUN containers
 * @param buildArgs    {@code --build-arg}s; an empty value for one given without a value
 * @param shmSize      size of /dev/shm of RUN containers in bytes (0: the default 64 MiB)
 * @param labels       labels added to the image (as LABEL instructions of the last stage)
 * @param networkMode  network of RUN containers ("" or "default": the default bridge)
 * @param platform     the target platform, if requested (API 1.32+)
 * @param target       the stage to build ("" for the last)
 * @param ulimits      ulimits of RUN containers
 * @param authConfigs  registry credentials by registry (X-Registry-Config)
 * @param remote       {@code remote}: a git or http(s) address the daemon fetches the context from ("": the
 *                     request's body is the context)
 */
public record BuildRequest(String dockerfile, List<ImageReference> tags, List<String> extraHosts, boolean quiet,
    boolean noCache, List<String> cacheFrom, boolean pull, boolean remove, boolean forceRemove, Resources resources,
    Map<String, Optional<String>> buildArgs, long shmSize, Map<String, String> labels, String networkMode,
    Optional<Platform> platform, String target, List<Ulimit> ulimits, Map<String, AuthConfig> authConfigs,
    String remote) {

  public static final String DEFAULT_DOCKERFILE = "Dockerfile";

  public BuildRequest {
    tags = List.copyOf(tags);
    extraHosts = List.copyOf(extraHosts);
    cacheFrom = List.copyOf(cacheFrom);
    buildArgs = Map.copyOf(buildArgs);
    labels = Map.copyOf(labels);
    ulimits = List.copyOf(ulimits);
    authConfigs = Map.copyOf(authConfigs);
  }

  /** The resource limits of RUN containers, as the classic builder passes them to create. */
  public record Resources(long memory, long memorySwap, long cpuShares, String cpusetCpus, String cpusetMems,
      long cpuPeriod, long cpuQuota, String cgroupParent) {}

  /** One {@code --ulimit} (moby's container.Ulimit JSON). */
  public record Ulimit(String name, long soft, long hard) {}

  /** One registry's credentials (moby's registry.AuthConfig JSON). */
  public record AuthConfig(String username, String password, String auth, String email, String serverAddress,
      String identityToken, String registryToken) {}
}
