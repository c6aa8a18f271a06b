package io.berth.registry;

import java.util.List;

/** The media types of the distribution protocol (Docker schema 2 and OCI) and what each is. */
public final class MediaTypes {
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
  public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_LAYER_FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = OCI_LAYER + "+gzip";
  public static final String OCI_LAYER_ZSTD = OCI_LAYER + "+zstd";
  public static final String OCI_LAYER_NONDIST = "application/vnd.oci.image.layer.nondistributable.v1.tar";

  /** What a pull asks for, in dockerd's order (schema 1 last, so it is only ever offered). */
  public static final List<String> ACCEPTED_MANIFESTS = List.of(DOCKER_MANIFEST, DOCKER_MANIFEST_LIST,
      OCI_MANIFEST, OCI_INDEX, DOCKER_SCHEMA1_SIGNED, DOCKER_SCHEMA1);

  /** Config media types dockerd pulls as images (defaultImageTypes). */
  public static final List<String> IMAGE_CONFIGS = List.of(DOCKER_CONFIG, OCI_CONFIG,
      "application/octet-stream", "application/json", "text/html", "");

  /** Layer media types dockerd accepts (exact, or these followed by "."). */
  private static final List<String> SUPPORTED = List.of(DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_CONFIG,
      "application/vnd.docker.image.rootfs.", "application/vnd.oci.image.", OCI_CONFIG);

  private MediaTypes() {}

  /** dockerd's checkSupportedMediaType: known Docker and OCI types, anything else refused. */
  public static boolean supported(String mediaType) {
    String lower = mediaType.toLowerCase();
    for (String known : SUPPORTED) {
      if (lower.equals(known) || (known.endsWith(".") ? lower.startsWith(known)
          : lower.startsWith(known + "."))) {
        return true;
      }
    }
    return false;
  }

  /** Foreign and non-distributable layers: their data may live elsewhere (urls) and is not pushed. */
  public static boolean nonDistributable(String mediaType) {
    return mediaType.equals(DOCKER_LAYER_FOREIGN) || mediaType.startsWith(OCI_LAYER_NONDIST);
  }

  /** dockerd's mediaTypeClasses, for the "Encountered remote ..." error. */
  public static String configClass(String mediaType) {
    return switch (mediaType) {
      case "application/vnd.docker.plugin.v1+json" -> "plugin";
      case "application/vnd.docker.container.image.rootfs.diff+x-gtar",
          "application/vnd.cncf.helm.config.v1+json" -> "unknown";
      default -> "unknown";
    };
  }
}
