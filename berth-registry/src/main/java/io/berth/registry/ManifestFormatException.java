package io.berth.registry;

/** A manifest berth cannot read: dockerd's invalidManifestFormatError. */
public final class ManifestFormatException extends Exception {
  public ManifestFormatException(String message) {
    super(message);
  }
}
