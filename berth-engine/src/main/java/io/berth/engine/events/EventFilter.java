package io.berth.engine.events;

import io.berth.common.Filters;
import io.berth.common.ImageReference;
import java.util.Map;
import java.util.Set;

/** Docker's event filters: each given key must match (values of one key are alternatives). */
public final class EventFilter {
  private static final Set<String> KEYS = Set.of("config", "container", "daemon", "event", "image", "label",
      "network", "node", "plugin", "scope", "secret", "service", "type", "volume");
  private final Filters filters;

  public EventFilter(Filters filters) {
    this.filters = filters.validate(KEYS);
  }

  public boolean matches(Event e) {
    Map<String, String> attrs = e.attributes();
    return filters.anyOrNone("type", t -> t.equals(e.type()))
        && filters.anyOrNone("event", a -> a.equals(e.action()) || e.action().startsWith(a + ":"))
        && filters.anyOrNone("scope", s -> s.equals("local"))
        && (!filters.has("label") || io.berth.common.Filters.labelsMatch(filters.get("label"), attrs)
            || filters.get("label").stream().anyMatch(l -> labelAny(l, attrs)))
        && (!filters.has("image") || (isImageEvent(e) || attrs.containsKey("image"))
            && filters.get("image").stream().anyMatch(i -> imageMatches(i, e)))
        && actorMatches("container", e)
        && actorMatches("volume", e)
        && actorMatches("network", e)
        && actorMatches("daemon", e);
  }

  private static boolean labelAny(String wanted, Map<String, String> attrs) {
    return io.berth.common.Filters.labelsMatch(java.util.List.of(wanted), attrs);
  }

  private static boolean isImageEvent(Event e) {
    return e.type().equals("image");
  }

  private boolean actorMatches(String type, Event e) {
    if (!filters.has(type)) {
      return true;
    }
    if (!e.type().equals(type)) {
      return false;
    }
    String name = e.attributes().getOrDefault("name", "");
    return filters.get(type).stream().anyMatch(v -> e.actorId().startsWith(v) || name.equals(v));
  }

  /** An image filter matches the image's ID, or its name with or without the default tag. */
  private static boolean imageMatches(String wanted, Event e) {
    String candidate = e.type().equals("image") ? e.attributes().getOrDefault("name", "") : e.attributes()
        .getOrDefault("image", "");
    String id = e.type().equals("image") ? e.actorId() : "";
    if (!id.isEmpty() && (id.equals(wanted) || id.startsWith("sha256:" + wanted) || id.startsWith(wanted))) {
      return true;
    }
    if (candidate.equals(wanted)) {
      return true;
    }
    try {
      ImageReference w = ImageReference.parse(wanted);
      ImageReference c = ImageReference.parse(candidate);
      return w.name().equals(c.name()) && (w.tag() == null || w.tag().equals(c.tag()));
    } catch (RuntimeException ex) {
      return false;
    }
  }
}
