package io.berth.builder;

import io.berth.archive.LayerWriter;
import io.berth.archive.TarEntry;
import io.berth.archive.TarWriter;
import io.berth.archive.WhiteoutMode;
import io.berth.common.AtomicFiles;
import io.berth.common.BerthException;
import io.berth.common.GoQuote;
import io.berth.common.GoStatusText;
import io.berth.engine.distribution.Progress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build context the daemon fetches itself ({@code remote=} on {@code POST /build}: docker-py and
 * docker-compose send a git or http(s) context that way), as moby's remotecontext.Detect: a git address is
 * cloned ({@link GitContext}); an http(s) URL is downloaded, and is the context if it is an archive (plain or
 * compressed) or, if it is text, the Dockerfile alone. Either way the result is a tar the build reads as it
 * reads a context a client sent.
 */
final class RemoteContext {
  /**
   * What was fetched: the context as a tar file, the bytes downloaded from {@code url} (-1 for a clone), and
   * whether it holds nothing but the Dockerfile.
   */
  record Fetched(Path tar, String url, long downloaded, boolean dockerfileOnly) {
    /**
     * What dockerd's stream says of a download before the first step: its progress reader's line (the bytes
     * read, of no known total) and, where the reader saw the end alone (a Dockerfile read to EOF), an empty
     * closing message. A clone says nothing.
     */
    void report(BuildOutput out) {
      if (downloaded >= 0) {
        out.progress(new Progress.Bytes("Downloading context", url, downloaded, 0));
        if (dockerfileOnly) {
          out.progress(new Progress.Message("", ""));
        }
      }
    }
  }

  private static final Pattern ACCEPTABLE_MIME = Pattern.compile(
      "(?:application/(?:(?:x-)?tar|octet-stream|((?:x-)?(?:gzip|bzip2?|xz)))|(?:text/plain))");
  private static final int MAX_PREAMBLE = 100;

  private RemoteContext() {}

  /** moby's urlutil.IsGitURL: a git source as ADD takes it ({@link UrlSource#isGit}), or github.com/... */
  static boolean isGitUrl(String remote) {
    return UrlSource.isGit(remote) || remote.startsWith("github.com/");
  }

  /** Fetches the context at {@code remote} into {@code dir}; {@code dockerfile} names a text download. */
  static Fetched fetch(String remote, Path dir, String dockerfile, Cancellation cancel) throws IOException {
    try {
      return fetchContext(remote, dir, dockerfile, cancel);
    } catch (IOException | RuntimeException e) {
      cancel.check(); // a fetch the cancellation cut short (git killed, body closed): cancelled, not failed
      throw e;
    }
  }

  private static Fetched fetchContext(String remote, Path dir, String dockerfile, Cancellation cancel)
      throws IOException {
    if (isGitUrl(remote)) {
      Path checkout = GitContext.checkout(remote, dir, cancel);
      Path tar = dir.resolve("remote.tar");
      try (OutputStream out = Files.newOutputStream(tar)) {
        LayerWriter.write(checkout, out, WhiteoutMode.APPLY);
      }
      AtomicFiles.deleteTree(dir.resolve("git")); // its files are in the tar now
      return new Fetched(tar, remote, -1, false);
    }
    if (UrlSource.isUrl(remote)) {
      return download(remote, dir, dockerfile, cancel);
    }
    throw new BuildException("remoteURL (" + remote + ") could not be recognized as URL");
  }

