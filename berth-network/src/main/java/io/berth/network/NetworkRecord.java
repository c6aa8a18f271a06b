package io.berth.network;

import io.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A network's identity, kept in {@code networks/<name>.json}: its ID and creation time stay the
 * same across daemon restarts (NetworkID in inspect output must not change under a running
 * container); bridge and subnet record what the last open set up.
 */
record NetworkRecord(String id, String name, String created, String bridge, String subnet, String gateway) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A random 64-hex identifier, the form of Docker's network and endpoint IDs. */
  static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Reads the record (if any) and rewrites it with the current bridge facts, keeping ID and creation time. */
  static NetworkRecord update(Path file, String name, String bridge, Cidr bridgeAddress) throws IOException {
    NetworkRecord old = null;
    if (Files.exists(file)) {
      try {
        old = Json.read(Files.readAllBytes(file), NetworkRecord.class);
      } catch (IOException unreadable) {
        old = null;
      }
    }
    String id = old != null && old.id() != null ? old.id() : newId();
    String created = old != null && old.created() != null ? old.created() : Instant.now().toString();
    NetworkRecord now = new NetworkRecord(id, name, created, bridge, bridgeAddress.network().toString(),
        bridgeAddress.addressString());
    if (!now.equals(old)) {
      StateFiles.write(file, Json.bytes(now));
    }
    return now;
  }
}
