package io.berth.e2e;

/** An engine the tests drive through the Docker CLI: a {@link Berthd} or the {@link ReferenceDockerd}. */
interface DockerEngine {
  Result docker(String... args);

  /** The ID of a local image, as {@code docker image inspect} prints it. */
  default String imageId(String image) {
    return docker("image", "inspect", "-f", "{{.Id}}", image).ok().line();
  }
}
