package io.berth.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Test inputs made locally (the busybox rootfs tarball and the reference engine's archives), and the small
 * helpers the test classes share.
 */
final class Fixtures {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private static Path busybox;

  private Fixtures() {}

  /** The busybox rootfs tar from Debian's busybox-static, built once per test run. */
  static synchronized Path busyboxTar() throws IOException {
    if (busybox == null) {
      Path out = Berthd.REPO.resolve("build/busybox-rootfs.tar"); // scripts/test.sh makes it
      Files.createDirectories(out.getParent());
      if (!Files.exists(out)) {
        Berthd.exec(List.of("bash", Berthd.REPO.resolve("scripts/make-busybox-rootfs.sh").toString(), out.toString()),
            Map.of(), null).ok();
      }
      busybox = out;
    }
    return busybox;
  }

  static Path fixture(String name) {
    return Berthd.REPO.resolve("berth-e2e/src/test/resources/fixtures").resolve(name);
  }

  /** Closes each of {@code resources} that was made (null: it was not), the rest even when one fails. */
  static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable c : resources) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the others still get closed
      }
    }
  }

  /** SIGTERM, and SIGKILL after {@code graceSeconds} if it has not exited by then. */
  static void terminate(Process process, int graceSeconds) {
    process.destroy();
    try {
      if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sleeps; false when interrupted (the flag set again), for a poll that then stops waiting. */
  static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Polls {@code actual} every 100 ms for up to 15 s until it gives {@code expected}; fails with the last value. */
  static void await(Supplier<String> actual, String expected) {
    String last = actual.get();
    for (int i = 0; i < 150 && !last.equals(expected) && sleep(100); i++) {
      last = actual.get();
    }
    assertEquals(expected, last);
  }

  /** The stripped body of a plain GET of {@code url}, tried again up to {@code retries} times while it fails. */
  static String get(String url, int retries) {
    for (int attempt = 0; ; attempt++) {
      try {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.ofString()).body().strip();
      } catch (IOException e) {
        if (attempt == retries) {
          throw new AssertionError("GET " + url + ": " + e, e);
        }
        sleep(100); // the server in the container is still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
