package io.berth.oci;

import java.util.List;

/**
 * A container user resolved against the image's /etc/passwd and /etc/group.
 *
 * @param additionalGids the supplementary groups (from /etc/group membership and --group-add), without the
 *                       primary gid: the spec lists {@code [gid, additionalGids...]} as moby's getUser does
 */
public record ResolvedUser(long uid, long gid, List<Long> additionalGids) {
  public static final ResolvedUser ROOT = new ResolvedUser(0, 0, List.of());

  public ResolvedUser {
    additionalGids = List.copyOf(additionalGids);
  }
}
