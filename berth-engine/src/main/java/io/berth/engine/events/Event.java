package io.berth.engine.events;

import java.time.Instant;
import java.util.Map;

/** One event as {@code /events} reports it: what (type, action), on what (actor), when. */
public record Event(String type, String action, String actorId, Map<String, String> attributes, Instant time) {

  public long timeNano() {
    return time.getEpochSecond() * 1_000_000_000L + time.getNano();
  }
}
