package io.berth.daemon;

import io.berth.daemon.http.ApiVersion;
import io.berth.engine.Version;

/** berth's version facts as the daemon reports them: the build's (see {@link Version}) and the API range. */
public final class BerthVersion {
  public static final String VERSION = Version.VERSION;
  public static final String BUILD_TIME = Version.BUILD_TIME;
  public static final String GIT_COMMIT = Version.GIT_COMMIT;
  public static final ApiVersion API_VERSION = ApiVersion.MAX;
  public static final ApiVersion MIN_API_VERSION = ApiVersion.MIN;

  private BerthVersion() {}
}
