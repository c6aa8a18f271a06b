package io.berth.registry.server;

import io.berth.common.Digest;
import java.nio.file.Path;

/**
 * Where things live under the registry's root:
 * <pre>
 * blobs/sha256/ab/&lt;hex&gt;                           every blob and manifest, once, by digest
 * repositories/&lt;name&gt;/_layers/sha256/&lt;hex&gt;       the blobs this repository may serve (empty files)
 * repositories/&lt;name&gt;/_manifests/revisions/sha256/&lt;hex&gt;   its manifests (the file holds the media type)
 * repositories/&lt;name&gt;/_manifests/tags/&lt;tag&gt;        a tag (the file holds the manifest digest)
 * repositories/&lt;name&gt;/_referrers/&lt;subject hex&gt;/&lt;hex&gt;   manifests whose subject is that digest
 * uploads/&lt;uuid&gt;/{repository,data}                 upload sessions, which survive a restart
 * tmp/                                             staging for atomic writes, emptied at start
 * </pre>
 * Repository name components never start with '_', so the '_' directories cannot meet a nested repository.
 */
public record Layout(Path root) {

  public Path blobs() {
    return root.resolve("blobs/sha256");
  }

  public Path blob(Digest digest) {
    return blobs().resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
  }

  public Path repositories() {
    return root.resolve("repositories");
  }

  public Path repository(String name) {
    return repositories().resolve(name);
  }

  public Path layerLink(String name, Digest digest) {
    return repository(name).resolve("_layers/sha256").resolve(digest.hex());
  }

  public Path revisions(String name) {
    return repository(name).resolve("_manifests/revisions/sha256");
  }

  public Path revision(String name, Digest digest) {
    return revisions(name).resolve(digest.hex());
  }

  public Path tags(String name) {
    return repository(name).resolve("_manifests/tags");
  }

  public Path referrers(String name, Digest subject) {
    return repository(name).resolve("_referrers").resolve(subject.hex());
  }

  public Path uploads() {
    return root.resolve("uploads");
  }

  public Path tmp() {
    return root.resolve("tmp");
  }
}
