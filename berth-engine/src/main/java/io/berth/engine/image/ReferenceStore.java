package io.berth.engine.image;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.ImageReference;
import io.berth.common.Json;
import io.berth.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Tags and digest references to image IDs, persisted as Docker's {@code repositories.json}
 * ({@code {"Repositories": {"busybox": {"busybox:latest": "sha256:…"}}}}), rewritten atomically
 * on every change.
 */
public final class ReferenceStore {
  private final Path file;
  private final Map<String, Digest> refs = new TreeMap<>(); // full reference string -> image ID

  public ReferenceStore(Path file) throws IOException {
    this.file = file;
    if (Files.exists(file)) {
      Map<String, Object> json = Json.object(Files.readAllBytes(file));
      if (json.get("Repositories") instanceof Map<?, ?> repos) {
        for (Object byRef : repos.values()) {
          if (byRef instanceof Map<?, ?> m) {
            m.forEach((ref, id) -> refs.put(ImageReference.parse((String) ref).toString(), Digest.parse((String) id)));
          }
        }
      }
    }
  }

  /** Points {@code ref} at {@code id}. Returns the ID it pointed at before, if any. */
  public synchronized Optional<Digest> add(ImageReference ref, Digest id) throws IOException {
    Digest previous = refs.get(ref.toString());
    if (ref.digest() != null && previous != null && !previous.equals(id)) {
      throw new BerthException.Conflict("Cannot overwrite digest " + ref.digest());
    }
    if (id.equals(previous)) {
      return Optional.of(previous);
    }
    refs.put(ref.toString(), id);
    save();
    return Optional.ofNullable(previous);
  }

  public synchronized boolean delete(ImageReference ref) throws IOException {
    if (refs.remove(ref.toString()) == null) {
      return false;
    }
    save();
    return true;
  }

  public synchronized Optional<Digest> get(ImageReference ref) {
    return Optional.ofNullable(refs.get(ref.toString()));
  }

  /** The references to {@code id}, in Docker's order (lexical by familiar form). */
  public synchronized List<ImageReference> references(Digest id) {
    List<ImageReference> found = new ArrayList<>();
    refs.forEach((ref, target) -> {
      if (target.equals(id)) {
        found.add(ImageReference.parse(ref));
      }
    });
    found.sort(Comparator.comparing(ImageReference::familiarString));
    return found;
  }

  private void save() throws IOException {
    Map<String, Map<String, String>> repos = new TreeMap<>();
    refs.forEach((ref, id) -> {
      ImageReference r = ImageReference.parse(ref);
      repos.computeIfAbsent(r.familiarName(), k -> new TreeMap<>()).put(r.familiarString(), id.toString());
    });
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Repositories", repos);
    AtomicFiles.write(file, Json.bytes(json));
  }
}
