package io.berth.builder;

import io.berth.common.AtomicFiles;
import io.berth.common.BerthException;
import io.berth.dockerfile.request.BuildRequest;
import io.berth.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The classic builder on an engine ({@code POST /build}, {@code POST /build/prune}, the build cache in
 * {@code system df}). Its state lives under {@code <data-root>/builder/}: the cache records, the cache
 * mounts, the markers of RUN containers in flight, and a scratch area for contexts, wiped at start.
 */
public final class Builder {
  private final Engine engine;
  private final Path tmp;
  private final BuildCache cache;
  private final CacheMounts cacheMounts;
  private final BuildContainers containers;

  private Builder(Engine engine, Path root) throws IOException {
    this.engine = engine;
    this.tmp = root.resolve("tmp");
    GitContext.killStrays(tmp); // clones of builds a crash cut short: their git still runs in tmp
    AtomicFiles.deleteTree(tmp); // contexts and downloads of builds a crash cut short
    Files.createDirectories(tmp);
    this.cache = new BuildCache(root.resolve("cache"));
    this.cacheMounts = new CacheMounts(engine.volumes(), cache);
    AtomicFiles.deleteTree(root.resolve("cachemounts")); // where cache mounts lived before they were volumes
    this.containers = new BuildContainers(root.resolve("containers"));
    containers.sweep(engine.lifecycle());
  }

  /** Opens the builder of an engine, cleaning up after builds a crash interrupted. */
  public static Builder open(Engine engine) throws IOException {
    return new Builder(engine, engine.config().dataRoot().resolve("builder"));
  }

  /**
   * Reads the context (a tar, plain or compressed) and the Dockerfile in it and checks everything that can
   * be checked before a step runs (the Dockerfile's syntax, stages, target, base images), so that those
   * errors are answered as errors, not in the stream. The caller runs the build, then closes it.
   *
   * @param secrets secrets for {@code RUN --mount=type=secret}, by id (berth's own client can send them)
   * @param cancel the build's cancellation (its client went away): it stops a remote context's fetch, and the
   *     build once it runs
   */
  public PreparedBuild prepare(BuildRequest request, InputStream context, Map<String, byte[]> secrets,
      Cancellation cancel) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "build-");
    try {
      Path contextDir = Files.createDirectory(dir.resolve("context"));
      RemoteContext.Fetched remote = request.remote().isEmpty() ? null
          : RemoteContext.fetch(request.remote(), dir, request.dockerfile(), cancel);
      ContextIndex index;
      InputStream tar = remote == null ? context : Files.newInputStream(remote.tar());
      try {
        index = ContextIndex.read(tar, dir.resolve("context.tar"));
      } catch (IOException e) {
        throw new BerthException.InvalidParameter("failed to read the build context: " + e.getMessage(), e);
      } finally {
        if (remote != null) {
          tar.close();
          Files.delete(remote.tar());
        }
      }
      return PreparedBuild.prepare(new BuildSetup(engine, request, cache, cacheMounts, containers, dir,
          SourceTree.context(index, contextDir), secrets, remote, cancel));
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteTree(dir);
      throw e;
    }
  }

  /** {@code POST /build/prune}. */
  public CachePrune.Report prune(boolean all, io.berth.common.Filters filters, long keepStorage) throws IOException {
    return new CachePrune(engine, cache, cacheMounts).prune(all, filters, keepStorage);
  }

  /** The build cache as {@code system df} lists it. */
  public List<CachePrune.Usage> diskUsage() throws IOException {
    return new CachePrune(engine, cache, cacheMounts).usage();
  }

  /** What a build is set up with; {@code remote}: the context the daemon fetched, null when the client sent it. */
  record BuildSetup(Engine engine, BuildRequest request, BuildCache cache, CacheMounts cacheMounts,
      BuildContainers containers, Path dir, SourceTree context, Map<String, byte[]> secrets,
      RemoteContext.Fetched remote, Cancellation cancellation) {
    /** The context is a Dockerfile downloaded on its own (a remote text file): there is nothing to copy from. */
    boolean dockerfileOnly() {
      return remote != null && remote.dockerfileOnly();
    }
  }
}
