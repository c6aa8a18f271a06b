package io.berth.builder;

import io.berth.dockerfile.request.BuildRequest;
import io.berth.engine.Engine;
import io.berth.engine.container.Snapshots;
import io.berth.engine.image.Images;
import io.berth.engine.layer.Lease;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the steps of one build share: the engine, the build's request, its cache committer, the lease that
 * keeps its new layers until images hold them, its scratch directory, the cache mounts, the markers of its
 * containers, and the secrets it was given.
 */
record StepServices(Engine engine, BuildRequest request, StepCommitter committer, Lease lease, Path tmp,
    CacheMounts cacheMounts, BuildContainers containers, Map<String, byte[]> secrets) {

  Images images() {
    return engine.images();
  }

  Snapshots snapshots() {
    return engine.snapshots();
  }
}
