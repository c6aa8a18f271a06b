package io.berth.builder;

import io.berth.common.Digest;
import io.berth.common.GoStatusText;
import io.berth.sys.Linux;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ADD of a URL, as moby's downloadSource: the file is fetched into a directory of its own, named from the
 * URL's path (else the Content-Disposition filename), mode 0600, its time the Last-Modified header's (else
 * the epoch); {@code --checksum} is checked against what arrived (BuildKit's option).
 */
final class UrlSource {
  static final String UNNAMED = "__unnamed__";
  private static final Pattern GIT_URL = Pattern.compile("\\.git(?:#.+)?$");
  private static final Pattern DISPOSITION = Pattern.compile("filename=\"?([^\";]+)\"?");
  /** The builder's HTTP client (ADD of a URL, remote contexts, git's smart-server probe). */
  static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(30)).build();

  /** The download: the directory holding it and its name there ("" when nothing named it). */
  record Download(Path dir, String name) {}

  private UrlSource() {}

  static boolean isUrl(String source) {
    return source.startsWith("http://") || source.startsWith("https://");
  }

  /** A git repository (BuildKit's ADD source): git://, git@, or an http(s) URL ending in .git and a fragment. */
  static boolean isGit(String source) {
    return source.startsWith("git://") || source.startsWith("git@")
        || isUrl(source) && GIT_URL.matcher(source).find();
  }

  /** A GET of {@code url}, redirects followed, its body to be read; a URL that does not parse is an IllegalArgumentException. */
  static HttpResponse<InputStream> get(String url) throws IOException {
    return get(url, new Cancellation());
  }

  /** As {@link #get(String)}; a cancellation abandons the request (its body is the caller's to close). */
  static HttpResponse<InputStream> get(String url, Cancellation cancel) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream(),
        cancel);
  }

  /** {@code request} through the builder's client until its answer, or until {@code cancel} abandons it. */
  static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body, Cancellation cancel)
      throws IOException {
    String url = request.uri().toString();
    var response = CLIENT.sendAsync(request, body);
    try (var stop = cancel.onCancel(() -> response.cancel(true))) {
      return response.get();
    } catch (java.util.concurrent.CancellationException e) {
      cancel.check(); // cancelled by the build: says so
      throw e;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("download of " + url + " interrupted");
    }
  }

  /** ADD of a URL: the download, abandoned when the build is cancelled. */
  static Download fetch(String url, Path dir, String checksum, Cancellation cancel) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = get(url, cancel);
    } catch (IllegalArgumentException e) {
      throw new BuildException("parse " + url + ": " + e.getMessage());
    }
    try (InputStream body = response.body();
        var stop = cancel.onCancel(() -> closeQuietly(body))) {
      if (response.statusCode() >= 400) {
        String text = new String(body.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
        throw new BuildException("failed to GET " + url + " with status " + response.statusCode() + " "
            + GoStatusText.of(response.statusCode()) + ": " + text);
      }
      String name = filename(URI.create(url).getPath(), response.headers().firstValue("Content-Disposition"));
      Files.createDirectories(dir);
      Path file = dir.resolve(name.isEmpty() ? UNNAMED : name);
      MessageDigest md = Digest.newSha256();
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = body.read(buf)) > 0; ) {
          md.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      Linux.chmod(file, 0600);
      Digest got = Digest.ofSha256(md);
      if (!checksum.isEmpty() && !got.toString().equals(checksum)) {
        throw new BuildException("digest mismatch " + got + ": " + checksum);
      }
      Instant mtime = response.headers().firstValue("Last-Modified").flatMap(UrlSource::httpTime).orElse(Instant.EPOCH);
      Linux.utimensat(file, mtime, mtime, true);
      return new Download(dir, name);
    } catch (IOException e) {
      cancel.check(); // the body closed by the cancellation: cancelled, not failed
      throw e;
    }
  }

  /** Ends a download in progress: its reader fails at once. */
  static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      // closing is all that is wanted
    }
  }

  /** BuildKit's check of --checksum: a sha256 digest. */
  static void checkChecksum(String checksum) {
    if (!checksum.isEmpty() && !checksum.matches("sha256:[0-9a-f]{64}")) {
      throw new BuildException("invalid checksum digest format: " + checksum);
    }
  }

  private static String filename(String path, Optional<String> disposition) {
    if (path != null && !path.isEmpty() && !path.endsWith("/")) {
      String base = path.substring(path.lastIndexOf('/') + 1);
      if (!base.isEmpty()) {
        return base;
      }
    }
    if (disposition.isPresent()) {
      Matcher m = DISPOSITION.matcher(disposition.get());
      if (m.find() && !m.group(1).endsWith("/")) {
        String f = m.group(1);
        return f.substring(f.lastIndexOf('/') + 1);
      }
    }
    return "";
  }

  private static Optional<Instant> httpTime(String value) {
    try {
      return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
