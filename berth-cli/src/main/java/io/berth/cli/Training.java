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
      {"volume", "ls"},
      {"rmi", "--no-such-flag"},
      {"tag"},
      {"bogus"},
      {"ps"},
      {"ps", "-a", "--format", "json"},
      {"container", "ls", "-aq", "--no-trunc"},
      {"run", "--help"},
      {"run", "--rm", "-m", "bogus", "busybox"},
      {"create", "--no-such-flag", "busybox"},
      {"logs"},
      {"stop"},
      {"inspect", "berth-training-no-such-container"},
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

  private static final String CONTAINERS = """
      [{"Id":"bc8cdcd3dbca00e5575413eb2845d62139b78ed3264d942de264420912867d03","Names":["/web"],"Image":"busybox",\
      "ImageID":"sha256:a06f19738226600badb3d6c523b7b395f94a230144c796e3b17751bf2aa89dd7",\
      "Command":"sh -c 'echo started; sleep 1000'","Created":1767225600,"Ports":[{"IP":"0.0.0.0","PrivatePort":80,\
      "PublicPort":8080,"Type":"tcp"}],"Labels":{"a":"1"},"State":"running","Status":"Up 2 minutes",\
      "Mounts":[],"NetworkSettings":{"Networks":{"bridge":{}}}}]""";

  private static final String STATS = """
      {"name":"/web","id":"bc8cdcd3dbca00e5575413eb2845d62139b78ed3264d942de264420912867d03",\
      "cpu_stats":{"cpu_usage":{"total_usage":300},"system_cpu_usage":2000,"online_cpus":4},\
      "precpu_stats":{"cpu_usage":{"total_usage":100},"system_cpu_usage":1000},\
      "memory_stats":{"usage":10485760,"limit":104857600,"stats":{"inactive_file":4096}},"pids_stats":{"current":1}}""";

  private Training() {}

  /** run/create's body building, ps rows, stats figures and the attach helpers, offline. */
  private static void containerPaths(PrintStream sink) throws IOException {
    CreateCommand create = new CreateCommand();
    create.flags().parse(List.of("--name", "web", "-it", "--rm", "-e", "A=1", "-l", "a=b", "-p", "8080:80",
        "-v", "/tmp:/mnt", "-m", "64m", "--cpus", "1.5", "--restart", "no", "--network", "none", "busybox", "sh"));
    sink.print(io.berth.client.JsonWriter.write(create.body(Map.of(), java.nio.file.Path.of(""), "1.50",
        TerminalControl.size(1))));
    ContainerRows containerRows = new ContainerRows(true, Instant.now(), ZoneId.systemDefault());
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (Object c : JsonParser.parseArray(CONTAINERS.getBytes(StandardCharsets.UTF_8))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> container = (Map<String, Object>) c;
      rows.add(containerRows.row(container));
    }
    sink.print(new OutputFormat(ContainerRows.format("", false, false)).render(rows, ContainerRows.HEADER));
    StatsEntry stats = StatsEntry.of("web", JsonParser.parseObject(STATS.getBytes(StandardCharsets.UTF_8)));
    sink.print(new OutputFormat(StatsEntry.DEFAULT_TABLE).render(List.of(stats.row(true)), StatsEntry.HEADER));
    DetachKeys keys = DetachKeys.parseOrDefault("");
    sink.print(keys.filter(new byte[] {'l', 's', 16}, 3).forward().length);
  }

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
    containerPaths(sink);
    buildContext();
    sink.flush();
  }

  /** {@code build}'s context: a small directory with a .dockerignore tarred as the command tars it. */
  private static void buildContext() throws IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("berth-training-");
    try {
      java.nio.file.Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nCOPY . /app/\n");
      java.nio.file.Files.writeString(dir.resolve(".dockerignore"), "*.log\n!keep.log\n**/tmp\n");
      java.nio.file.Files.createDirectories(dir.resolve("src/tmp"));
      for (String name : List.of("a.txt", "b.log", "keep.log", "src/c.txt", "src/tmp/d")) {
        java.nio.file.Files.writeString(dir.resolve(name), name);
      }
      java.nio.file.Files.createSymbolicLink(dir.resolve("link"), java.nio.file.Path.of("a.txt"));
      for (int i = 0; i < 20; i++) {
        BuildContext.writeDirectory(dir, "Dockerfile", false, null, null, OutputStream.nullOutputStream());
      }
    } finally {
      io.berth.common.AtomicFiles.deleteTree(dir);
    }
  }
}