  private static Fetched download(String url, Path dir, String dockerfile, Cancellation cancel) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = UrlSource.get(url, cancel);
    } catch (IllegalArgumentException e) {
      throw new BuildException("error downloading remote context " + url + ": parse \"" + url + "\": "
          + e.getMessage());
    } catch (IOException e) {
      String get = "error downloading remote context " + url + ": Get \"" + url + "\": ";
      if (unresolved(e)) { // dockerd answers a name that does not resolve with a 404
        throw new BerthException.NotFound(get + "dial tcp: lookup " + java.net.URI.create(url).getHost()
            + ": no such host");
      }
      throw new BuildException(get + (e instanceof java.net.ConnectException ? "connect: connection refused"
          : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    try (InputStream body = response.body();
        var stop = cancel.onCancel(() -> UrlSource.closeQuietly(body))) {
      int status = response.statusCode();
      if (status >= 400) {
        String text = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8).strip();
        String message = "error downloading remote context " + url + ": failed to GET " + url + " with status "
            + status + " " + GoStatusText.of(status) + ": " + text;
        throw switch (status) {
          case 404 -> new BerthException.NotFound(message);
          case 400 -> new BerthException.InvalidParameter(message);
          case 401 -> new BerthException.Unauthorized(message);
          case 403 -> new BerthException.Forbidden(message);
          default -> new BuildException(message);
        };
      }
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      byte[] preamble = body.readNBytes(length <= 0 || length > MAX_PREAMBLE ? MAX_PREAMBLE : (int) length);
      String header = response.headers().firstValue("Content-Type").orElse("");
      String type = contentType(header, preamble);
      if (type.isEmpty()) {
        throw new BuildException("error detecting content type for remote " + url + ": "
            + (preamble.length == 0 ? "empty response" : "unsupported Content-Type " + GoQuote.quote(header)));
      }
      InputStream content = new SequenceInputStream(new ByteArrayInputStream(preamble), body);
      Path tar = dir.resolve("remote.tar");
      try (OutputStream out = Files.newOutputStream(tar)) {
        if (type.equals("text/plain")) {
          byte[] text = content.readAllBytes();
          TarWriter w = new TarWriter(out);
          w.writeHeader(TarEntry.of(dockerfile, TarEntry.Type.FILE, Instant.EPOCH).withMode(0644)
              .withSize(text.length));
          w.write(text, 0, text.length);
          w.finish();
          return new Fetched(tar, url, text.length, true);
        }
        return new Fetched(tar, url, content.transferTo(out), false);
      }
    }
  }

  private static boolean unresolved(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  /**
   * moby's inspectResponse: the acceptable type in the Content-Type header, sniffed from the first bytes when
   * the header is missing or application/octet-stream; "" when the content is not acceptable (or empty).
   */
  static String contentType(String header, byte[] preamble) {
    if (preamble.length == 0) {
      return "";
    }
    String type = header;
    if (type.isEmpty() || type.equals("application/octet-stream")) {
      type = sniff(preamble);
    }
    Matcher m = ACCEPTABLE_MIME.matcher(type);
    return m.find() ? m.group() : "";
  }

  /** The part of Go's http.DetectContentType a context can be: markup, zip, gzip, text or other bytes. */
  static String sniff(byte[] data) {
    int i = 0;
    while (i < data.length && (data[i] == '\t' || data[i] == '\n' || data[i] == '\f' || data[i] == '\r'
        || data[i] == ' ')) {
      i++;
    }
    String head = new String(data, i, data.length - i, StandardCharsets.ISO_8859_1);
    String upper = head.toUpperCase(Locale.ROOT);
    for (String tag : new String[] {"<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV",
        "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--"}) {
      if (upper.startsWith(tag) && upper.length() > tag.length()
          && (upper.charAt(tag.length()) == ' ' || upper.charAt(tag.length()) == '>')) {
        return "text/html";
      }
    }
    if (head.startsWith("<?xml")) {
      return "text/xml";
    }
    if (startsWith(data, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
      return "application/pdf";
    }
    if (startsWith(data, 0x50, 0x4B, 0x03, 0x04)) {
      return "application/zip";
    }
    if (startsWith(data, 0x1F, 0x8B, 0x08)) {
      return "application/x-gzip";
    }
    for (byte b : data) {
      if (b >= 0 && b <= 0x08 || b == 0x0B || b >= 0x0E && b <= 0x1A || b >= 0x1C && b <= 0x1F) {
        return "application/octet-stream";
      }
    }
    return "text/plain";
  }

  private static boolean startsWith(byte[] data, int... magic) {
    if (data.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((data[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
