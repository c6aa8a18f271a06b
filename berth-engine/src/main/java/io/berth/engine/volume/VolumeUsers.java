package io.berth.engine.volume;

import java.util.Map;
import java.util.Set;

/**
 * Who references volumes: the containers whose mount points name them, in any state. Derived from the container
 * records every time it is asked, so that no count can drift from them (a kill -9 loses nothing to recount).
 */
public interface VolumeUsers {
  /** Volume name to the IDs of the containers that reference it. */
  Map<String, Set<String>> references();

  VolumeUsers NONE = Map::of;
}
