package io.berth.engine.image;

import io.berth.common.Digest;
import java.util.List;

/**
 * What holds images besides tags: containers. The container service answers; image deletion
 * asks before it deletes (Docker's "image is being used by ... container" conflicts).
 */
public interface ImageUsers {

  /** A container using an image. */
  record User(String containerId, Digest imageId, boolean running) {}

  List<User> users();

  /** Extra layer directories (container read-write layers) the start-up sweep must keep. */
  default java.util.Set<String> cacheIds() {
    return java.util.Set.of();
  }

  /** Before any container exists (and on a host that has never run one) nothing is in use. */
  ImageUsers NONE = List::of;
}
