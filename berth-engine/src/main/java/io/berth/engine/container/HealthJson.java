package io.berth.engine.container;

import io.berth.common.GoTime;
import io.berth.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** State.Health in the API's shape (also how the container's file keeps it). */
public final class HealthJson {
  private HealthJson() {}

  public static Map<String, Object> toJson(Health h) {
    List<Object> log = new ArrayList<>();
    for (Health.Result r : h.log()) {
      log.add(Json.map("Start", GoTime.rfc3339Nano(r.start()), "End", GoTime.rfc3339Nano(r.end()),
          "ExitCode", r.exitCode(), "Output", r.output()));
    }
    return Json.map("Status", h.status(), "FailingStreak", h.failingStreak(), "Log", log);
  }

  static Health fromJson(Map<String, Object> m) {
    List<Health.Result> log = new ArrayList<>();
    if (m.get("Log") instanceof List<?> entries) {
      for (Object o : entries) {
        if (o instanceof Map<?, ?> e) {
          log.add(new Health.Result(GoTime.parse(String.valueOf(e.get("Start"))),
              GoTime.parse(String.valueOf(e.get("End"))),
              e.get("ExitCode") instanceof Number n ? n.intValue() : -1, String.valueOf(e.get("Output"))));
        }
      }
    }
    return new Health(String.valueOf(m.get("Status")),
        m.get("FailingStreak") instanceof Number n ? n.intValue() : 0, log);
  }
}
