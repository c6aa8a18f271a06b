package io.berth.cli;

import io.berth.client.HttpResponse;
import io.berth.client.HttpResponseReader;
import io.berth.client.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The AOT training workload (scripts/build-cli.sh): runs the CLI's common paths in one JVM with
 * output discarded, so that their classes land in the cache. Only read-only requests are sent
 * to the configured daemon; when none is reachable, the response parsing and rendering paths are
 * exercised on recorded sample answers instead, so the cache covers them either way.
 */
public final class Training {
  private static final String[][] RUNS = {
      {"version"},
      {"version", "--format", "{{.Client.Version}} {{json .Server}}"},
      {"-v"},
      {"--help"},
      {"images", "--help"},
      {"image", "--help"},
      {"images"},
      {"images", "--format", "json"},
      {"images", "-q", "--filter", "dangling=false"},
      {"image", "ls", "--digests", "--no-trunc"},
      {"history", "--berth-training-no-such-flag", "x"},
      {"history", "berth-training-no-such-image:0"},
      {"inspect", "berth-training-no-such-image:0"},
      {"info"},
      {"system", "df"},
      {"rmi", "--no-such-flag"},
      {"tag"},
      {"bogus"},
      {"version"},
  };

  private static final String VERSION = """
      {"Platform":{"Name":""},"Components":[{"Name":"Engine","Version":"0.1.0","Details":{"ApiVersion":"1.50",\
      "Arch":"amd64","BuildTime":"2026-01-01T00:00:00.000000000+00:00","Experimental":"false","GitCommit":"0",\
      "GoVersion":"java25","KernelVersion":"6.1","MinAPIVersion":"1.24","Os":"linux"}},{"Name":"runc",\
      "Version":"1.1.5","Details":{"GitCommit":"0"}}],"Version":"0.1.0","ApiVersion":"1.50","MinAPIVersion":"1.24",\
      "GitCommit":"0","GoVersion":"java25","Os":"linux","Arch":"amd64","KernelVersion":"6.1",\
      "BuildTime":"2026-01-01T00:00:00.000000000+00:00"}""";

  private static final String IMAGES = """
      [{"Containers":-1,"Created":1767225600,"Id":"sha256:15c8d5a00a85dd8de038753b0bcaf0b56b8df8518f877abf3e8d06d209a45b9f",\
      "Labels":null,"ParentId":"","RepoDigests":["busybox@sha256:15c8d5a00a85dd8de038753b0bcaf0b56b8df8518f877abf3e8d06d209a45b9f"],\
      "RepoTags":["busybox:latest","localhost:5000/a/b:v1"],"SharedSize":-1,"Size":1982040}]""";

  private Training() {}

  public static void main(String[] args) throws IOException {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    for (String[] run : RUNS) {
      new Cli(new ByteArrayInputStream(new byte[0]), sink, sink, System.getenv()).run(run);
    }
    byte[] answer = ("HTTP/1.1 200 OK\r\nApi-Version: 1.50\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(VERSION.length()) + "\r\n" + VERSION
        + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    HttpResponse response = HttpResponseReader.read(new ByteArrayInputStream(answer), false, null);
    Map<String, Object> version = JsonParser.parseObject(response.readBody());
    sink.print(VersionView.render(VersionView.client("1.50", "default"), VersionView.server(version)));
    List<Object> images = JsonParser.parseArray(IMAGES.getBytes(StandardCharsets.UTF_8));
    ImageRows rows = new ImageRows(true, Instant.now(), ZoneId.systemDefault());
    sink.print(new OutputFormat(ImageRows.DEFAULT_TABLE).render(rows.rows(images, false, false), ImageRows.HEADER));
    sink.print(new OutputFormat("json").render(rows.rows(images, true, true), ImageRows.HEADER));
    sink.flush();
  }
}
