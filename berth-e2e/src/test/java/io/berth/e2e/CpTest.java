package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * cp through the Docker CLI and bin/berth, each case with both: both directions, Docker's path rules, stopped
 * containers, symlink escapes, the freeze of a running container, owners, capabilities; berth's errors compared
 * with the Docker CLI's.
 */
@ExtendWith(BerthdExtension.class)
class CpTest {
  private static final String CONTAINER_PASSWD = "root:x:0:0:container-root:/root:/bin/sh\n";
  private static Berthd daemon; // set by BerthdExtension
  private static String hostPasswd;
  @TempDir
  Path tmp;

  /** The CLI a case copies with. */
  enum Cli {
    DOCKER, BERTH;

    Result run(String... args) {
      return this == DOCKER ? daemon.docker(args) : daemon.berth(args);
    }

    /** How a shell script names it: {@code $CLI cp ...}. */
    String command() {
      return this == DOCKER ? "docker" : Berthd.REPO.resolve("bin/berth") + " -H " + daemon.host();
    }
  }

  @BeforeAll
  static void start() throws IOException {
    daemon.docker("run", "-d", "--name", "c1", "busybox", "sh", "-c",
        "mkdir -p /data/sub && echo hello > /data/file && echo deep > /data/sub/deep"
            + " && echo '" + CONTAINER_PASSWD.strip() + "' > /etc/passwd && chown 1234:5678 /data/file"
            + " && mkdir /linked && echo x > /linked/a && ln /linked/a /linked/b"
            + " && ln -s /etc /evil && ln -s ../../../.. /up && mkdir /ldir && ln -s /ldir /dlink"
            + " && while true; do sleep 1; done").ok();
    for (int i = 0; i < 100 && daemon.docker("cp", "c1:/dlink", "-").exit() != 0; i++) {
      Fixtures.sleep(100); // the container's script has not made its files yet
    }
    hostPasswd = Files.readString(Path.of("/etc/passwd"));
  }

