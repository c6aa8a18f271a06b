package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.client.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageRowsTest {
  static final Instant NOW = Instant.ofEpochSecond(1_795_456_879L + 120);
  static final String IMAGES = """
      [{"Containers":-1,"Created":1795456879,"Id":"sha256:15c8d5a00a85dd8de038753b0bcaf0b56b8df8518f877abf3e8d06d209a45b9f",
        "RepoDigests":["busybox@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
        "RepoTags":["busybox:latest","localhost:5000/foo/bar:v2"],"SharedSize":-1,"Size":1982256},
       {"Containers":2,"Created":1795456000,"Id":"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "RepoDigests":[],"RepoTags":[],"SharedSize":1000,"Size":123456789}]""";

  private static List<Object> images() throws IOException {
    return JsonParser.parseArray(IMAGES.getBytes(StandardCharsets.UTF_8));
  }

  private static String render(String format, boolean quiet, boolean digests, boolean trunc) throws IOException {
    OutputFormat output = new OutputFormat(ImageRows.format(format, quiet, digests));
    List<Map<String, String>> rows = new ImageRows(trunc, NOW, ZoneOffset.UTC)
        .rows(images(), digests, digests || output.text().contains("{{.Digest}}"));
    return output.render(rows, ImageRows.HEADER);
  }

  @Test
  void defaultTableMatchesDocker() throws IOException {
    assertEquals("""
        REPOSITORY               TAG       IMAGE ID       CREATED          SIZE
        busybox                  latest    15c8d5a00a85   2 minutes ago    1.98MB
        localhost:5000/foo/bar   v2        15c8d5a00a85   2 minutes ago    1.98MB
        <none>                   <none>    0123456789ab   16 minutes ago   123MB
        """, render("table", false, false, true));
  }

  @Test
  void digestsAddAColumnAndQuietPrintsIds() throws IOException {
    assertEquals("""
        REPOSITORY               TAG       DIGEST                                                                    IMAGE ID       CREATED          SIZE
        busybox                  latest    sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa   15c8d5a00a85   2 minutes ago    1.98MB
        localhost:5000/foo/bar   v2        <none>                                                                    15c8d5a00a85   2 minutes ago    1.98MB
        <none>                   <none>    <none>                                                                    0123456789ab   16 minutes ago   123MB
        """, render("table", false, true, true));
    assertEquals("15c8d5a00a85\n15c8d5a00a85\n0123456789ab\n", render("table", true, false, true));
  }

  @Test
  void jsonRowsHaveDockerFieldsSortedAndEscaped() throws IOException {
    String first = render("json", false, false, true).lines().findFirst().orElseThrow();
    assertEquals("{\"Containers\":\"N/A\",\"CreatedAt\":\"2026-11-23 18:01:19 +0000 UTC\","
        + "\"CreatedSince\":\"2 minutes ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"15c8d5a00a85\","
        + "\"Repository\":\"busybox\",\"SharedSize\":\"N/A\",\"Size\":\"1.98MB\",\"Tag\":\"latest\","
        + "\"UniqueSize\":\"N/A\",\"VirtualSize\":\"1.982MB\"}", first);
  }

  @Test
  void customTableAndPlainTemplates() throws IOException {
    assertEquals("""
        IMAGE ID                                                                  CONTAINERS   UNIQUE SIZE
        sha256:15c8d5a00a85dd8de038753b0bcaf0b56b8df8518f877abf3e8d06d209a45b9f   N/A          N/A
        sha256:15c8d5a00a85dd8de038753b0bcaf0b56b8df8518f877abf3e8d06d209a45b9f   N/A          N/A
        sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   2            123.5MB
        """, render("table {{.ID}}\\t{{.Containers}}\\t{{.UniqueSize}}", false, false, false));
    assertEquals("busybox:latest\nlocalhost:5000/foo/bar:v2\n<none>:<none>\n",
        render("{{.Repository}}:{{.Tag}}", false, false, true));
  }
}
