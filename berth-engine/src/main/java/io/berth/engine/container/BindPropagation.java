package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.sys.MountInfo;
import java.io.IOException;
import java.nio.file.Path;

/**
 * dockerd's check of a bind's propagation against the host (ensureShared, ensureSharedOrSlave): a shared bind
 * needs its source on a shared mount, a slave one on a shared or slave mount, or the propagation asked for could
 * not happen.
 */
final class BindPropagation {
  private BindPropagation() {}

  static void check(String source, String propagation) throws IOException {
    boolean shared = propagation.equals("shared") || propagation.equals("rshared");
    boolean slave = propagation.equals("slave") || propagation.equals("rslave");
    if (!shared && !slave) {
      return;
    }
    String real = Path.of(source).toRealPath().toString();
    MountInfo holder = null;
    for (MountInfo m : MountInfo.self()) {
      String point = m.mountPoint();
      boolean parent = point.equals("/") || real.equals(point) || real.startsWith(point + "/");
      if (parent && (holder == null || point.length() > holder.mountPoint().length())) {
        holder = m;
      }
    }
    if (holder == null) {
      throw new IOException("Can't find mount point of " + source);
    }
    boolean isShared = holder.optional().contains("shared:");
    boolean isSlave = holder.optional().contains("master:");
    if (shared && !isShared) {
      throw new BerthException.InvalidParameter("path " + source + " is mounted on " + holder.mountPoint()
          + " but it is not a shared mount");
    }
    if (slave && !isShared && !isSlave) {
      throw new BerthException.InvalidParameter("path " + source + " is mounted on " + holder.mountPoint()
          + " but it is not a shared or slave mount");
    }
  }
}