  private String inContainer(Cli cli, String container, String path) {
    Path out = tmp.resolve("read-" + System.nanoTime());
    cli.run("cp", container + ":" + path, out.toString()).ok();
    try {
      return Files.readString(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Result shell(Cli cli, String script) {
    return Berthd.exec(List.of("sh", "-c", script), Map.of("CLI", cli.command(), "DOCKER_HOST", daemon.host(),
        "DOCKER_CONFIG", tmp.resolve("docker-config").toString()), null);
  }

  @ParameterizedTest
  @EnumSource(Cli.class)
  void fileAndDirectoryFromTheContainer(Cli cli) throws IOException {
    cli.run("cp", "c1:/data/file", tmp.toString()).ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("file")));
    cli.run("cp", "c1:/data/file", tmp.resolve("renamed").toString()).ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("renamed")));
    cli.run("cp", "c1:/data", tmp.resolve("copy").toString()).ok();
    assertEquals("deep\n", Files.readString(tmp.resolve("copy/sub/deep")));
    cli.run("cp", "c1:/data", tmp.resolve("copy").toString()).ok();
    assertEquals("deep\n", Files.readString(tmp.resolve("copy/data/sub/deep")), "into an existing directory");
    Files.createDirectories(tmp.resolve("contents"));
    cli.run("cp", "c1:/data/.", tmp.resolve("contents").toString()).ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("contents/file")), "/. copies the contents");
    cli.run("cp", "c1:/data/.", tmp.resolve("fresh").toString()).ok();
    assertEquals("deep\n", Files.readString(tmp.resolve("fresh/sub/deep")), "/. into a new directory");
    Files.writeString(tmp.resolve("existing"), "old");
    cli.run("cp", "c1:/data/file", tmp.resolve("existing").toString()).ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("existing")), "a file over a file");
    Files.createDirectories(tmp.resolve("rel"));
    shell(cli, "cd " + tmp.resolve("rel") + " && $CLI cp c1:/data/file ./here").ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("rel/here")), "a relative local path");
  }

  /** The top entry takes the destination's name, and so do the targets of hard links under it (moby's rebase). */
  @ParameterizedTest
  @EnumSource(Cli.class)
  void hardLinksStayLinkedUnderANewName(Cli cli) throws IOException {
    cli.run("cp", "c1:/linked", tmp.resolve("renamed").toString()).ok();
    assertEquals("x\n", Files.readString(tmp.resolve("renamed/b")));
    assertEquals(Files.getAttribute(tmp.resolve("renamed/a"), "unix:ino"),
        Files.getAttribute(tmp.resolve("renamed/b"), "unix:ino"));
  }

  @ParameterizedTest
  @EnumSource(Cli.class)
  void fileAndDirectoryIntoTheContainer(Cli cli) throws IOException {
    Files.writeString(tmp.resolve("up.txt"), "uploaded");
    Files.createDirectories(tmp.resolve("dir/inner"));
    Files.writeString(tmp.resolve("dir/inner/x"), "x");
    String name = cli.name().toLowerCase();
    cli.run("cp", tmp.resolve("up.txt").toString(), "c1:/tmp").ok();
    assertEquals("uploaded", inContainer(cli, "c1", "/tmp/up.txt"));
    cli.run("cp", tmp.resolve("up.txt").toString(), "c1:/tmp/other.txt").ok();
    assertEquals("uploaded", inContainer(cli, "c1", "/tmp/other.txt"));
    cli.run("cp", tmp.resolve("dir").toString(), "c1:/newdir-" + name).ok();
    assertEquals("x", inContainer(cli, "c1", "/newdir-" + name + "/inner/x"));
    cli.run("cp", tmp.resolve("dir").toString() + "/.", "c1:/tmp").ok();
    assertEquals("x", inContainer(cli, "c1", "/tmp/inner/x"));
    String tmpMode = shell(cli, "$CLI cp c1:/tmp - | tar -tvf - | head -1").ok().out();
    assertTrue(tmpMode.startsWith("drwxrwxrwt"), "the /. entry leaves the destination's mode alone: " + tmpMode);
    cli.run("cp", tmp.resolve("up.txt").toString(), "c1:/dlink").ok();
    assertEquals("uploaded", inContainer(cli, "c1", "/ldir/up.txt"), "a symlink to a directory is followed");
    Files.createSymbolicLink(tmp.resolve("hostlink"), tmp.resolve("dir"));
    cli.run("cp", "-L", tmp.resolve("hostlink").toString(), "c1:/followed-" + name).ok();
    assertEquals("x", inContainer(cli, "c1", "/followed-" + name + "/inner/x"), "-L archives the link's target");
  }

  /** As dockerd's untar: a compressed archive is decompressed, and names that look like aufs metadata are files. */
  @ParameterizedTest
  @EnumSource(Cli.class)
  void anArchiveThroughStdinMayBeCompressed(Cli cli) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("gz"));
    Files.writeString(dir.resolve("gz.txt"), "compressed");
    Files.writeString(dir.resolve(".wh..wh.plain"), "plain");
    shell(cli, "tar -czf - -C " + dir + " gz.txt .wh..wh.plain | $CLI cp - c1:/tmp").ok();
    assertEquals("compressed", inContainer(cli, "c1", "/tmp/gz.txt"));
    assertEquals("plain", inContainer(cli, "c1", "/tmp/.wh..wh.plain"));
  }

  @ParameterizedTest
  @EnumSource(Cli.class)
  void pathRulesAndErrors(Cli cli) throws IOException {
    Result missing = cli.run("cp", "c1:/nope", tmp.toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("Could not find the file /nope in container c1"), missing.err());
    Files.writeString(tmp.resolve("f"), "f");
    Result notDir = cli.run("cp", tmp.resolve("f").toString(), "c1:/nodir/");
    assertEquals(1, notDir.exit());
    assertTrue(notDir.err().contains("no such directory"), notDir.err());
    Result dirOnFile = cli.run("cp", tmp.toString(), "c1:/data/file");
    assertEquals(1, dirOnFile.exit());
    assertTrue(dirOnFile.err().contains("cannot copy directory"), dirOnFile.err());
    Result trailing = cli.run("cp", "c1:/data/file/", tmp.toString());
    assertEquals(1, trailing.exit());
    assertTrue(trailing.err().contains("not a directory"), trailing.err());
    Result both = cli.run("cp", "c1:/a", "c1:/b");
    assertTrue(both.err().contains("copying between containers is not supported"), both.err());
  }

  /** berth's exit codes and messages are the Docker CLI's, byte for byte. */
  @Test
  void errorsMatchTheDockerCli() throws IOException {
    Files.writeString(tmp.resolve("f"), "f");
    List<List<String>> cases = List.of(
        List.of("c1:/nope", tmp.toString()),
        List.of(tmp.resolve("f").toString(), "c1:/nodir/"),
        List.of(tmp.toString(), "c1:/data/file"),
        List.of("c1:/data/file/", tmp.toString()),
        List.of("c1:/data/file/x", tmp.toString()),
        List.of("c1:/a", "c1:/b"),
        List.of("a", "b"),
        List.of("", "c1:/tmp"),
        List.of("c1:/tmp", ""),
        List.of("-", "c1:/data/file"),
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
      assertFalse(berth.err().contains(daemon.dataRoot.toString()), "no host path under the data root: " + berth);
    }
  }

  /**
   * While a copy works on a running container's files its processes are frozen, so none can swap a path
   * for a symlink between its resolution and its use (CVE-2018-15664); they run again after.
   */
  @ParameterizedTest
  @EnumSource(Cli.class)
  void aRunningContainerIsFrozenDuringACopy(Cli cli) throws Exception {
    String id = daemon.docker("inspect", "-f", "{{.Id}}", "c1").ok().line();
    Path state = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))
        ? Path.of("/sys/fs/cgroup/berth", id, "cgroup.events")
        : Path.of("/sys/fs/cgroup/freezer/berth", id, "freezer.state");
    Files.writeString(tmp.resolve("slow.txt"), "x".repeat(100_000));
    shell(cli, "cd " + tmp + " && tar -cf slow.tar slow.txt").ok();
    // the copy's input arrives in two parts two seconds apart: the copy is under way in between
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", "(head -c 20000 slow.tar; sleep 2; tail -c +20001 slow.tar)"
        + " | $CLI cp - c1:/tmp").directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().put("CLI", cli.command());
    pb.environment().put("DOCKER_HOST", daemon.host());
    pb.environment().put("DOCKER_CONFIG", tmp.resolve("docker-config").toString());
    Process copy = pb.start();
    copy.getOutputStream().close();
    boolean sawFrozen = false;
    for (int i = 0; i < 150 && !sawFrozen; i++) {
      String s = Files.readString(state);
      sawFrozen = s.contains("FROZEN") && !s.contains("FREEZING") || s.contains("frozen 1");
      Thread.sleep(10);
    }
    assertTrue(copy.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(0, copy.exitValue(), new String(copy.getInputStream().readAllBytes()));
    assertTrue(sawFrozen, "frozen while the copy ran");
    String after = Files.readString(state);
    assertTrue(after.contains("THAWED") || after.contains("frozen 0"), after);
    assertEquals("100000", daemon.docker("exec", "c1", "sh", "-c", "wc -c < /tmp/slow.txt").ok().line().strip());

    // berthd killed in the middle of a copy: the next berthd thaws the container
    Process stuck = pb.start();
    stuck.getOutputStream().close();
    for (int i = 0; i < 150 && !Files.readString(state).contains("FROZEN") && !Files.readString(state)
        .contains("frozen 1"); i++) {
      Thread.sleep(10);
    }
    for (int i = 0; i < 150 && boundOnTheHost().isEmpty(); i++) {
      Thread.sleep(10); // bound right after the freeze
    }
    assertFalse(boundOnTheHost().isEmpty(), "the container's network files are bound during the copy");
    daemon.kill9();
    stuck.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    daemon.restart();
    String restarted = Files.readString(state);
    assertTrue(restarted.contains("THAWED") || restarted.contains("frozen 0"), restarted);
    assertEquals(List.of(), boundOnTheHost(), "and unbound by the next berthd");
    assertEquals("running", daemon.docker("inspect", "-f", "{{.State.Status}}", "c1").ok().line());
  }

  @ParameterizedTest
  @EnumSource(Cli.class)
  void tarThroughStdinAndStdout(Cli cli) throws IOException {
    Result listing = shell(cli, "$CLI cp c1:/data - | tar -tf - | sort");
    assertEquals(List.of("data/", "data/file", "data/sub/", "data/sub/deep"), listing.ok().out().lines().toList());
    Files.writeString(tmp.resolve("s.txt"), "from stdin");
    shell(cli, "cd " + tmp + " && tar -cf - s.txt | $CLI cp - c1:/tmp").ok();
    assertEquals("from stdin", inContainer(cli, "c1", "/tmp/s.txt"));
    Result notDir = shell(cli, "tar -cf - -C " + tmp + " s.txt | $CLI cp - c1:/data/file");
    assertEquals(1, notDir.exit());
    assertTrue(notDir.err().contains("destination \"c1:/data/file\" must be a directory"), notDir.err());
  }

  @ParameterizedTest
  @EnumSource(Cli.class)
  void stoppedContainer(Cli cli) throws IOException {
    String id = daemon.docker("create", "busybox", "true").ok().line();
    Files.writeString(tmp.resolve("offline"), "offline");
    cli.run("cp", tmp.resolve("offline").toString(), id + ":/offline").ok();
    assertEquals("offline", inContainer(cli, id, "/offline"));
    cli.run("cp", "-L", id + ":/bin/sh", tmp.resolve("sh").toString()).ok();
    assertTrue(Files.size(tmp.resolve("sh")) > 100_000, "the image's busybox, followed with -L");
    daemon.docker("start", "-a", id).ok();
    assertEquals("offline", inContainer(cli, id, "/offline"), "still there after a run");
    daemon.docker("rm", id).ok();
  }

  /** As dockerd: cp sees the container's own hosts, hostname and resolv.conf, and cannot replace them. */
  @ParameterizedTest
  @EnumSource(Cli.class)
  void theContainersNetworkFiles(Cli cli) throws IOException {
    String hosts = daemon.docker("exec", "c1", "cat", "/etc/hosts").ok().out();
    assertTrue(hosts.contains("localhost"), hosts);
    assertEquals(hosts, inContainer(cli, "c1", "/etc/hosts"));
    assertEquals(daemon.docker("exec", "c1", "hostname").ok().line() + "\n", inContainer(cli, "c1", "/etc/hostname"));
    Result etc = shell(cli, "$CLI cp c1:/etc - | tar -xOf - etc/resolv.conf");
    assertEquals(daemon.docker("exec", "c1", "cat", "/etc/resolv.conf").ok().out(), etc.ok().out());

    Files.writeString(tmp.resolve("hosts"), "10.9.9.9 replaced\n");
    Result replace = cli.run("cp", tmp.resolve("hosts").toString(), "c1:/etc/hosts");
    assertEquals(1, replace.exit());
    assertTrue(replace.err().contains(
        "Error processing tar file(exit status 1): unlinkat /etc/hosts: device or resource busy"), replace.err());
    assertEquals(hosts, daemon.docker("exec", "c1", "cat", "/etc/hosts").ok().out(), "the container's file is untouched");
    assertEquals("3", daemon.docker("exec", "c1", "grep", "-cE", " /etc/(hosts|hostname|resolv.conf) ", "/proc/mounts")
        .ok().line().strip(), "its binds are all still there");
    assertEquals(List.of(), boundOnTheHost(), "nothing stays bound on the host side");
  }

  /** Mounts on the host side under a container root's /etc (cp's binds of the network files). */
  private static List<String> boundOnTheHost() throws IOException {
    return Files.readString(Path.of("/proc/self/mountinfo")).lines()
        .filter(l -> l.contains(daemon.dataRoot.toString()) && l.contains("/etc/")).toList();
  }

  @ParameterizedTest
  @EnumSource(Cli.class)
  void symlinksCannotReachTheHost(Cli cli) throws IOException {
    assertEquals(CONTAINER_PASSWD, inContainer(cli, "c1", "/evil/passwd"));
    assertEquals(CONTAINER_PASSWD, inContainer(cli, "c1", "/up/etc/passwd"));
    assertEquals(CONTAINER_PASSWD, inContainer(cli, "c1", "/up/up/up/etc/passwd"));
    Files.writeString(tmp.resolve("x"), "planted");
    String name = cli.name().toLowerCase();
    cli.run("cp", tmp.resolve("x").toString(), "c1:/evil/x-" + name).ok();
    cli.run("cp", tmp.resolve("x").toString(), "c1:/up/up/etc/y-" + name).ok();
    assertFalse(Files.exists(Path.of("/etc/x-" + name)));
    assertFalse(Files.exists(Path.of("/etc/y-" + name)));
    assertEquals("planted", inContainer(cli, "c1", "/etc/x-" + name));
    assertEquals("planted", inContainer(cli, "c1", "/etc/y-" + name));
    assertEquals(hostPasswd, Files.readString(Path.of("/etc/passwd")));
    // the symlink itself is copied as a symlink; with -L its target
    cli.run("cp", "c1:/evil", tmp.resolve("evil").toString()).ok();
    assertTrue(Files.isSymbolicLink(tmp.resolve("evil")));
    assertEquals("/etc", Files.readSymbolicLink(tmp.resolve("evil")).toString());
    cli.run("cp", "-L", "c1:/evil", tmp.resolve("etc").toString()).ok();
    assertEquals(CONTAINER_PASSWD, Files.readString(tmp.resolve("etc/passwd")));
  }

  @ParameterizedTest
  @EnumSource(Cli.class)
  void events(Cli cli) throws IOException {
    Files.writeString(tmp.resolve("ev"), "ev");
    cli.run("cp", tmp.resolve("ev").toString(), "c1:/tmp").ok();
    cli.run("cp", "c1:/tmp/ev", tmp.resolve("back").toString()).ok();
    long now = System.currentTimeMillis() / 1000;
    Result events = daemon.docker("events", "--since", "0", "--until", Long.toString(now + 1), "--filter",
        "container=c1", "--format", "{{.Action}}").ok();
    assertTrue(events.out().lines().anyMatch("archive-path"::equals), events.toString());
    assertTrue(events.out().lines().anyMatch("extract-to-dir"::equals), events.toString());
  }

  /** A file's capability survives a copy into the container and back, as moby's archive keeps it. */
  @ParameterizedTest
  @EnumSource(Cli.class)
  void aFilesCapabilityTravels(Cli cli) throws IOException {
    Path file = Files.writeString(tmp.resolve("ping"), "binary");
    byte[] v2 = new byte[20]; // VFS_CAP_REVISION_2: cap_net_raw permitted, effective
    v2[0] = 1;
    v2[3] = 2;
    v2[5] = 0x20;
    io.berth.sys.Linux.lsetxattr(file, "security.capability", v2);
    String name = "ping-" + cli.name().toLowerCase();
    Path back = Files.createDirectories(tmp.resolve("back"));
    cli.run("cp", file.toString(), "c1:/tmp/" + name).ok();
    cli.run("cp", "c1:/tmp/" + name, back.toString()).ok();
    assertTrue(java.util.Arrays.equals(v2, io.berth.sys.Linux.lgetxattr(back.resolve(name), "security.capability")
        .orElse(null)), "the capability goes both ways");
  }

  /** Owners arrive as the Docker CLI makes them arrive, with and without -a (which also sends copyUIDGID). */
  @Test
  void ownersAsTheDockerCliLeavesThem() throws IOException {
    Files.writeString(tmp.resolve("owned"), "owned");
    shell(Cli.DOCKER, "chown 4321:8765 " + tmp.resolve("owned")).ok();
    for (String flag : List.of("-L", "-a")) {
      daemon.docker("cp", flag, tmp.resolve("owned").toString(), "c1:/tmp/by-docker").ok();
      daemon.berth("cp", flag, tmp.resolve("owned").toString(), "c1:/tmp/by-berth").ok();
      String docker = shell(Cli.BERTH, "$CLI cp c1:/tmp/by-docker - | tar --numeric-owner -tvf -").ok().out();
      String berth = shell(Cli.BERTH, "$CLI cp c1:/tmp/by-berth - | tar --numeric-owner -tvf -").ok().out();
      assertTrue(docker.contains(" 4321/8765 "), docker);
      assertEquals(docker.replace("by-docker", "by-berth"), berth, flag);
    }
  }

  @ParameterizedTest
  @EnumSource(Cli.class)
  void summaryLineOnlyOnATerminal(Cli cli) throws IOException {
    Files.writeString(tmp.resolve("t.txt"), "t");
    Result piped = cli.run("cp", tmp.resolve("t.txt").toString(), "c1:/tmp/");
    assertEquals("", piped.ok().err(), "stdout is not a terminal: quiet");
    String command = "$CLI cp " + tmp.resolve("t.txt") + " c1:/tmp/";
    Result tty = shell(cli, "script -qec \"" + command + "\" /dev/null");
    assertTrue(tty.ok().out().contains("Successfully copied 2.05kB to c1:/tmp/"), tty.out());
    Result quiet = shell(cli, "script -qec \"" + command.replace(" cp ", " cp -q ") + "\" /dev/null");
    assertFalse(quiet.ok().out().contains("Successfully"), quiet.out());
    Result from = shell(cli, "script -qec \"$CLI cp c1:/data/file " + tmp.resolve("got") + "\" /dev/null");
    assertTrue(from.ok().out().contains("Successfully copied 2.05kB to " + tmp.resolve("got")), from.out());
  }
}
