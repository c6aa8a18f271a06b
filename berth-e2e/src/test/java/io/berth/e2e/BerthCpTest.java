package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth cp: CpTest's cases through bin/berth, its errors compared with the Docker CLI's, and its flags. */
class BerthCpTest {
  private static Berthd daemon;
  private static String hostPasswd;
  @TempDir
  Path tmp;

  @BeforeAll
  static void start() throws IOException {
    daemon = Berthd.startWithBridge();
    daemon.berthIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-c", "CMD [\"sh\"]", "-", "busybox").ok();
    daemon.berth("run", "-d", "--name", "c1", "busybox", "sh", "-c",
        "mkdir -p /data/sub && echo hello > /data/file && echo deep > /data/sub/deep"
            + " && echo 'root:x:0:0:container-root:/root:/bin/sh' > /etc/passwd && chown 1234:5678 /data/file"
            + " && ln -s /etc /evil && ln -s ../../../.. /up && mkdir /ldir && ln -s /ldir /dlink && while true; do sleep 1; done").ok();
    for (int i = 0; i < 100 && daemon.berth("cp", "c1:/dlink", "-").exit() != 0; i++) {
      sleep(100); // the container's script has not made its files yet
    }
    hostPasswd = Files.readString(Path.of("/etc/passwd"));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String inContainer(String container, String path) {
    Path out = tmp.resolve("read-" + System.nanoTime());
    daemon.berth("cp", container + ":" + path, out.toString()).ok();
    try {
      return Files.readString(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Result shell(String script) {
    return Berthd.exec(List.of("sh", "-c", script), Map.of("BERTH", Berthd.REPO.resolve("bin/berth") + " -H "
        + daemon.host()), null);
  }

  /** A file's capability survives a copy into the container and back, with either CLI, as moby's archive keeps it. */
  @Test
  void aFilesCapabilityTravels() throws IOException {
    Path file = Files.writeString(tmp.resolve("ping"), "binary");
    byte[] v2 = new byte[20]; // VFS_CAP_REVISION_2: cap_net_raw permitted, effective
    v2[0] = 1;
    v2[3] = 2;
    v2[5] = 0x20;
    io.berth.sys.Linux.lsetxattr(file, "security.capability", v2);
    for (String cli : List.of("berth", "docker")) {
      Path back = Files.createDirectories(tmp.resolve("back-" + cli));
      Result in = cli.equals("berth") ? daemon.berth("cp", file.toString(), "c1:/tmp/ping-" + cli)
          : daemon.docker("cp", file.toString(), "c1:/tmp/ping-" + cli);
      in.ok();
      Result out = cli.equals("berth") ? daemon.berth("cp", "c1:/tmp/ping-" + cli, back.toString())
          : daemon.docker("cp", "c1:/tmp/ping-" + cli, back.toString());
      out.ok();
      assertTrue(java.util.Arrays.equals(v2, io.berth.sys.Linux.lgetxattr(back.resolve("ping-" + cli),
          "security.capability").orElse(null)), cli + " cp keeps the capability both ways");
    }
  }

  @Test
  void fileAndDirectoryFromTheContainer() throws IOException {
    daemon.berth("cp", "c1:/data/file", tmp.toString()).ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("file")));
    daemon.berth("cp", "c1:/data/file", tmp.resolve("renamed").toString()).ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("renamed")));
    daemon.berth("cp", "c1:/data", tmp.resolve("copy").toString()).ok();
    assertEquals("deep\n", Files.readString(tmp.resolve("copy/sub/deep")));
    daemon.berth("cp", "c1:/data", tmp.resolve("copy").toString()).ok();
    assertEquals("deep\n", Files.readString(tmp.resolve("copy/data/sub/deep")), "into an existing directory");
    Files.createDirectories(tmp.resolve("contents"));
    daemon.berth("cp", "c1:/data/.", tmp.resolve("contents").toString()).ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("contents/file")), "/. copies the contents");
    daemon.berth("cp", "c1:/data/.", tmp.resolve("fresh").toString()).ok();
    assertEquals("deep\n", Files.readString(tmp.resolve("fresh/sub/deep")), "/. into a new directory");
    Files.writeString(tmp.resolve("existing"), "old");
    daemon.berth("cp", "c1:/data/file", tmp.resolve("existing").toString()).ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("existing")), "a file over a file");
    Files.createDirectories(tmp.resolve("rel"));
    shell("cd " + tmp.resolve("rel") + " && $BERTH cp c1:/data/file ./here").ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("rel/here")), "a relative local path");
  }

  @Test
  void fileAndDirectoryIntoTheContainer() throws IOException {
    Files.writeString(tmp.resolve("up.txt"), "uploaded");
    Files.createDirectories(tmp.resolve("dir/inner"));
    Files.writeString(tmp.resolve("dir/inner/x"), "x");
    daemon.berth("cp", tmp.resolve("up.txt").toString(), "c1:/tmp").ok();
    assertEquals("uploaded", inContainer("c1", "/tmp/up.txt"));
    daemon.berth("cp", tmp.resolve("up.txt").toString(), "c1:/tmp/other.txt").ok();
    assertEquals("uploaded", inContainer("c1", "/tmp/other.txt"));
    daemon.berth("cp", tmp.resolve("dir").toString(), "c1:/newdir").ok();
    assertEquals("x", inContainer("c1", "/newdir/inner/x"));
    daemon.berth("cp", tmp.resolve("dir").toString() + "/.", "c1:/tmp").ok();
    assertEquals("x", inContainer("c1", "/tmp/inner/x"));
    String tmpMode = shell("$BERTH cp c1:/tmp - | tar -tvf - | head -1").ok().out();
    assertTrue(tmpMode.startsWith("drwxrwxrwt"), "the /. entry leaves the destination's mode alone: " + tmpMode);
    daemon.berth("cp", tmp.resolve("up.txt").toString(), "c1:/dlink").ok();
    assertEquals("uploaded", inContainer("c1", "/ldir/up.txt"), "a symlink to a directory is followed");
    Files.createSymbolicLink(tmp.resolve("hostlink"), tmp.resolve("dir"));
    daemon.berth("cp", "-L", tmp.resolve("hostlink").toString(), "c1:/followed").ok();
    assertEquals("x", inContainer("c1", "/followed/inner/x"), "-L archives the link's target");
  }

  @Test
  void errorsMatchTheDockerCli() throws IOException {
    Files.writeString(tmp.resolve("f"), "f");
    List<List<String>> cases = List.of(
        List.of("c1:/nope", tmp.toString()),
        List.of(tmp.resolve("f").toString(), "c1:/nodir/"),
        List.of(tmp.toString(), "c1:/data/file"),
        List.of("c1:/data/file/", tmp.toString()),
        List.of("c1:/a", "c1:/b"),
        List.of("a", "b"),
        List.of("", "c1:/tmp"),
        List.of("c1:/tmp", ""),
        List.of(tmp.resolve("missing").toString(), "c1:/tmp"),
        List.of("c1:/data", tmp.resolve("no/such/dir").toString()),
        List.of("c1:/data", tmp.resolve("f").toString()),
        List.of("c1:/data/file", tmp.resolve("f") + "/"),
        List.of(tmp.resolve("f").toString(), "c1:/dev/null"),
        List.of("c1:/data/file", "/dev/null"),
        List.of("nosuch:/x", tmp.toString()));
    for (List<String> args : cases) {
      Result docker = daemon.docker("cp", args.get(0), args.get(1));
      Result berth = daemon.berth("cp", args.get(0), args.get(1));
      assertEquals(docker.exit(), berth.exit(), args + ": " + docker + " vs " + berth);
      // the Docker CLI may log a logrus line (time="..." level=error) about its closed tar pipe first
      String dockerErr = docker.err().lines().filter(l -> !l.startsWith("time=")).map(l -> l + "\n")
          .reduce("", String::concat);
      assertEquals(dockerErr, berth.err(), args.toString());
    }
  }

  @Test
  void tarThroughStdinAndStdout() throws IOException {
    Result listing = shell("$BERTH cp c1:/data - | tar -tf - | sort");
    assertEquals(List.of("data/", "data/file", "data/sub/", "data/sub/deep"), listing.ok().out().lines().toList());
    Files.writeString(tmp.resolve("s.txt"), "from stdin");
    shell("cd " + tmp + " && tar -cf - s.txt | $BERTH cp - c1:/tmp").ok();
    assertEquals("from stdin", inContainer("c1", "/tmp/s.txt"));
    Result notDir = shell("tar -cf - -C " + tmp + " s.txt | $BERTH cp - c1:/data/file");
    assertEquals(1, notDir.exit());
    assertEquals("destination \"c1:/data/file\" must be a directory\n", notDir.err());
  }

  /** Owners arrive as the Docker CLI makes them arrive, with and without -a (which also sends copyUIDGID). */
  @Test
  void ownersAsTheDockerCliLeavesThem() throws IOException {
    Files.writeString(tmp.resolve("owned"), "owned");
    shell("chown 4321:8765 " + tmp.resolve("owned")).ok();
    for (String flag : List.of("-L", "-a")) {
      daemon.docker("cp", flag, tmp.resolve("owned").toString(), "c1:/tmp/by-docker").ok();
      daemon.berth("cp", flag, tmp.resolve("owned").toString(), "c1:/tmp/by-berth").ok();
      String docker = shell("$BERTH cp c1:/tmp/by-docker - | tar --numeric-owner -tvf -").ok().out();
      String berth = shell("$BERTH cp c1:/tmp/by-berth - | tar --numeric-owner -tvf -").ok().out();
      assertTrue(docker.contains(" 4321/8765 "), docker);
      assertEquals(docker.replace("by-docker", "by-berth"), berth, flag);
    }
  }

  @Test
  void followLinkAndSymlinksCannotReachTheHost() throws IOException {
    daemon.berth("cp", "-L", "c1:/evil", tmp.resolve("etc").toString()).ok();
    assertEquals("root:x:0:0:container-root:/root:/bin/sh\n", Files.readString(tmp.resolve("etc/passwd")));
    daemon.berth("cp", "c1:/evil", tmp.resolve("evil").toString()).ok();
    assertEquals("/etc", Files.readSymbolicLink(tmp.resolve("evil")).toString(), "without -L the link itself");
    assertEquals("root:x:0:0:container-root:/root:/bin/sh\n", inContainer("c1", "/up/up/up/etc/passwd"));
    Files.writeString(tmp.resolve("x"), "planted");
    daemon.berth("cp", tmp.resolve("x").toString(), "c1:/evil/berth-x").ok();
    assertFalse(Files.exists(Path.of("/etc/berth-x")));
    assertEquals("planted", inContainer("c1", "/etc/berth-x"));
    assertEquals(hostPasswd, Files.readString(Path.of("/etc/passwd")));
  }

  @Test
  void summaryLineOnlyOnATerminal() throws IOException {
    Files.writeString(tmp.resolve("t.txt"), "t");
    Result piped = daemon.berth("cp", tmp.resolve("t.txt").toString(), "c1:/tmp/");
    assertEquals("", piped.ok().err(), "stdout is not a terminal: quiet");
    String command = "$BERTH cp " + tmp.resolve("t.txt") + " c1:/tmp/";
    Result tty = shell("script -qec '" + command + "' /dev/null");
    assertTrue(tty.ok().out().contains("Successfully copied 2.05kB to c1:/tmp/"), tty.out());
    Result quiet = shell("script -qec '" + command.replace(" cp ", " cp -q ") + "' /dev/null");
    assertFalse(quiet.ok().out().contains("Successfully"), quiet.out());
    Result from = shell("script -qec '$BERTH cp c1:/data/file " + tmp.resolve("got") + "' /dev/null");
    assertTrue(from.ok().out().contains("Successfully copied 2.05kB to " + tmp.resolve("got")), from.out());
  }
}
