package io.berth.engine.distribution;

import io.berth.archive.Compression;
import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.ObservedInputStream;
import io.berth.engine.layer.Layer;
import io.berth.engine.layer.LayerStore;
import io.berth.engine.layer.Lease;
import io.berth.registry.Descriptor;
import io.berth.registry.Repository;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The layers of one image pull, as dockerd's download manager does them: the layers already
 * present at the bottom of the stack are {@code Already exists}, the others are downloaded
 * concurrently (through {@link BlobDownloads}) and each is unpacked in stack order while its bytes
 * arrive; a layer is published only once its blob is verified and its tar matches the diff ID.
 */
record LayerPuller(LayerStore layers, BlobDownloads downloads, DistributionMetadata metadata) {
  /** Registers the layers {@code blobs} (unpacking to {@code diffIds}), all held by {@code lease}. */
  void pull(Repository repo, String repository, List<Descriptor> blobs, List<Digest> diffIds, Lease lease,
      Consumer<Progress> out) throws IOException {
    Digest parent = null;
    int present = 0;
    for (; present < blobs.size(); present++) {
      Digest chain = Layer.chainId(parent, diffIds.get(present));
      if (layers.get(chain).isEmpty()) {
        break;
      }
      parent = layers.register(InputStream.nullInputStream(), parent, diffIds.get(present), lease).chainId();
      out.accept(new Progress.Update(blobs.get(present).shortId(), "Already exists"));
      metadata.record(diffIds.get(present), blobs.get(present).digest(), repository);
    }
    List<BlobDownloads.Shared> joined = new ArrayList<>();
    try {
      for (int i = present; i < blobs.size(); i++) {
        out.accept(new Progress.Update(blobs.get(i).shortId(), "Pulling fs layer"));
      }
      for (int i = present; i < blobs.size(); i++) {
        joined.add(downloads.join(blobs.get(i), repo, out));
      }
      for (int i = present; i < blobs.size(); i++) {
        Descriptor blob = blobs.get(i);
        parent = extract(joined.get(i - present), parent, diffIds.get(i), lease, out).chainId();
        out.accept(new Progress.Update(blob.shortId(), "Pull complete"));
        metadata.record(diffIds.get(i), blob.digest(), repository);
      }
    } finally {
      for (BlobDownloads.Shared s : joined) {
        downloads.leave(s, out);
      }
    }
  }

  /** Unpacks a blob as it downloads, again from its start if the download had to start over. */
  private Layer extract(BlobDownloads.Shared shared, Digest parent, Digest diffId, Lease lease,
      Consumer<Progress> out) throws IOException {
    BlobDownload d = shared.download;
    while (true) {
      try (InputStream raw = d.follow()) {
        // the compressed bytes unpacked so far, reported as Extracting
        ByteProgress progress = new ByteProgress(d.id(), "Extracting", d.blob.size(), out);
        InputStream counted = new ObservedInputStream(raw, (b, off, n) -> progress.add(n));
        InputStream tar = new DrainingAtEnd(Compression.decompress(counted), counted);
        return layers.registerKeepingBlob(tar, d.file, parent, diffId, lease);
      } catch (BlobDownload.Restarted again) {
        // the blob's bytes were thrown away and are coming again: unpack from the start
      } catch (BerthException.InvalidParameter e) {
        throw new IOException("failed to register layer: " + e.getMessage(), e);
      } catch (IOException e) {
        // bad bytes can break the unpacking before the download sees its digest is wrong: the
        // download's own failure, when it has one, is the error to report
        try {
          shared.done.get();
        } catch (java.util.concurrent.ExecutionException failed) {
          throw failed.getCause() instanceof IOException io ? io : e;
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("failed to register layer: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Ends the uncompressed stream only after the compressed one has ended too: the blob's last
   * bytes are read (and so verified) before the layer store sees the end and publishes the layer.
   */
  private static final class DrainingAtEnd extends FilterInputStream {
    private final InputStream raw;

    DrainingAtEnd(InputStream uncompressed, InputStream raw) {
      super(uncompressed);
      this.raw = raw;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        raw.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n < 0) {
        raw.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return n;
    }
  }
}
