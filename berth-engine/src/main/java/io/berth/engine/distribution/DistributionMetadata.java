package io.berth.engine.distribution;

import io.berth.common.Digest;
import io.berth.common.Json;
import io.berth.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What pulls and pushes learnt about layers, in dockerd's layout ({@code image/<driver>/distribution/}):
 * {@code diffid-by-digest/sha256/<blob>} holds the diff ID a compressed blob unpacks to, and
 * {@code v2metadata-by-diffid/sha256/<diff>} the blobs (digest, source repository) a layer is known
 * as. A pull records both, so that a later push of the layer sends the very blob it came as (same
 * digests, same manifest) or mounts it from its repository.
 */
public final class DistributionMetadata {
  /** A blob a layer is known as, and the repository it was seen in. */
  public record Source(Digest blob, String repository) {}

  private final Path byDigest;
  private final Path byDiffId;

  public DistributionMetadata(Path root) throws IOException {
    this.byDigest = root.resolve("diffid-by-digest").resolve("sha256");
    this.byDiffId = root.resolve("v2metadata-by-diffid").resolve("sha256");
    Files.createDirectories(byDigest);
    Files.createDirectories(byDiffId);
  }

  public Optional<Digest> diffId(Digest blob) {
    try {
      return Optional.of(Digest.parse(Files.readString(byDigest.resolve(blob.hex())).trim()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public synchronized List<Source> sources(Digest diffId) {
    List<Source> out = new ArrayList<>();
    try {
      for (Object o : Json.array(Files.readAllBytes(byDiffId.resolve(diffId.hex())))) {
        if (o instanceof Map<?, ?> m && m.get("Digest") instanceof String d) {
          out.add(new Source(Digest.parse(d), String.valueOf(m.get("SourceRepository"))));
        }
      }
    } catch (IOException | RuntimeException e) {
      // none recorded (or unreadable: then the layer is simply pushed again)
    }
    return out;
  }

  /** Records that {@code blob} (seen in {@code repository}) unpacks to {@code diffId}. */
  public synchronized void record(Digest diffId, Digest blob, String repository) throws IOException {
    AtomicFiles.write(byDigest.resolve(blob.hex()), diffId.toString().getBytes());
    List<Source> sources = sources(diffId);
    Source added = new Source(blob, repository);
    if (sources.contains(added)) {
      return;
    }
    sources.removeIf(s -> s.repository().equals(repository) && s.blob().equals(blob));
    sources.add(added);
    List<Object> json = new ArrayList<>();
    for (Source s : sources) {
      json.add(Json.map("Digest", s.blob().toString(), "SourceRepository", s.repository(), "HMAC", ""));
    }
    AtomicFiles.write(byDiffId.resolve(diffId.hex()), Json.bytes(json));
  }
}
