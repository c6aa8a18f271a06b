package io.berth.engine.layer;

import io.berth.common.Digest;

/**
 * One unpacked layer. {@code chainId} names the layer with all its parents (Docker's ChainID),
 * {@code diffId} is the digest of its uncompressed tar, {@code parent} the parent's chain id or
 * null, {@code size} the bytes of file content it carries, {@code cacheId} the driver's directory,
 * {@code tarSource} how its tar is had again (for save) and {@code tarSize} that tar's length.
 */
public record Layer(Digest chainId, Digest diffId, Digest parent, long size, String cacheId, TarSource tarSource,
    long tarSize) {

  /** Where a layer's tar comes from when it is wanted again. */
  public enum TarSource {
    /** A layer from outside (load, import): its exact tar is kept, the bytes were not berth's to choose. */
    KEPT,
    /** A layer berth made from a directory (commit): its tar is written again from the layer's diff directory. */
    REGENERATED,
    /** A pulled layer: the blob it came as is kept (compressed), and its tar is that blob decompressed. */
    BLOB
  }

  /** ChainID(n) = sha256(ChainID(n-1) + " " + DiffID(n)); the base layer's chain id is its diff id. */
  public static Digest chainId(Digest parentChainId, Digest diffId) {
    if (parentChainId == null) {
      return diffId;
    }
    return Digest.sha256((parentChainId + " " + diffId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
