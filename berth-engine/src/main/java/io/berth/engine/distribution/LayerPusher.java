package io.berth.engine.distribution;

import io.berth.common.Digest;
import io.berth.common.ImageReference;
import io.berth.engine.layer.Layer;
import io.berth.engine.layer.LayerStore;
import io.berth.registry.Descriptor;
import io.berth.registry.MediaTypes;
import io.berth.registry.Repository;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * One layer of a push, as dockerd's pushLayer: a blob this layer is already known as in the
 * target repository is checked with {@code HEAD} ({@code Layer already exists}); one known from
 * another repository of the same registry is mounted ({@code Mounted from …}); otherwise the
 * layer's tar is gzipped ({@link AdaptiveGzip}) while it streams to the registry ({@code Pushing},
 * {@code Pushed}).
 */
record LayerPusher(LayerStore layers, DistributionMetadata metadata) {

  Descriptor push(Repository repo, ImageReference target, Layer layer, Semaphore slots, Consumer<Progress> out)
      throws IOException, InterruptedException {
    String id = layer.diffId().shortHex();
    if (!slots.tryAcquire()) {
      out.accept(new Progress.Update(id, "Waiting"));
      slots.acquire();
    }
    try {
      for (DistributionMetadata.Source s : metadata.sources(layer.diffId())) {
        if (s.repository().equals(target.name())) {
          Optional<Long> size = repo.stat(s.blob());
          if (size.isPresent()) {
            out.accept(new Progress.Update(id, "Layer already exists"));
            return Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, s.blob(), size.get());
          }
        }
      }
      for (DistributionMetadata.Source s : metadata.sources(layer.diffId())) {
        ImageReference from = ImageReference.parse(s.repository());
        if (from.domain().equals(target.domain()) && !s.repository().equals(target.name())) {
          Optional<URI> upload = repo.startUpload(s.blob(), from.path());
          if (upload.isEmpty()) {
            long size = repo.stat(s.blob()).orElse(0L);
            metadata.record(layer.diffId(), s.blob(), target.name());
            out.accept(new Progress.Update(id, "Mounted from " + from.path()));
            return Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, s.blob(), size);
          }
          // the registry would not mount: this upload session is abandoned, a fresh one is used below
        }
      }
      return upload(repo, target, layer, id, out);
    } finally {
      slots.release();
    }
  }

  private Descriptor upload(Repository repo, ImageReference target, Layer layer, String id, Consumer<Progress> out)
      throws IOException {
    URI location = repo.startUpload(layer.diffId(), null).orElseThrow();
    MessageDigest md = Digest.newSha256();
    long[] compressed = new long[1];
    AtomicReference<IOException> failure = new AtomicReference<>();
    PipedInputStream pipe = new PipedInputStream(1 << 20);
    PipedOutputStream sink = new PipedOutputStream(pipe);
    Thread writer = Thread.ofVirtual().name("push " + id).start(() -> {
      try (OutputStream counting = new CountingOut(sink, md, compressed);
          GZIPOutputStream gzip = new AdaptiveGzip(counting);
          OutputStream buffered = new BufferedOutputStream(gzip, 1 << 16)) {
        layers.writeTar(layer.chainId(), new ProgressOut(buffered, id, layer.tarSize(), out));
      } catch (IOException e) {
        failure.set(e);
        try {
          sink.close();
        } catch (IOException ignored) {
          // the reader sees the end
        }
      }
    });
    Digest[] digest = new Digest[1];
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> pipe);
    try {
      repo.upload(location, body, () -> {
        join(writer);
        if (failure.get() != null) {
          throw failure.get();
        }
        digest[0] = Digest.ofSha256(md);
        return digest[0];
      });
    } finally {
      writer.interrupt();
      pipe.close();
    }
    metadata.record(layer.diffId(), digest[0], target.name());
    out.accept(new Progress.Update(id, "Pushed"));
    return Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, digest[0], compressed[0]);
  }

  private static void join(Thread t) throws IOException {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }

  private static final class CountingOut extends DigestOutputStream {
    private final long[] count;

    CountingOut(OutputStream out, MessageDigest md, long[] count) {
      super(out, md);
      this.count = count;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      super.write(b, off, len);
      count[0] += len;
    }

    @Override
    public void write(int b) throws IOException {
      super.write(b);
      count[0]++;
    }
  }

  /** Reports the uncompressed bytes sent so far as {@code Pushing}, as dockerd does. */
  private static final class ProgressOut extends java.io.FilterOutputStream {
    private final ByteProgress progress;

    ProgressOut(OutputStream sink, String id, long total, Consumer<Progress> listener) {
      super(sink);
      this.progress = new ByteProgress(id, "Pushing", total, listener);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      progress.add(len);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
