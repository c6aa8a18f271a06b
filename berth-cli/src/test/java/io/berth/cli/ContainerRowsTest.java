package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.client.JsonParser;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ps rows against what the Docker CLI printed for the same /containers/json entries. */
class ContainerRowsTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  @SuppressWarnings("unchecked")
  private static Map<String, Object> container(String json) throws IOException {
    return (Map<String, Object>) JsonParser.parse(json);
  }

  @Test
  void commandIsEllipsizedThenQuotedLikeGo() {
    assertEquals("\"sh -c 'echo started…\"", ContainerRows.goQuote(ContainerRows.ellipsis("sh -c 'echo started; sleep 1000'", 20)));
    assertEquals("\"echo hi\"", ContainerRows.goQuote(ContainerRows.ellipsis("echo hi", 20)));
    assertEquals("\"a\\tb\\\"c\\\\\"", ContainerRows.goQuote("a\tb\"c\\"));
    assertEquals("\"\\x01\"", ContainerRows.goQuote("\u0001"));
    assertEquals("exactly-twenty-chars", ContainerRows.ellipsis("exactly-twenty-chars", 20));
  }

  @Test
  void defaultRowMatchesDockerTable() throws IOException {
    Map<String, Object> c = container("""
        {"Id":"bc8cdcd3dbca00e5575413eb2845d62139b78ed3264d942de264420912867d03","Names":["/p1"],
         "Image":"busybox","ImageID":"sha256:a06f19738226600badb3d6c523b7b395f94a230144c796e3b17751bf2aa89dd7",
         "Command":"sh -c 'echo started; sleep 1000'","Created":1799999880,"Ports":[],"Labels":{"b":"2","a":"1"},
         "State":"running","Status":"Up 2 minutes","SizeRw":0,"SizeRootFs":1982040,
         "Mounts":[{"Name":"14032838ae9cea9f0","Source":"/var/lib/x","Driver":"local"},{"Source":"/tmp","Driver":""}],
         "NetworkSettings":{"Networks":{"none":{}}}}""");
    Map<String, Object> row = new ContainerRows(true, NOW, ZoneOffset.UTC).row(c);
    assertEquals("bc8cdcd3dbca", row.get("ID"));
    assertEquals("p1", row.get("Names"));
    assertEquals("busybox", row.get("Image"));
    assertEquals("2 minutes ago", row.get("RunningFor"));
    assertEquals("2027-01-15 07:58:00 +0000 UTC", row.get("CreatedAt"));
    assertEquals("a=1,b=2", row.get("Labels"));
    assertEquals("14032838ae9cea…,/tmp", row.get("Mounts"));
    assertEquals("1", row.get("LocalVolumes"));
    assertEquals("0B (virtual 1.98MB)", row.get("Size"));
    assertEquals("none", row.get("Networks"));
    String table = new OutputFormat(ContainerRows.format("", false, false)).render(List.of(row), ContainerRows.HEADER);
    assertEquals("""
        CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS         PORTS     NAMES
        bc8cdcd3dbca   busybox   "sh -c 'echo started…"   2 minutes ago   Up 2 minutes             p1
        """, table);
  }

  @Test
  void imageShownByShortIdWhenCreatedFromId() throws IOException {
    Map<String, Object> c = container("""
        {"Id":"x","Names":["/n","/other/link"],"Image":"a06f19738226600badb3d6c523b7b395f94a230144c796e3b17751bf2aa89dd7",
         "ImageID":"sha256:a06f19738226600badb3d6c523b7b395f94a230144c796e3b17751bf2aa89dd7","Command":"","Created":0}""");
    assertEquals("a06f19738226", new ContainerRows(true, NOW, ZoneOffset.UTC).row(c).get("Image"));
    assertEquals("n,other/link", new ContainerRows(false, NOW, ZoneOffset.UTC).row(c).get("Names"));
    Map<String, Object> digested = container("""
        {"Id":"x","Image":"docker.io/library/busybox:1.36@sha256:a06f19738226600badb3d6c523b7b395f94a230144c796e3b17751bf2aa89dd7",
         "ImageID":"sha256:b06f19738226600badb3d6c523b7b395f94a230144c796e3b17751bf2aa89dd7","Command":"","Created":0}""");
    assertEquals("busybox:1.36", new ContainerRows(true, NOW, ZoneOffset.UTC).row(digested).get("Image"));
  }

  @Test
  void portsAreGroupedLikeDisplayablePorts() throws IOException {
    Object ports = JsonParser.parse("""
        [{"PrivatePort":9988,"Type":"tcp"},
         {"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},
         {"IP":"0.0.0.0","PrivatePort":7000,"PublicPort":7000,"Type":"tcp"},
         {"IP":"0.0.0.0","PrivatePort":7001,"PublicPort":7001,"Type":"tcp"},
         {"IP":"::","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},
         {"PrivatePort":53,"Type":"udp"},{"PrivatePort":54,"Type":"udp"}]""");
    assertEquals("53-54/udp, 0.0.0.0:7000-7001->7000-7001/tcp, 9988/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp",
        ContainerRows.ports(ports));
  }

  @Test
  void formatsFollowNewContainerFormat() {
    assertEquals("{{.ID}}", ContainerRows.format("table", true, false));
    assertEquals(ContainerRows.DEFAULT_TABLE + "\t{{.Size}}", ContainerRows.format("", false, true));
    assertEquals("{{.Names}}", ContainerRows.format("{{.Names}}", false, true));
  }
}
