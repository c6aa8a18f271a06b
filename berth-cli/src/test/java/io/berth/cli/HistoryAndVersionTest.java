package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.client.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryAndVersionTest {
  static final String HISTORY = """
      [{"Comment":"","Created":1795456879,"CreatedBy":"/bin/sh -c #(nop)  CMD [\\"sh\\"]\\tand a long tail of text here","Id":"sha256:15c8d5a00a85dd8de038753b0bcaf0b56b8df8518f877abf3e8d06d209a45b9f","Size":0,"Tags":["busybox:latest"]},
       {"Comment":"first import","Created":1795450000,"CreatedBy":"","Id":"<missing>","Size":1982256,"Tags":null}]""";

  private static List<Object> history() throws IOException {
    return JsonParser.parseArray(HISTORY.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void historyTableTruncatesCreatedByAndIds() throws IOException {
    Instant now = Instant.ofEpochSecond(1_795_456_879L + 3);
    String out = new OutputFormat(HistoryRows.format("table", false, true))
        .render(HistoryRows.rows(history(), true, true, now), HistoryRows.HEADER);
    assertEquals("""
        IMAGE          CREATED         CREATED BY                                      SIZE      COMMENT
        15c8d5a00a85   3 seconds ago   /bin/sh -c #(nop)  CMD ["sh"] and a long tai…   0B       \s
        <missing>      2 hours ago                                                     1.98MB    first import
        """, out);
  }

  @Test
  void historyNonHumanUsesRfc3339AndBytes() throws IOException {
    String out = new OutputFormat(HistoryRows.format("table", false, false))
        .render(HistoryRows.rows(history(), true, false, Instant.now()), HistoryRows.HEADER);
    assertTrue(out.contains("2026-11-23T16:06:40Z"), out);
    assertTrue(out.contains("1982256"), out);
    assertTrue(out.startsWith("IMAGE          CREATED AT"), out);
  }

  @Test
  void versionRendersLikeDockersTemplate() throws IOException {
    Map<String, Object> server = JsonParser.parseObject("""
        {"Platform":{"Name":""},"Components":[{"Name":"Engine","Version":"20.10.24","Details":{"ApiVersion":"1.41",
        "Arch":"amd64","BuildTime":"2026-05-07T21:09:36.000000000+00:00","Experimental":"false","GitCommit":"5d6db84",
        "GoVersion":"go1.19.8","MinAPIVersion":"1.12","Os":"linux"}},{"Name":"runc","Version":"1.1.5",
        "Details":{"GitCommit":"v1.1.5-0"}}],"Version":"20.10.24","ApiVersion":"1.41"}""".getBytes(StandardCharsets.UTF_8));
    Map<String, Object> client = VersionView.client("1.41", "default");
    client.put("JavaVersion", "25");
    client.put("GitCommit", "abc1234");
    client.put("BuildTime", "Mon Nov 23 18:00:00 2026");
    assertEquals("""
        Client:
         Version:           0.1.0
         API version:       1.41 (downgraded from 1.50)
         Java version:      25
         Git commit:        abc1234
         Built:             Mon Nov 23 18:00:00 2026
         OS/Arch:           linux/amd64
         Context:           default

        Server:
         Engine:
          Version:          20.10.24
          API version:      1.41 (minimum version 1.12)
          Go version:       go1.19.8
          Git commit:       5d6db84
          Built:            Thu May  7 21:09:36 2026
          OS/Arch:          linux/amd64
          Experimental:     false
         runc:
          Version:          1.1.5
          GitCommit:        v1.1.5-0
        """, VersionView.render(client, VersionView.server(server)));
  }

  @Test
  void versionWithoutServerAndWithoutEngineComponent() throws IOException {
    Map<String, Object> client = VersionView.client("1.50", "default");
    assertTrue(VersionView.render(client, null).contains(" API version:       1.50\n"));
    Map<String, Object> server = VersionView.server(JsonParser.parseObject(
        "{\"Version\":\"1.0\",\"ApiVersion\":\"1.50\",\"MinAPIVersion\":\"1.24\",\"Os\":\"linux\",\"Arch\":\"amd64\"}"
            .getBytes(StandardCharsets.UTF_8)));
    assertTrue(VersionView.render(client, server).contains("  API version:      1.50 (minimum version 1.24)\n"));
  }
}
