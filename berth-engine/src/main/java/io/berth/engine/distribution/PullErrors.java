package io.berth.engine.distribution;

import io.berth.common.BerthException;
import io.berth.common.ImageReference;
import io.berth.registry.RegistryException;
import java.io.IOException;

/** dockerd's translatePullError and its pull error texts. */
final class PullErrors {
  private PullErrors() {}

  /** A registry's refusal as the whole pull's error: not found (404), unauthorized (401), else as is. */
  static IOException translate(RegistryException e, ImageReference ref) {
    String cause = e.firstText();
    switch (e.code()) {
      case "DENIED" -> throw new BerthException.NotFound("pull access denied for " + ref.familiarName()
          + ", repository does not exist or may require 'docker login': " + cause);
      case "MANIFEST_UNKNOWN" -> throw new BerthException.NotFound("manifest for " + ref.familiarString()
          + " not found: " + cause);
      case "NAME_UNKNOWN" -> throw new BerthException.NotFound("repository " + ref.familiarName()
          + " not found: " + cause);
      case "UNAUTHORIZED" -> throw new BerthException.Unauthorized(e.getMessage());
      default -> {
        return e;
      }
    }
  }

  static BerthException schema1(ImageReference ref) {
    return new BerthException.InvalidParameter("Docker Image Format v1 and Docker Image manifest version 2, "
        + "schema 1 support has been removed. Suggest the author of " + ref + " to upgrade the image to the OCI "
        + "Format or Docker Image manifest v2, schema 2. More information at "
        + "https://docs.docker.com/go/deprecated-image-specs/");
  }
}
