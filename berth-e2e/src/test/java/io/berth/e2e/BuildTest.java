package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker build (issue 15) through the Docker CLI's legacy builder path (DOCKER_BUILDKIT=0: POST /build),
 * bin/berth build, docker-py and docker-compose: every instruction, history and config as the classic
 * builder writes them, multi-stage builds with --target and COPY --from, heredocs, .dockerignore, build
 * args, the cache (hits, misses, --no-cache, --cache-from), cache mounts, secrets, ADD of a URL, errors.
 */
@ExtendWith(BerthdExtension.class)
class BuildTest {
  private static Berthd daemon; // set by BerthdExtension

  private static Result dockerBuild(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker", "build"));
    cmd.addAll(List.of(args));
    cmd.add(dir.toString());
    return Berthd.exec(cmd, Map.of("DOCKER_HOST", daemon.host(), "DOCKER_BUILDKIT", "0",
        "DOCKER_CONFIG", daemon.dir.resolve("docker-config").toString()), null);
  }

  private static void write(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static long count(String text, String needle) {
    return text.lines().filter(l -> l.contains(needle)).count();
  }

  @Test
  void everyInstructionHistoryConfigAndCache(@TempDir Path dir) throws IOException {
    write(dir, "a.txt", "hello\n");
    write(dir, "sub/b.txt", "b\n");
    write(dir, "Dockerfile", """
        FROM busybox
        MAINTAINER someone
        ARG V=1
        ENV A=1 B="two words"
        LABEL org.example=yes
        WORKDIR /app
        COPY a.txt .
        COPY --chown=1:2 sub /app/sub/
        ADD a.txt /added/
        RUN echo v=$V > /v && echo to-stderr >&2
        EXPOSE 80 53/udp
        USER 1000
        VOLUME /data
        STOPSIGNAL SIGTERM
        HEALTHCHECK --interval=5s CMD true
        SHELL ["/bin/sh", "-c"]
        ONBUILD RUN echo child
        ENTRYPOINT ["/bin/cat"]
        CMD ["/v"]
        """);
    Result first = dockerBuild(dir, "-t", "e2e/all").ok();
    assertTrue(first.out().contains("Step 1/19 : FROM busybox"), first.out());
    assertTrue(first.out().contains("Successfully tagged e2e/all:latest"), first.out());
    assertEquals("v=1", daemon.docker("run", "--rm", "e2e/all").ok().line());
    String history = daemon.docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", "e2e/all").ok().out();
    assertTrue(history.contains("/bin/sh -c #(nop)  ENV A=1 B=two words"), history);
    assertTrue(history.contains("|1 V=1 /bin/sh -c echo v=$V > /v && echo to-stderr >&2"), history);
    assertTrue(history.contains("/bin/sh -c #(nop) WORKDIR /app"), history);
    assertTrue(history.contains("/bin/sh -c #(nop)  CMD [\"/v\"]"), history);
    assertTrue(history.contains("/bin/sh -c #(nop) COPY --chown=1:2 dir:"), history);
    String config = daemon.docker("inspect", "-f", "{{json .Config}}", "e2e/all").ok().out();
    for (String part : List.of("\"A=1\"", "\"B=two words\"", "\"org.example\":\"yes\"", "\"80/tcp\"", "\"53/udp\"",
        "\"WorkingDir\":\"/app\"", "\"User\":\"1000\"", "\"/data\"", "\"StopSignal\":\"SIGTERM\"",
        "\"OnBuild\":[\"RUN echo child\"]", "\"Entrypoint\":[\"/bin/cat\"]", "\"Interval\":5000000000")) {
      assertTrue(config.contains(part), part + " in " + config);
    }
    assertEquals("someone", daemon.docker("inspect", "-f", "{{.Author}}", "e2e/all").ok().line());
    assertEquals("1:2", daemon.docker("run", "--rm", "--entrypoint", "stat", "e2e/all", "-c", "%u:%g",
        "/app/sub/b.txt").ok().line());

    Result again = dockerBuild(dir, "-t", "e2e/all").ok();
    assertEquals(18, count(again.out(), "Using cache"), again.out());
    assertEquals(first.out().lines().filter(l -> l.startsWith("Successfully built")).toList(),
        again.out().lines().filter(l -> l.startsWith("Successfully built")).toList());
    write(dir, "sub/b.txt", "changed\n");
    Result changed = dockerBuild(dir, "-t", "e2e/all").ok();
    assertEquals(6, count(changed.out(), "Using cache"), changed.out()); // steps 2-7, then COPY sub misses
    assertEquals(1, count(changed.out(), "Running in"), changed.out());
    Result noCache = dockerBuild(dir, "--no-cache", "--build-arg", "V=2", "-t", "e2e/all").ok();
    assertEquals(0, count(noCache.out(), "Using cache"), noCache.out());
    assertEquals("v=2", daemon.docker("run", "--rm", "e2e/all").ok().line());
    assertEquals("", daemon.docker("ps", "-aq").ok().out().strip(), "no intermediate container left");

    // BuildKit's parser: ENTRYPOINT [] is no entrypoint at all, CMD [] an empty command
    write(dir, "Dockerfile", "FROM busybox\nENTRYPOINT [\"x\"]\nENTRYPOINT []\nCMD []\n");
    dockerBuild(dir, "-t", "e2e/empty").ok();
    assertEquals("null []", daemon.docker("inspect", "-f", "{{json .Config.Entrypoint}} {{json .Config.Cmd}}",
        "e2e/empty").ok().line());
  }

  @Test
  void multiStageTargetHeredocsAndIgnoreWithBerth(@TempDir Path dir) throws IOException {
    write(dir, ".dockerignore", "*.log\n!keep.log\nsecret/\n");
    write(dir, "x.log", "x");
    write(dir, "keep.log", "k");
    write(dir, "secret/key", "k");
    write(dir, "Dockerfile", """
        FROM busybox AS build
        RUN mkdir /out && echo built > /out/app
        FROM busybox AS unused
        RUN exit 1
        FROM scratch AS files
        COPY <<EOF /hello.txt
        hello ${NAME:-world}
        EOF
        FROM busybox AS final
        COPY --from=build /out/app /usr/bin/app
        COPY --from=files /hello.txt /
        COPY *.log /logs/
        RUN <<EOT
        ls /logs > /logs.txt
        test ! -e /secret
        EOT
        FROM final AS other
        RUN echo other
        """);
    Result r = daemon.berth("build", "--target", "final", "-t", "e2e/multi", dir.toString()).ok();
    assertFalse(r.out().contains("exit 1"), r.out()); // the stage the target does not need is skipped
    assertFalse(r.out().contains("echo other"), r.out());
    assertEquals("built\nhello world\nkeep.log", daemon.berth("run", "--rm", "e2e/multi", "cat", "/usr/bin/app",
        "/hello.txt", "/logs.txt").ok().out().strip());
    Result unknown = daemon.berth("build", "--target", "nosuch", dir.toString());
    assertNotEquals(0, unknown.exit());
    assertTrue(unknown.err().contains("target stage \"nosuch\" could not be found"), unknown.err());
    byte[] dockerfile = "FROM busybox\nCMD [\"echo\", \"from stdin\"]\n".getBytes(StandardCharsets.UTF_8);
    String id = daemon.berthIn(dockerfile, "build", "-q", "-").ok().line();
    assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
    assertEquals("from stdin", daemon.berth("run", "--rm", id).ok().line());
  }

  @Test
  void errorsInDockerdsWords(@TempDir Path dir) throws IOException {
    write(dir, "Dockerfile", "FROM busybox\nRUN echo out; exit 3\n");
    Result failed = dockerBuild(dir);
    assertEquals(3, failed.exit());
    assertTrue(failed.err().contains("The command '/bin/sh -c echo out; exit 3' returned a non-zero code: 3"),
        failed.err());
    assertTrue(failed.out().contains("out"), failed.out());
    assertEquals(3, daemon.berth("build", dir.toString()).exit());
    write(dir, "Dockerfile", "FROM busybox\nCOPY nosuch /x\n");
    assertTrue(dockerBuild(dir).err().contains("COPY failed: file not found in build context or excluded by "
        + ".dockerignore: stat nosuch: file does not exist"));
    write(dir, "Dockerfile", "FROM busybox\nCOPY ../x /x\n");
    assertTrue(dockerBuild(dir).err().contains("forbidden path outside the build context: ../x"));
    write(dir, "Dockerfile", "FROM busybox\nRUNN x\n");
    assertTrue(dockerBuild(dir).err().contains("dockerfile parse error on line 2: unknown instruction: RUNN"));
    // refused on its query while berth's CLI still sends a context larger than the socket's buffers: the
    // daemon's answer, not the broken pipe
    write(dir, "big", "x".repeat(8 << 20));
    Result refused = daemon.berth("build", "--isolation", "hyperv", dir.toString());
    assertEquals(1, refused.exit());
    assertTrue(refused.err().contains("unsupported isolation: \"hyperv\""), refused.err());
    Files.delete(dir.resolve("big"));
    write(dir, "Dockerfile", "FROM busybox\nCOPY --from=nosuchstage /x /x\n");
    Result noStage = dockerBuild(dir);
    assertNotEquals(0, noStage.exit());
    assertTrue(noStage.err().contains("invalid from flag value nosuchstage: "), noStage.err()); // a failed pull
    write(dir, "Dockerfile", "FROM busybox\nWORKDIR /bin/sh\n");
    assertTrue(dockerBuild(dir).err().contains("Cannot mkdir: /bin/sh is not a directory"));
    write(dir, "d/x", "x");
    write(dir, "Dockerfile", "FROM busybox\nCOPY d /bin/sh\n");
    assertTrue(dockerBuild(dir).err().contains(
        "failed to copy files: failed to copy directory: mkdir /bin/sh: not a directory"));
    daemon.docker("container", "prune", "-f").ok();
  }

  @Test
  void cacheMountsSecretsAndAddUrl(@TempDir Path dir) throws Exception {
    byte[] payload = "downloaded\n".getBytes(StandardCharsets.UTF_8);
    String sum = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/file.txt", ex -> {
      ex.sendResponseHeaders(200, payload.length);
      ex.getResponseBody().write(payload);
      ex.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/file.txt";
      write(dir, "token", "s3cr3t-value");
      write(dir, "Dockerfile", "FROM busybox\n"
          + "ADD --checksum=" + sum + " " + url + " /dl/\n"
          + "RUN --mount=type=cache,target=/cache echo x >> /cache/n && wc -l < /cache/n > /count\n"
          + "RUN --mount=type=secret,id=tok cat /run/secrets/tok | wc -c > /toklen\n"
          // env=: a variable of that step, and no file unless a target is named (BuildKit's dispatchSecret)
          + "RUN --mount=type=secret,id=tok,env=TOK if [ -e /run/secrets/tok ]; then exit 3; fi; echo ${#TOK} > /envlen\n"
          + "RUN --mount=type=secret,id=tok,env=TOK,target=/s.txt echo $(wc -c < /s.txt) ${#TOK} > /both\n"
          // BuildKit's tmpfs: programs run from it, its size, read-only when asked
          + "RUN --mount=type=tmpfs,target=/t,size=8388608 cp /bin/busybox /t/echo && /t/echo ran > /tmpfs"
          + " && df -k /t | tail -1 | awk '{print $2}' >> /tmpfs\n"
          + "RUN --mount=type=tmpfs,target=/r,ro if touch /r/x; then exit 4; fi\n");
      Path ctx = Files.createDirectory(dir.resolve("ctx"));
      Files.copy(dir.resolve("Dockerfile"), ctx.resolve("Dockerfile"));
      daemon.berth("build", "--secret", "id=tok,src=" + dir.resolve("token"), "-t", "e2e/mounts", ctx.toString()).ok();
      daemon.berth("build", "--no-cache", "--secret", "id=tok,src=" + dir.resolve("token"), "-t", "e2e/mounts",
          ctx.toString()).ok();
      assertEquals("downloaded\n2\n12\n12\n12 12\nran\n8192", daemon.berth("run", "--rm", "e2e/mounts", "cat",
          "/dl/file.txt", "/count", "/toklen", "/envlen", "/both", "/tmpfs").ok().out().strip());
      assertFalse(daemon.berth("run", "--rm", "e2e/mounts", "ls", "/").ok().out().contains("cache"));
      Path saved = dir.resolve("saved.tar");
      daemon.berth("save", "-o", saved.toString(), "e2e/mounts").ok();
      assertFalse(new String(Files.readAllBytes(saved), StandardCharsets.ISO_8859_1).contains("s3cr3t-value"),
          "the secret is in no layer");
      String df = daemon.docker("system", "df", "-v").ok().out();
      assertTrue(df.contains("exec.cachemount"), df);
      write(ctx, "Dockerfile", "FROM busybox\nADD --checksum=sha256:" + "0".repeat(64) + " " + url + " /x\n");
      Result bad = daemon.berth("build", ctx.toString());
      assertTrue(bad.err().contains("digest mismatch"), bad.err());
      String pruned = daemon.berth("builder", "prune", "-af").ok().out();
      assertTrue(pruned.contains("Total reclaimed space"), pruned);
      assertFalse(daemon.docker("system", "df", "-v").ok().out().contains("exec.cachemount"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void cacheMountsAreVolumesToExportAndImport(@TempDir Path dir) throws IOException {
    // moby/buildkit#1474: a cache mount's content taken out of one builder and brought into another
    String label = "io.berth.build.cache-id";
    for (String id : List.of("e2e-made", "e2e-imported")) {
      Path ctx = Files.createDirectory(dir.resolve(id));
      write(ctx, "Dockerfile", "FROM busybox\n"
          + "RUN --mount=type=cache,id=" + id + ",target=/cache echo x >> /cache/n && wc -l < /cache/n > /count\n");
    }
    dockerBuild(dir.resolve("e2e-made"), "-t", "e2e/cachevol").ok();
    String made = daemon.docker("volume", "ls", "-q", "--filter", "label=" + label + "=e2e-made").ok().line();
    assertTrue(made.startsWith("buildcache-"), made);
    // exported: any container reads it; and in use, it is refused to rm as a volume a container uses
    assertEquals("x", daemon.docker("run", "--rm", "-v", made + ":/c", "busybox", "cat", "/c/n").ok().line());
    daemon.docker("create", "--name", "e2e-cachereader", "-v", made + ":/c", "busybox").ok();
    assertTrue(daemon.docker("volume", "rm", made).err().contains("volume is in use"));
    daemon.docker("rm", "e2e-cachereader").ok();
    // imported: a volume the user made and filled, with the cache's id as its label, is the cache a build uses
    daemon.docker("volume", "create", "--label", label + "=e2e-imported", "e2e-mycache").ok();
    daemon.docker("run", "--rm", "-v", "e2e-mycache:/c", "busybox", "sh", "-c", "echo a > /c/n; echo b >> /c/n").ok();
    dockerBuild(dir.resolve("e2e-imported"), "--no-cache", "-t", "e2e/cachevol").ok();
    assertEquals("3", daemon.docker("run", "--rm", "e2e/cachevol", "cat", "/count").ok().line());
    assertEquals("a\nb\nx", daemon.docker("run", "--rm", "-v", "e2e-mycache:/c", "busybox", "cat", "/c/n").ok()
        .out().strip());
    // counted once in system df: as build cache, not also as volumes
    String df = daemon.docker("system", "df", "-v").ok().out();
    assertFalse(df.substring(df.indexOf("Local Volumes")).contains("e2e-mycache"), df);
    assertEquals(2, count(df, "exec.cachemount"), df);
    // a removed volume is a removed cache: the next build starts it again, empty
    daemon.docker("volume", "rm", made).ok();
    dockerBuild(dir.resolve("e2e-made"), "--no-cache", "-t", "e2e/cachevol").ok();
    assertEquals("1", daemon.docker("run", "--rm", "e2e/cachevol", "cat", "/count").ok().line());
    daemon.docker("builder", "prune", "-af").ok();
    assertEquals("", daemon.docker("volume", "ls", "-q", "--filter", "label=" + label).ok().out().strip(),
        "builder prune -a removes the caches' volumes");
    daemon.docker("rmi", "e2e/cachevol").ok();
  }

  @Test
  void cacheMountsSeededFromAStageAndMountedAtASourcePath(@TempDir Path dir) throws IOException {
    write(dir, "Dockerfile", """
        FROM busybox AS seed
        RUN mkdir -p /data/sub && echo seeded > /data/sub/f
        FROM busybox
        RUN --mount=type=cache,id=e2e-seeded,from=seed,source=/data,target=/c cat /c/sub/f > /seen && echo more >> /c/sub/f
        RUN --mount=type=cache,id=e2e-seeded,from=seed,source=/data/sub,target=/c cat /c/f > /seen2
        RUN --mount=type=cache,id=e2e-seeded,from=seed,mode=0700,uid=5,target=/c stat -c '%a %u' /c > /seen3
        RUN --mount=type=cache,id=e2e-plain,target=/p mkdir -p /p/inner && echo in > /p/inner/x
        RUN --mount=type=cache,id=e2e-plain,source=inner,target=/q cat /q/x > /seen4
        """);
    dockerBuild(dir, "-t", "e2e/seeded").ok();
    // the cache starts as a copy of the stage's files and keeps what a RUN wrote; source= mounts a path in it;
    // mode and owner with a base are BuildKit's /cache directory in it
    assertEquals("seeded\nseeded\nmore\n700 5\nin", daemon.docker("run", "--rm", "e2e/seeded", "cat", "/seen",
        "/seen2", "/seen3", "/seen4").ok().out().strip());
    String seedId = daemon.docker("image", "inspect", "-f", "{{.Id}}", dockerBuild(dir, "-q", "--target", "seed")
        .ok().line()).ok().line();
    assertEquals(1, count(daemon.docker("volume", "ls", "-q", "--filter",
        "label=io.berth.build.cache-id=e2e-seeded:" + seedId).ok().out(), "buildcache-"),
        "a cache with a base is keyed by the id and the base, as BuildKit keys it");
    // a base's symlink resolves inside the cache, never on the host (here: a host directory's mode stays)
    Path host = Files.createDirectory(dir.resolve("host-dir"));
    write(dir, "Dockerfile", "FROM busybox AS evil\nRUN ln -s " + host + " /cache\n"
        + "FROM busybox\nRUN --mount=type=cache,id=e2e-evil,from=evil,mode=0700,target=/c touch /c/x\n");
    dockerBuild(dir).ok();
    assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(host)));
    assertFalse(Files.exists(host.resolve("x")));
    write(dir, "Dockerfile", "FROM busybox\nRUN --mount=type=cache,id=e2e-plain,source=nope,target=/q true\n");
    Result missing = dockerBuild(dir);
    assertEquals(1, missing.exit(), missing.err());
    assertTrue(missing.err().contains("open /nope: no such file or directory"), missing.err());
    write(dir, "Dockerfile", "FROM busybox\nRUN --mount=type=tmpfs,source=x,target=/t true\n");
    Result noSource = dockerBuild(dir);
    assertEquals(1, noSource.exit(), noSource.err());
    assertTrue(noSource.err().contains("open /x: no such file or directory"), noSource.err());
    daemon.docker("builder", "prune", "-af").ok();
    daemon.docker("rmi", "e2e/seeded").ok();
  }

  @Test
  void aDockerfileOutsideTheContextQuietWithHostAndLimitFlags(@TempDir Path dir) throws IOException {
    Path ctx = Files.createDirectory(dir.resolve("ctx"));
    write(ctx, "f.txt", "in context\n");
    write(dir, "other.Dockerfile", "FROM busybox\nCOPY f.txt /f.txt\n"
        + "RUN grep -w myhost /etc/hosts && df -k /dev/shm | tail -1 && ulimit -n > /limits\n");
    // -q with -f outside the context: the CLI 28 ends that tar in the padding of its last entry, as
    // dockerd's reader takes it
    Path iid = dir.resolve("iid");
    String id = dockerBuild(ctx, "-q", "-f", dir.resolve("other.Dockerfile").toString(), "--iidfile", iid.toString(),
        "--add-host", "myhost:10.1.2.3", "--shm-size", "32m", "--ulimit", "nofile=1024:2048",
        "--platform", "linux/amd64").ok().line();
    assertEquals(id, Files.readString(iid).strip());
    assertEquals("in context\n1024", daemon.docker("run", "--rm", id, "cat", "/f.txt", "/limits").ok().out().strip());
    Result shown = dockerBuild(ctx, "--no-cache", "-f", dir.resolve("other.Dockerfile").toString(),
        "--add-host", "myhost:10.1.2.3", "--shm-size", "32m", "--ulimit", "nofile=1024:2048").ok();
    assertTrue(shown.out().contains("10.1.2.3\tmyhost"), shown.out());
    assertTrue(shown.out().contains(" 32768 "), shown.out());
    daemon.docker("rmi", id).ok();
  }

  @Test
  void cacheFromALoadedImage(@TempDir Path dir) throws IOException {
    write(dir, "f", "content\n");
    write(dir, "Dockerfile", "FROM busybox\nCOPY f /f\nRUN cat /f > /g\nLABEL a=b\n");
    dockerBuild(dir, "-t", "e2e/cachefrom").ok();
    Path saved = dir.resolve("img.tar");
    daemon.docker("save", "-o", saved.toString(), "e2e/cachefrom").ok();
    daemon.docker("rmi", "e2e/cachefrom").ok();
    daemon.docker("builder", "prune", "-af").ok();
    daemon.docker("load", "-i", saved.toString()).ok();
    Files.delete(saved);
    Result without = dockerBuild(dir, "-t", "e2e/cachefrom2");
    assertEquals(0, count(without.ok().out(), "Using cache"), without.out());
    Result with = dockerBuild(dir, "--cache-from", "e2e/cachefrom", "-t", "e2e/cachefrom3").ok();
    assertEquals(3, count(with.out(), "Using cache"), with.out());
    assertEquals(daemon.docker("inspect", "-f", "{{.Id}}", "e2e/cachefrom").ok().line(),
        daemon.docker("inspect", "-f", "{{.Id}}", "e2e/cachefrom3").ok().line());
  }

  @Test
  void dockerPyAndCompose(@TempDir Path dir) throws IOException {
    write(dir, "Dockerfile", "FROM busybox\nARG MSG=py\nRUN echo $MSG > /msg\nCMD [\"cat\", \"/msg\"]\n");
    String script = """
        import sys, docker
        c = docker.DockerClient(base_url=sys.argv[1])
        img, logs = c.images.build(path=sys.argv[2], tag="e2e/py", buildargs={"MSG": "hello-py"}, rm=True)
        print(img.id)
        print(c.containers.run("e2e/py", remove=True).decode().strip())
        try:
            c.images.build(path=sys.argv[2], dockerfile="Nope")
        except docker.errors.APIError as e:
            print("error:", e.explanation)
        """;
    Result py = Berthd.exec(List.of("/usr/bin/python3", "-c", script, daemon.host(), dir.toString()), Map.of(), null)
        .ok();
    List<String> lines = py.out().lines().toList();
    assertTrue(lines.get(0).matches("sha256:[0-9a-f]{64}"), py.out());
    assertEquals("hello-py", lines.get(1));
    assertTrue(lines.get(2).contains("Cannot locate specified Dockerfile: Nope"), py.out());
    write(dir, "docker-compose.yml", "version: '3'\nservices:\n  app:\n    build:\n      context: .\n"
        + "      args:\n        MSG: compose\n    image: e2e/compose\n");
    Berthd.exec(List.of("docker-compose", "-f", dir.resolve("docker-compose.yml").toString(), "build"),
        Map.of("DOCKER_HOST", daemon.host(), "COMPOSE_DOCKER_CLI_BUILD", "0", "DOCKER_BUILDKIT", "0"), null).ok();
    assertEquals("compose", daemon.docker("run", "--rm", "e2e/compose").ok().line());
  }

  /** remote= contexts, which docker-py and docker-compose send for a git or http(s) context: the daemon fetches them. */
  @Test
  void remoteContextsFromGitAndUrlsThroughDockerPyAndCompose(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/app"));
    write(src, "Dockerfile", "FROM busybox\nCOPY hello /hello\nCMD [\"cat\", \"/hello\"]\n");
    write(src, "hello", "from git\n");
    Path repo = src.getParent();
    for (List<String> git : List.of(List.of("init", "-q"), List.of("add", "."), List.of("commit", "-q", "-m", "one"))) {
      List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=e2e",
          "-c", "user.email=e2e@berth", "-c", "init.defaultBranch=main"));
      command.addAll(git);
      Berthd.exec(command, Map.of(), null).ok();
    }
    Path www = Files.createDirectory(dir.resolve("www"));
    Berthd.exec(List.of("git", "clone", "-q", "--bare", repo.toString(), www.resolve("repo.git").toString()), Map.of(),
        null).ok();
    Berthd.exec(List.of("git", "-C", www.resolve("repo.git").toString(), "update-server-info"), Map.of(), null).ok();
    write(www, "Dockerfile.txt", "FROM busybox\nRUN echo from-url > /msg\nCMD [\"cat\", \"/msg\"]\n");
    write(www, "copies.txt", "FROM busybox\nCOPY x /x\n");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      Path file = www.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
      byte[] body = file.startsWith(www) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
      ex.sendResponseHeaders(body == null ? 404 : 200, body == null || ex.getRequestMethod().equals("HEAD") ? -1
          : body.length);
      if (body != null && !ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseBody().write(body);
      }
      ex.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      String script = """
          import sys, docker
          c = docker.DockerClient(base_url=sys.argv[1])
          for url, tag in ((sys.argv[2] + "/repo.git#main:app", "e2e/remote-git"), (sys.argv[2] + "/Dockerfile.txt", "e2e/remote-url")):
              logs = list(c.images.build(path=url, tag=tag, rm=True)[1])
              first = [m.get("id") or m.get("stream", str(m)).strip() for m in logs[:2]]
              print(c.containers.run(tag, remove=True).decode().strip(), "|", " | ".join(first))
          for url in (sys.argv[2] + "/copies.txt", sys.argv[2] + "/repo.git#nosuchbranch", sys.argv[2] + "/missing.tar"):
              try:
                  c.images.build(path=url)
              except docker.errors.APIError as e:
                  print("error:", e.status_code, e.explanation.splitlines()[0])
              except docker.errors.BuildError as e:
                  print("build error:", e.msg)
          """;
      Result py = Berthd.exec(List.of("/usr/bin/python3", "-c", script, daemon.host(), base), Map.of(), null).ok();
      List<String> lines = py.out().lines().toList();
      assertTrue(lines.get(0).startsWith("from git | Step 1/"), py.out());
      // a download is reported as dockerd reports it: its progress line, and {} where the reader saw the end alone
      assertEquals("from-url | Downloading context | {}", lines.get(1), py.out());
      assertEquals("build error: COPY failed: missing build context", lines.get(2), py.out());
      assertTrue(lines.get(3).startsWith("error: 500 error fetching: "), py.out());
      assertEquals("error: 404 error downloading remote context " + base + "/missing.tar: failed to GET " + base
          + "/missing.tar with status 404 Not Found: ", lines.get(4), py.out()); // an empty body, as Go words it
      // ADD of a git repository, as BuildKit does it: the ref's tree, .git only with --keep-git-dir
      Path addCtx = Files.createDirectory(dir.resolve("addgit"));
      write(addCtx, "Dockerfile", "FROM busybox\nADD " + base + "/repo.git#main:app /src/\n"
          + "ADD --keep-git-dir=true " + base + "/repo.git /full/\n");
      dockerBuild(addCtx, "-t", "e2e/add-git").ok();
      assertEquals("from git", daemon.docker("run", "--rm", "e2e/add-git", "cat", "/src/hello").ok().line());
      daemon.docker("run", "--rm", "e2e/add-git", "test", "-d", "/full/.git", "-a", "-f", "/full/app/hello",
          "-a", "!", "-e", "/src/.git").ok();
      write(addCtx, "Dockerfile", "FROM busybox\nADD --checksum=" + "0".repeat(40) + " " + base + "/repo.git /x/\n");
      Result bad = dockerBuild(addCtx);
      assertTrue((bad.out() + bad.err()).contains("expected checksum to match " + "0".repeat(40)), bad.out() + bad.err());
      daemon.berth("build", "-t", "e2e/remote-berth", base + "/repo.git#main:app").ok();
      assertEquals("from git", daemon.berth("run", "--rm", "e2e/remote-berth").ok().line());
      write(dir, "docker-compose.yml", "version: '3'\nservices:\n  app:\n    build:\n      context: " + base
          + "/repo.git#main:app\n    image: e2e/compose-git\n");
      Berthd.exec(List.of("docker-compose", "-f", dir.resolve("docker-compose.yml").toString(), "build"),
          Map.of("DOCKER_HOST", daemon.host(), "COMPOSE_DOCKER_CLI_BUILD", "0", "DOCKER_BUILDKIT", "0"), null).ok();
      assertEquals("from git", daemon.docker("run", "--rm", "e2e/compose-git").ok().line());
      clientGoneStopsTheClone(dir);
    } finally {
      server.stop(0);
    }
  }

  /**
   * A client that goes away while the daemon clones its context, or a repository an ADD names, stops the clone
   * (git and its helpers).
   */
  private static void clientGoneStopsTheClone(Path dir) throws IOException, InterruptedException {
    java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);
    HttpServer stalling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stalling.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    stalling.createContext("/", ex -> { // answers the daemon's probe, stalls git's own requests
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
    stalling.start();
    try {
      String base = "http://127.0.0.1:" + stalling.getAddress().getPort();
      Path addCtx = Files.createDirectory(dir.resolve("add-stalled"));
      write(addCtx, "Dockerfile", "FROM busybox\nADD " + base + "/stalled-e2e-add.git /x/\n");
      String script = """
          import sys, docker
          try:
              for _ in docker.APIClient(base_url=sys.argv[1]).build(path=sys.argv[2], timeout=3):
                  pass
          except Exception as e:
              print("client gone:", type(e).__name__)
          """;
      for (List<String> build : List.of(List.of(base + "/stalled-e2e.git", "stalled-e2e.git"),
          List.of(addCtx.toString(), "stalled-e2e-add.git"))) {
        String out = Berthd.exec(List.of("/usr/bin/python3", "-c", script, daemon.host(), build.get(0)), Map.of(),
            null).ok().out();
        assertTrue(out.startsWith("client gone: ReadTimeout"), out);
        boolean left = true;
        for (int i = 0; i < 50 && left; i++) {
          left = Berthd.exec(List.of("pgrep", "-f", build.get(1)), Map.of(), null).exit() == 0;
          Thread.sleep(100);
        }
        assertFalse(left, build.get(1) + ": the clone is stopped when its client goes away");
      }
    } finally {
      end.countDown();
      stalling.stop(0);
    }
  }
}
