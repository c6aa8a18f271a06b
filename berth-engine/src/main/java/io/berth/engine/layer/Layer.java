package io.berth.engine.layer;

import io.berth.common.Digest;

/**
 * One unpacked layer. {@code chainId} names the layer with all its parents (Docker's ChainID),
 * {@code diffId} is the digest of its uncompressed tar, {@code parent} the parent's chain id or
 * null, {@code size} the bytes of file content it carries, {@code cacheId} the driver's directory.
 */
public record Layer(Digest chainId, Digest diffId, Digest parent, long size, String cacheId) {

  /** ChainID(n) = sha256(ChainID(n-1) + " " + DiffID(n)); the base layer's chain id is its diff id. */
  public static Digest chainId(Digest parentChainId, Digest diffId) {
    if (parentChainId == null) {
      return diffId;
    }
    return Digest.sha256((parentChainId + " " + diffId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
