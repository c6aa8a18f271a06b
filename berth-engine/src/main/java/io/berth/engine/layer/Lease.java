package io.berth.engine.layer;

import io.berth.common.Digest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Protects layers an operation has registered but not yet tied to an image (a load in progress)
 * from the garbage collection that a concurrent delete runs. Closing the lease lets go of them.
 */
public final class Lease implements AutoCloseable {
  private final LayerStore store;
  private final Set<Digest> held = ConcurrentHashMap.newKeySet();

  Lease(LayerStore store) {
    this.store = store;
  }

  void hold(Digest chainId) {
    held.add(chainId);
  }

  Set<Digest> held() {
    return held;
  }

  @Override
  public void close() {
    store.release(this);
  }
}
