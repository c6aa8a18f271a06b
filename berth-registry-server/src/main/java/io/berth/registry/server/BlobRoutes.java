package io.berth.registry.server;

import io.berth.common.Digest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /v2/<name>/blobs/<digest>}: GET (with single byte ranges), HEAD and DELETE. {@code proxy}: the
 * pull-through cache, or null.
 */
record BlobRoutes(BlobService blobs, Store store, ProxyCache proxy) {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /** A pull of a blob the store lacks goes upstream first when the registry is a pull-through cache. */
  private void cacheMissing(String repository, Digest digest) {
    if (proxy != null && !(store.repositories.hasBlobLink(repository, digest) && store.blobs.exists(digest))) {
      proxy.fetchBlob(repository, digest);
    }
  }

  void head(Call call, String repository, Digest digest) throws IOException {
    cacheMissing(repository, digest);
    long size = blobs.sizeForPush(repository, digest);
    describe(call, digest);
    call.start(200, size);
    call.finish();
  }

  void get(Call call, String repository, Digest digest) throws IOException {
    cacheMissing(repository, digest);
    long size = blobs.size(repository, digest);
    FileChannel file;
    try {
      file = FileChannel.open(store.blobs.path(digest), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw ErrorCode.BLOB_UNKNOWN.error(Detail.of("digest", digest.toString()));
    }
    try (file) {
      long start = 0;
      long end = size - 1;
      int status = 200;
      String range = call.header("Range");
      if (range != null && size > 0) {
        long[] r = range(range, size);
        if (r == null) {
          call.header("Content-Range", "bytes */" + size);
          throw ErrorCode.RANGE_INVALID.error(Detail.of("range", range));
        }
        start = r[0];
        end = r[1];
        status = 206;
        call.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
      }
      describe(call, digest);
      call.start(status, end - start + 1);
      if (end >= start && !call.method.equals("HEAD")) {
        call.sendFile(file, start, end);
      }
    }
    call.finish();
  }

  void delete(Call call, String repository, Digest digest) throws IOException {
    blobs.delete(repository, digest);
    call.empty(202);
  }

  private static void describe(Call call, Digest digest) {
    call.header("Content-Type", "application/octet-stream");
    call.header("Docker-Content-Digest", digest.toString());
    call.header("ETag", "\"" + digest + "\"");
    call.header("Accept-Ranges", "bytes");
    call.header("Cache-Control", "max-age=31536000");
  }

  /** {start, end} of a satisfiable single range, or null. */
  static long[] range(String header, long size) {
    Matcher m = RANGE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return null;
    }
    try {
      long start;
      long end;
      if (m.group(1).isEmpty()) { // the last N bytes
        long n = Long.parseLong(m.group(2));
        start = Math.max(0, size - n);
        end = size - 1;
      } else {
        start = Long.parseLong(m.group(1));
        end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      }
      return start > end || start >= size ? null : new long[] {start, end};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
