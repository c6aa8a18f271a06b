package io.berth.registry.server;

import io.berth.common.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /v2/<name>/blobs/uploads/}: starting uploads (a session, a monolithic POST with {@code digest}, or a
 * cross-repository mount), chunks (PATCH with an optional Content-Range), status (GET), the closing PUT and
 * cancellation (DELETE).
 */
final class UploadRoutes {
  private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)(?:/\\d+|/\\*)?");

  private final BlobService blobs;

  UploadRoutes(BlobService blobs) {
    this.blobs = blobs;
  }

  /** {@code mayMount}: {@code from} names a repository the client may pull from. */
  void start(Call call, String repository, boolean mayMount) throws IOException {
    String mount = call.query("mount");
    if (mount != null) {
      Digest digest = Names.digest(mount);
      if (mayMount && blobs.mount(repository, call.query("from"), digest)) {
        created(call, repository, digest);
        return;
      }
    }
    String digestText = call.query("digest");
    if (digestText != null && mount == null) {
      Digest digest = Names.digest(digestText);
      Upload upload = blobs.start(repository);
      blobs.finish(upload, digest, call.body());
      created(call, repository, digest);
      return;
    }
    Upload upload = blobs.start(repository);
    progress(call, upload, 202);
  }

  void patch(Call call, String repository, String id) throws IOException {
    Upload upload = blobs.upload(repository, id);
    long start = -1;
    String range = call.header("Content-Range");
    if (range != null) {
      Matcher m = CONTENT_RANGE.matcher(range.trim());
      if (!m.matches()) {
        throw ErrorCode.RANGE_INVALID.error(Detail.of("Content-Range", range));
      }
      start = Long.parseLong(m.group(1));
      long length = call.contentLength();
      if (length >= 0 && length != Long.parseLong(m.group(2)) - start + 1) {
        throw ErrorCode.RANGE_INVALID.error(Detail.of("Content-Range", range, "Content-Length", length));
      }
    }
    blobs.append(upload, start, call.body());
    progress(call, upload, 202);
  }

  void status(Call call, String repository, String id) throws IOException {
    progress(call, blobs.upload(repository, id), 204);
  }

  void finish(Call call, String repository, String id) throws IOException {
    Upload upload = blobs.upload(repository, id);
    String digestText = call.query("digest");
    if (digestText == null || digestText.isEmpty()) {
      throw ErrorCode.DIGEST_INVALID.error(Detail.of("reason", "digest missing"));
    }
    Digest digest = Names.digest(digestText);
    InputStream body = call.body();
    blobs.finish(upload, digest, body);
    created(call, repository, digest);
  }

  void cancel(Call call, String repository, String id) throws IOException {
    blobs.cancel(blobs.upload(repository, id));
    call.empty(204);
  }

  private static void created(Call call, String repository, Digest digest) throws IOException {
    call.header("Location", "/v2/" + repository + "/blobs/" + digest);
    call.header("Docker-Content-Digest", digest.toString());
    call.empty(201);
  }

  private static void progress(Call call, Upload upload, int status) throws IOException {
    long size = upload.size();
    call.header("Location", "/v2/" + upload.repository + "/blobs/uploads/" + upload.id);
    call.header("Range", "0-" + (size > 0 ? size - 1 : 0));
    call.header("Docker-Upload-UUID", upload.id);
    call.empty(status);
  }
}
