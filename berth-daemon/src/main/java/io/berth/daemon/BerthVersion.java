package io.berth.daemon;

import io.berth.daemon.http.ApiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * berth's version facts. The version and build time come from the build (the pom is the one
 * place the version is written); the API range is what the HTTP layer accepts.
 */
public final class BerthVersion {
  public static final String VERSION;
  /** RFC 3339 time of the build, as dockerd reports BuildTime. */
  public static final String BUILD_TIME;
  /** The commit built from (set with {@code mvn -Dberth.commit=$(git rev-parse --short HEAD)}). */
  public static final String GIT_COMMIT;
  public static final ApiVersion API_VERSION = ApiVersion.MAX;
  public static final ApiVersion MIN_API_VERSION = ApiVersion.MIN;

  static {
    Properties properties = new Properties();
    try (InputStream in = BerthVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties missing from the classpath: build berth-daemon with Maven");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    VERSION = properties.getProperty("version");
    BUILD_TIME = properties.getProperty("buildTime");
    GIT_COMMIT = properties.getProperty("gitCommit");
  }

  private BerthVersion() {}
}
