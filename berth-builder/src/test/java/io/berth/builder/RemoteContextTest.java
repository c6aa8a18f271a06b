package io.berth.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.berth.archive.TarEntry;
import io.berth.archive.TarReader;
import io.berth.common.BerthException;
import io.berth.engine.distribution.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote build contexts (remote= on POST /build) against a local HTTP server: git (dumb HTTP), archives, text. */
class RemoteContextTest {
  @TempDir
  Path dir;

  private HttpServer server;
  private final Map<String, byte[]> files = new TreeMap<>();
  private final Map<String, String> types = new TreeMap<>();
  private Path served;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      byte[] body = files.get(path);
      if (body == null && served != null && Files.isRegularFile(served.resolve(path.substring(1)))) {
        body = Files.readAllBytes(served.resolve(path.substring(1)));
      }
      if (body == null) {
        byte[] text = "no such thing\n".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(404, text.length);
        ex.getResponseBody().write(text);
      } else {
        if (types.containsKey(path)) {
          ex.getResponseHeaders().set("Content-Type", types.get(path));
        }
        ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : body.length);
        if (!ex.getRequestMethod().equals("HEAD")) {
          ex.getResponseBody().write(body);
        }
      }
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static Map<String, String> entries(Path tar) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (InputStream in = io.berth.archive.Compression.decompress(Files.newInputStream(tar))) {
      TarReader r = new TarReader(in);
      for (TarEntry e = r.next(); e != null; e = r.next()) {
        out.put(e.name(), e.type() == TarEntry.Type.FILE ? new String(r.content().readAllBytes(), StandardCharsets.UTF_8)
            : e.type().toString());
      }
    }
    return out;
  }

  @Test
  void classifiesAddressesAsMobyDoes() {
    assertTrue(RemoteContext.isGitUrl("https://example.com/repo.git"));
    assertTrue(RemoteContext.isGitUrl("https://example.com/repo.git#main:sub"));
    assertTrue(RemoteContext.isGitUrl("git://example.com/repo"));
    assertTrue(RemoteContext.isGitUrl("git@github.com:user/repo.git"));
    assertTrue(RemoteContext.isGitUrl("github.com/user/repo"));
    assertFalse(RemoteContext.isGitUrl("https://example.com/context.tar.gz"));
    assertTrue(UrlSource.isUrl("https://example.com/context.tar.gz"));
    BuildException e = assertThrows(BuildException.class, () -> RemoteContext.fetch("ftp://x/y", dir, "Dockerfile", new Cancellation()));
    assertEquals("remoteURL (ftp://x/y) could not be recognized as URL", e.getMessage());
  }

  @Test
  void parsesGitFragmentsAsMobyDoes() {
    assertEquals(new GitContext.Repo("https://example.com/r.git", "master", ""), GitContext.parse("https://example.com/r.git"));
    assertEquals(new GitContext.Repo("https://example.com/r.git", "v1", "app/x"),
        GitContext.parse("https://example.com/r.git#v1:app/x"));
    assertEquals(new GitContext.Repo("https://github.com/u/r", "master", "sub"), GitContext.parse("github.com/u/r#:sub"));
    assertEquals(new GitContext.Repo("git@github.com:u/r.git", "dev", ""), GitContext.parse("git@github.com:u/r.git#dev"));
    assertEquals(new GitContext.Repo("https://e.com/r.git", "HEAD", ""), GitContext.parse("https://e.com/r.git", "HEAD"),
        "ADD's default: the remote's default branch");
    assertTrue(UrlSource.isGit("https://e.com/r.git#v1:sub"));
    assertFalse(UrlSource.isGit("https://e.com/r.tar.gz"));
    assertFalse(UrlSource.isGit("github.com/u/r"), "a path in the context for ADD");
    assertEquals("invalid refspec: --upload-pack=x",
        assertThrows(BuildException.class, () -> GitContext.parse("https://e.com/r.git#--upload-pack=x")).getMessage());
  }

  @Test
  void aCancelledBuildStopsTheFetchOfItsContext() throws Exception {
    // a git server that never answers, and a download whose body never ends: the client went away meanwhile
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        List<java.net.Socket> held = new ArrayList<>();
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException e) {
          // closed at the end of the test
        }
      });
      java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);
      server.createContext("/endless", ex -> {
        ex.sendResponseHeaders(200, 0);
        ex.getResponseBody().write(new byte[] {0x1f, (byte) 0x8b, 8, 0});
        ex.getResponseBody().flush();
        try {
          end.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        ex.close();
      });
      server.createContext("/stalls.git", ex -> { // answers the daemon's probe, then stalls git's own requests
        if (ex.getRequestHeaders().getFirst("User-Agent").startsWith("git/")) {
          try {
            end.await(60, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        ex.sendResponseHeaders(404, -1);
        ex.close();
      });
      String port = Integer.toString(silent.getLocalPort());
      // git://; http(s), where git's helper process holds the output open and the smart-server probe comes first;
      // a download
      for (String remote : List.of("git://127.0.0.1:" + port + "/r.git", "http://127.0.0.1:" + port + "/r.git",
          url("/stalls.git"), url("/endless"))) {
        Cancellation cancel = new Cancellation();
        Path into = Files.createTempDirectory(dir, "c");
        var fetch = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return RemoteContext.fetch(remote, into, "Dockerfile", cancel);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        Thread.sleep(500);
        cancel.cancel();
        var failure = assertThrows(java.util.concurrent.ExecutionException.class,
            () -> fetch.get(10, java.util.concurrent.TimeUnit.SECONDS), remote);
        assertEquals("Build cancelled", failure.getCause().getMessage(), remote);
        assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.info().command().orElse("").contains("git")),
            "no git left running");
      }
      end.countDown();
    }
  }

  @Test
  void aCloneLeftRunningByACrashIsKilledAtTheNextStart() throws Exception {
    Path scratch = Files.createDirectories(dir.resolve("tmp"));
    Path clone = Files.createDirectories(scratch.resolve("build-1/git"));
    Process stray = new ProcessBuilder("sleep", "60").directory(clone.toFile()).start();
    Process elsewhere = new ProcessBuilder("sleep", "60").directory(dir.toFile()).start();
    try {
      assertEquals(1, GitContext.killStrays(scratch));
      assertTrue(stray.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "the process in the scratch area");
      assertTrue(elsewhere.isAlive(), "a process working elsewhere is left alone");
    } finally {
      stray.destroyForcibly();
      elsewhere.destroyForcibly();
    }
  }

  @Test
  void sniffsTheTypeOfADownloadAsGoDoes() {
    assertEquals("text/plain", RemoteContext.contentType("", "FROM busybox\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals("text/plain", RemoteContext.contentType("application/octet-stream", "FROM x\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals("application/octet-stream", RemoteContext.contentType("", new byte[] {'a', 0, 0}));
    assertEquals("application/x-gzip", RemoteContext.contentType("", new byte[] {0x1f, (byte) 0x8b, 8, 0}));
    assertEquals("", RemoteContext.contentType("", "<html><body>".getBytes(StandardCharsets.UTF_8)));
    assertEquals("", RemoteContext.contentType("text/html; charset=utf-8", "FROM x".getBytes(StandardCharsets.UTF_8)));
    assertEquals("application/x-tar", RemoteContext.contentType("application/x-tar", new byte[] {1}));
    assertEquals("", RemoteContext.contentType("application/x-tar", new byte[0]), "an empty body");
  }

  @Test
  void anArchiveDownloadIsTheContextAndTextIsTheDockerfileAlone() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      io.berth.archive.TarWriter w = new io.berth.archive.TarWriter(out);
      byte[] df = "FROM busybox\n".getBytes(StandardCharsets.UTF_8);
      w.writeHeader(TarEntry.of("Dockerfile", TarEntry.Type.FILE, java.time.Instant.EPOCH).withMode(0644).withSize(df.length));
      w.write(df, 0, df.length);
      w.finish();
    }
    files.put("/ctx.tar.gz", gz.toByteArray());
    RemoteContext.Fetched archive = RemoteContext.fetch(url("/ctx.tar.gz"), Files.createDirectory(dir.resolve("a")), "Dockerfile", new Cancellation());
    assertFalse(archive.dockerfileOnly());
    assertEquals(Map.of("Dockerfile", "FROM busybox\n"), entries(archive.tar()));
    assertEquals(List.of(new Progress.Bytes("Downloading context", url("/ctx.tar.gz"), gz.size(), 0)), reported(archive));

    files.put("/Dockerfile.remote", "FROM busybox\nRUN true\n".getBytes(StandardCharsets.UTF_8));
    RemoteContext.Fetched text = RemoteContext.fetch(url("/Dockerfile.remote"), Files.createDirectory(dir.resolve("t")),
        "sub/Dockerfile.dev", new Cancellation());
    assertTrue(text.dockerfileOnly());
    assertEquals(Map.of("sub/Dockerfile.dev", "FROM busybox\nRUN true\n"), entries(text.tar()));
    assertEquals(List.of(new Progress.Bytes("Downloading context", url("/Dockerfile.remote"), 22, 0),
        new Progress.Message("", "")), reported(text), "dockerd's reader saw the end of a Dockerfile alone: {}");

    files.put("/page", "<!DOCTYPE html><html></html>".getBytes(StandardCharsets.UTF_8));
    types.put("/page", "text/html");
    assertEquals("error detecting content type for remote " + url("/page") + ": unsupported Content-Type \"text/html\"",
        assertThrows(BuildException.class, () -> RemoteContext.fetch(url("/page"), dir, "Dockerfile", new Cancellation())).getMessage());
    BerthException missing = assertThrows(BerthException.NotFound.class,
        () -> RemoteContext.fetch(url("/nope.tar"), dir, "Dockerfile", new Cancellation()));
    assertEquals("error downloading remote context " + url("/nope.tar") + ": failed to GET " + url("/nope.tar")
        + " with status 404 Not Found: no such thing", missing.getMessage());
    BerthException unresolved = assertThrows(BerthException.NotFound.class,
        () -> RemoteContext.fetch("http://no-such-host.invalid/ctx.tar", dir, "Dockerfile", new Cancellation()));
    assertTrue(unresolved.getMessage().endsWith("dial tcp: lookup no-such-host.invalid: no such host"),
        unresolved.getMessage());
  }

  /** The progress lines a fetched context reports in the build's stream. */
  private static List<Progress> reported(RemoteContext.Fetched fetched) {
    List<Progress> lines = new ArrayList<>();
    fetched.report(new BuildOutput() {
      public void stdout(String text) {}

      public void stderr(String text) {}

      public void aux(String imageId) {}

      public void progress(Progress progress) {
        lines.add(progress);
      }
    });
    return lines;
  }

  private static void git(Path in, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@e",
        "-c", "init.defaultBranch=main"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
  }

  @Test
  void aGitRepositoryIsClonedAtItsRefAndSubdirectory() throws Exception {
    Path src = Files.createDirectory(dir.resolve("src"));
    git(src, "init", "-q");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(src.resolve("app/Dockerfile"), "FROM busybox\nCOPY hello /\n");
    Files.writeString(src.resolve("app/hello"), "v1\n");
    Files.writeString(src.resolve("top"), "top\n");
    git(src, "add", ".");
    git(src, "commit", "-q", "-m", "one");
    git(src, "tag", "v1");
    Files.writeString(src.resolve("app/hello"), "v2\n");
    git(src, "commit", "-q", "-am", "two");
    served = Files.createDirectory(dir.resolve("www"));
    git(dir, "clone", "-q", "--bare", src.toString(), served.resolve("repo.git").toString());
    git(served.resolve("repo.git"), "update-server-info"); // served as plain files: git's "dumb" HTTP

    Path one = Files.createDirectory(dir.resolve("one"));
    RemoteContext.Fetched cloned = RemoteContext.fetch(url("/repo.git#main:app"), one, "Dockerfile", new Cancellation());
    assertEquals(List.of(), reported(cloned), "a clone writes nothing into dockerd's stream");
    Map<String, String> main = entries(cloned.tar());
    assertEquals("v2\n", main.get("hello"));
    assertFalse(main.containsKey("top"), main.keySet().toString());
    assertFalse(Files.exists(one.resolve("git")), "the checkout is removed once it is a tar");

    Map<String, String> tagged = entries(RemoteContext.fetch(url("/repo.git#v1"), Files.createDirectory(dir.resolve("two")),
        "Dockerfile", new Cancellation()).tar());
    assertEquals("v1\n", tagged.get("app/hello"));
    assertTrue(tagged.containsKey(".git/"), "the whole checkout, .git included, as dockerd sends it: " + tagged.keySet());

    BuildException noRef = assertThrows(BuildException.class,
        () -> RemoteContext.fetch(url("/repo.git#nosuch"), Files.createDirectory(dir.resolve("three")), "Dockerfile", new Cancellation()));
    assertTrue(noRef.getMessage().startsWith("error fetching: "), noRef.getMessage());
    assertTrue(noRef.getMessage().endsWith(": exit status 128"), noRef.getMessage());
    BuildException notDir = assertThrows(BuildException.class,
        () -> RemoteContext.fetch(url("/repo.git#main:top"), Files.createDirectory(dir.resolve("four")), "Dockerfile", new Cancellation()));
    assertTrue(notDir.getMessage().startsWith("error setting git context, not a directory: "), notDir.getMessage());
  }
}
