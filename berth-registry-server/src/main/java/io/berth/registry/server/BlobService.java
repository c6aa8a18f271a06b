package io.berth.registry.server;

import io.berth.common.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Blobs as the API sees them: what a repository may serve, uploads into it (appended, then verified and
 * committed), cross-repository mounts and deletes. A blob becomes visible in a repository only once it is
 * whole and verified in the store.
 */
final class BlobService {
  private final Store store;

  BlobService(Store store) {
    this.store = store;
  }

  /** The size of a blob {@code repository} may serve, or BLOB_UNKNOWN. */
  long size(String repository, Digest digest) {
    long size = store.repositories.hasBlobLink(repository, digest) ? store.blobs.size(digest) : -1;
    if (size < 0) {
      throw ErrorCode.BLOB_UNKNOWN.error(Detail.of("digest", digest.toString()));
    }
    return size;
  }

  /**
   * As {@link #size}, for a client asking whether to upload: the link is refreshed so that a collection
   * spares the blob while the push that asked is still on its way to the manifest.
   */
  long sizeForPush(String repository, Digest digest) throws IOException {
    return store.guard.write(() -> {
      long size = size(repository, digest);
      store.repositories.touchBlob(repository, digest);
      store.guard.reached(digest);
      return size;
    });
  }

  /** Links a blob of {@code from} into {@code repository}; false when {@code from} cannot serve it. */
  boolean mount(String repository, String from, Digest digest) throws IOException {
    return store.guard.write(() -> {
      if (!store.repositories.hasBlobLink(from, digest) || !store.blobs.exists(digest)) {
        return false;
      }
      store.repositories.linkBlob(repository, digest);
      store.guard.reached(digest);
      store.active(repository);
      return true;
    });
  }

  Upload start(String repository) throws IOException {
    store.active(repository);
    return store.uploads.create(repository);
  }

  Upload upload(String repository, String id) throws IOException {
    return store.uploads.get(repository, id);
  }

  /** Appends a chunk; {@code start} is where the client says it begins (from Content-Range), or -1. */
  long append(Upload upload, long start, InputStream body) throws IOException {
    synchronized (upload) {
      if (start >= 0 && start != upload.size()) {
        throw ErrorCode.RANGE_INVALID.error(Detail.of("expected", upload.size(), "got", start));
      }
      store.active(upload.repository);
      upload.append(body);
      return upload.size();
    }
  }

  /**
   * Appends the last chunk and checks the whole against {@code digest}: on a mismatch the session and its
   * data are dropped (DIGEST_INVALID, nothing kept); on a match the data becomes the blob, linked in.
   */
  void finish(Upload upload, Digest digest, InputStream lastChunk) throws IOException {
    synchronized (upload) {
      upload.append(lastChunk);
      Digest actual = upload.digest();
      if (!actual.equals(digest)) {
        store.uploads.remove(upload);
        throw ErrorCode.DIGEST_INVALID.error(Detail.of("digest", digest.toString(), "actual", actual.toString()));
      }
      Durable.fsync(upload.data());
      store.guard.write(() -> {
        store.blobs.commit(upload.data(), digest);
        store.repositories.linkBlob(upload.repository, digest);
        store.guard.reached(digest);
        return null;
      });
      store.active(upload.repository);
      store.uploads.remove(upload);
    }
  }

  void cancel(Upload upload) throws IOException {
    synchronized (upload) {
      store.uploads.remove(upload);
    }
  }

  /** Unlinks a blob from the repository (the collector frees its bytes when nothing else needs them). */
  void delete(String repository, Digest digest) throws IOException {
    if (!store.repositories.unlinkBlob(repository, digest)) {
      throw ErrorCode.BLOB_UNKNOWN.error(Detail.of("digest", digest.toString()));
    }
  }
}
