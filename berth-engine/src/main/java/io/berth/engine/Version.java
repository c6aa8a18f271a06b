package io.berth.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * berth's version, build time and commit, from the pom through a filtered resource: the one
 * place they are written. Reported by /version and /info and stamped into configs berth writes.
 */
public final class Version {
  public static final String VERSION;
  /** RFC 3339 time of the build, as dockerd reports BuildTime. */
  public static final String BUILD_TIME;
  /** The commit built from (set with {@code mvn -Dberth.commit=$(git rev-parse --short HEAD)}). */
  public static final String GIT_COMMIT;

  static {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties missing from the classpath: build berth-engine with Maven");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    VERSION = properties.getProperty("version");
    BUILD_TIME = properties.getProperty("buildTime");
    GIT_COMMIT = properties.getProperty("gitCommit");
  }

  private Version() {}
}
