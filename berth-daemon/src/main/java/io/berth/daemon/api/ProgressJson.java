package io.berth.daemon.api;

import io.berth.common.Json;
import io.berth.common.Units;
import io.berth.engine.distribution.Progress;
import java.util.Map;

/** Pull and push progress as dockerd's JSON stream writes it (jsonstream.Message, 200-column bars). */
final class ProgressJson {
  private ProgressJson() {}

  static Map<String, Object> of(Progress p) {
    return switch (p) {
      case Progress.Message m -> withId(m.text().isEmpty() ? Json.map() : Json.map("status", m.text()), m.id());
      case Progress.Update u -> withId(Json.map("status", u.text(), "progressDetail", Json.map()), u.id());
      case Progress.Bytes b -> withId(Json.map("status", b.action(), "progressDetail", detail(b),
          "progress", bar(b.current(), b.total())), b.id());
      case Progress.Pushed r -> Json.map("progressDetail", Json.map(),
          "aux", Json.map("Tag", r.tag(), "Digest", r.digest(), "Size", r.size()));
    };
  }

  /** jsonstream.Progress: current and total are omitempty (a download of unknown size has no total). */
  private static Map<String, Object> detail(Progress.Bytes b) {
    Map<String, Object> detail = Json.map();
    if (b.current() != 0) {
      detail.put("current", b.current());
    }
    if (b.total() != 0) {
      detail.put("total", b.total());
    }
    return detail;
  }

  private static Map<String, Object> withId(Map<String, Object> m, String id) {
    if (!id.isEmpty()) {
      m.put("id", id);
    }
    return m;
  }

  static Map<String, Object> error(String message) {
    return Json.map("errorDetail", Json.map("message", message), "error", message);
  }

  /** jsonmessage's progress text at dockerd's width: {@code [==>   ]  1.2MB/3.4MB}. */
  static String bar(long current, long total) {
    if (current <= 0 && total <= 0) {
      return "";
    }
    if (total <= 0) {
      return String.format("%8s", Units.humanSize(current));
    }
    int percentage = Math.min((int) ((double) current / total * 100) / 2, 50);
    String box = "[" + "=".repeat(percentage) + ">" + " ".repeat(Math.max(50 - percentage, 0)) + "] ";
    String numbers = current > total ? String.format("%8s", Units.humanSize(current))
        : String.format("%8s/%s", Units.humanSize(current), Units.humanSize(total));
    return box + numbers;
  }
}
