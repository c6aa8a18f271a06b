package io.berth.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.common.Json;
import io.berth.engine.distribution.Progress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSON lines of a pull or push, byte for byte as dockerd writes them. */
class ProgressJsonTest {
  private static String json(Progress p) {
    return new String(Json.bytes(ProgressJson.of(p)), StandardCharsets.UTF_8);
  }

  @Test
  void shapesOfDockerdsMessages() {
    assertEquals("{\"status\":\"Digest: sha256:ab\"}", json(new Progress.Message("", "Digest: sha256:ab")));
    assertEquals("{\"status\":\"Pulling from e2e/x\",\"id\":\"1\"}", json(new Progress.Message("1", "Pulling from e2e/x")));
    assertEquals("{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"0123456789ab\"}",
        json(new Progress.Update("0123456789ab", "Pull complete")));
    assertEquals("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1048576,\"total\":4194304},"
        + "\"progress\":\"[============>                                      ]  1.049MB/4.194MB\",\"id\":\"0123456789ab\"}",
        json(new Progress.Bytes("0123456789ab", "Downloading", 1 << 20, 4 << 20)));
    assertEquals("{\"status\":\"http://h/ctx.tar\",\"progressDetail\":{\"current\":307200},\"progress\":\" 307.2kB\","
        + "\"id\":\"Downloading context\"}", json(new Progress.Bytes("Downloading context", "http://h/ctx.tar", 307200, 0)));
    assertEquals("{}", json(new Progress.Message("", "")), "the empty status closing a download");
    assertEquals("{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\"sha256:ab\",\"Size\":528}}",
        json(new Progress.Pushed("1", "sha256:ab", 528)));
    assertEquals("{\"errorDetail\":{\"message\":\"boom\"},\"error\":\"boom\"}",
        new String(Json.bytes(ProgressJson.error("boom")), StandardCharsets.UTF_8));
  }

  @Test
  void barsAsJsonmessageDrawsThem() {
    assertEquals("", ProgressJson.bar(0, 0));
    assertEquals("   512kB", ProgressJson.bar(512_000, 0));
    assertEquals("[==================================================>]     10MB/10MB", ProgressJson.bar(10_000_000,
        10_000_000));
    assertEquals("     11MB", ProgressJson.bar(11_000_000, 10_000_000).substring(53));
  }
}
