package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Volumes and mounts through the Docker CLI, bin/berth and docker-py against one berthd: every -v and --mount
 * form, data that outlives its container, copy-up from the image, --volumes-from backups, read-only mounts, the
 * volume commands with their filters, prune, rm -v, cp through mounts, and a kill -9 of berthd while volumes are
 * in use.
 */
@ExtendWith(BerthdExtension.class)
class VolumeTest {
  private static Berthd daemon; // set by BerthdExtension
  private static Path host;

  @BeforeAll
  static void start() throws IOException {
    host = Files.createDirectories(daemon.dir.resolve("host"));
    // an image whose /srv/app (uid 1000, 0750) holds conf/app.conf (0640), and which declares VOLUME /var/lib/db
    daemon.docker("run", "--name", "mkimg", "busybox", "sh", "-c", "mkdir -p /srv/app/conf /var/lib/db && echo hello"
        + " > /srv/app/conf/app.conf && echo rows > /var/lib/db/table && chown -R 1000:1001 /srv/app"
        + " && chmod 750 /srv/app && chmod 640 /srv/app/conf/app.conf").ok();
    daemon.docker("commit", "-c", "VOLUME /var/lib/db", "mkimg", "appimg").ok();
    daemon.docker("rm", "mkimg").ok();
  }

  @Test
  void everyVolumeFlagForm() throws IOException {
    Path dir = Files.createDirectories(host.resolve("forms"));
    Files.writeString(dir.resolve("in"), "from host\n");
    String out = daemon.docker("run", "--rm", "-v", dir + ":/h", "-v", "forms-named:/n", "-v", "/anon",
        "busybox", "sh", "-c", "cat /h/in; echo made > /h/out; echo n > /n/f; echo a > /anon/f; cat /n/f").ok().out();
    assertEquals("from host\nn\n", out);
    assertEquals("made\n", Files.readString(dir.resolve("out")));
    Path missing = host.resolve("made/by/run");
    daemon.docker("run", "--rm", "-v", missing + ":/m", "busybox", "true").ok();
    assertTrue(Files.isDirectory(missing), "-v makes a missing host directory");
    Result ro = daemon.docker("run", "--rm", "-v", dir + ":/h:ro", "busybox", "sh", "-c", "echo x > /h/out");
    assertNotEquals(0, ro.exit());
    assertTrue(ro.err().contains("Read-only file system"), ro.toString());
    Result roVolume = daemon.berth("run", "--rm", "-v", "forms-named:/n:ro,nocopy", "busybox", "touch", "/n/x");
    assertTrue(roVolume.err().contains("Read-only file system"), roVolume.toString());
    Result bad = daemon.docker("run", "--rm", "-v", "/a:/b:bogus", "busybox", "true");
    assertEquals(125, bad.exit());
    assertTrue(bad.err().contains("invalid mode: bogus") || bad.err().contains("invalid volume specification"),
        bad.toString());
    Result name = daemon.docker("volume", "create", "a..b/c");
    assertTrue(name.err().contains("\"a..b/c\" includes invalid characters for a local volume name"), name.toString());
  }

  @Test
  void everyMountFlagForm() throws IOException {
    Path dir = Files.createDirectories(host.resolve("mounts"));
    String out = daemon.docker("run", "--rm", "--mount", "type=bind,source=" + dir + ",target=/b,bind-propagation=rprivate",
        "--mount", "type=volume,source=mnt-vol,target=/v,volume-label=team=a",
        "--mount", "type=volume,source=mnt-tmp,target=/o,volume-opt=type=tmpfs,volume-opt=device=tmpfs,"
            + "volume-opt=o=size=4m",
        "--mount", "type=tmpfs,target=/t,tmpfs-size=2m,tmpfs-mode=1770",
        "busybox", "sh", "-c", "echo b > /b/f; echo v > /v/f; grep -E ' /(o|t) ' /proc/mounts | cut -d' ' -f2,3,4"
            + " | sed 's/,.*size=/ size=/'; stat -c %a /t").ok().out();
    assertTrue(out.contains("/o tmpfs") && out.contains("/t tmpfs") && out.contains("size=2048k"), out);
    assertTrue(out.strip().endsWith("1770"), out);
    assertEquals("b\n", Files.readString(dir.resolve("f")));
    assertEquals("team=a", daemon.docker("volume", "inspect", "-f", "{{range $k, $v := .Labels}}{{$k}}={{$v}}{{end}}",
        "mnt-vol").ok().line());
    assertEquals("map[device:tmpfs o:size=4m type:tmpfs]", daemon.docker("volume", "inspect", "-f", "{{.Options}}",
        "mnt-tmp").ok().line());
    Result missing = daemon.docker("run", "--rm", "--mount", "type=bind,source=" + host.resolve("nosuch") + ",target=/x",
        "busybox", "true");
    assertEquals(125, missing.exit());
    assertTrue(missing.err().contains("invalid mount config for type \"bind\": bind source path does not exist: "
        + host.resolve("nosuch")), missing.toString());
    assertFalse(Files.exists(host.resolve("nosuch")));
    Result dup = daemon.docker("run", "--rm", "-v", "d1:/x", "--mount", "type=volume,target=/x", "busybox", "true");
    assertTrue(dup.err().contains("Duplicate mount point: /x"), dup.toString());
  }

  /** A destination that is a symlink in the image to a host-looking path is resolved inside the container's root. */
  @Test
  void aSymlinkDestinationStaysInsideTheContainer() throws IOException {
    Path outside = host.resolve("outside");
    daemon.docker("run", "--name", "mklink", "busybox", "sh", "-c", "mkdir -p /srv && ln -s " + outside + " /srv/link")
        .ok();
    daemon.docker("commit", "mklink", "linkimg").ok();
    daemon.docker("rm", "mklink").ok();
    Path source = Files.createDirectories(host.resolve("linksource"));
    String seen = daemon.docker("run", "--rm", "-v", source + ":/srv/link", "-v", "linkvol:" + outside + "/v",
        "linkimg", "sh", "-c", "echo inside > /srv/link/f; cat " + outside + "/f").ok().line();
    assertEquals("inside", seen, "the bind landed on the symlink's target inside the container");
    assertEquals("inside\n", Files.readString(source.resolve("f")));
    assertFalse(Files.exists(outside), "nothing was made or mounted on the host path the symlink names");
    daemon.docker("volume", "rm", "linkvol").ok();
  }

  @Test
  void dataOutlivesItsContainersAndShowsInInspectAndPs() {
    daemon.berth("run", "--rm", "-v", "keep:/data", "busybox", "sh", "-c", "echo kept > /data/f").ok();
    assertEquals("kept", daemon.docker("run", "--rm", "-v", "keep:/data", "busybox", "cat", "/data/f").ok().line());
    String id = daemon.docker("create", "--name", "shown", "-v", "keep:/data:ro", "-v", host + ":/h", "busybox").ok()
        .line();
    String mounts = daemon.docker("inspect", "-f", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.Driver}}"
        + " {{.Mode}} {{.RW}} {{.Propagation}};{{end}}", id).ok().line();
    assertEquals("volume keep /data local ro false ;bind  /h  " + " true rprivate;", mounts);
    assertEquals("shown", daemon.docker("ps", "-a", "--filter", "volume=keep", "--format", "{{.Names}}").ok().line());
    assertEquals("shown", daemon.berth("ps", "-a", "--filter", "volume=/h", "--format", "{{.Names}}").ok().line());
    Result inUse = daemon.docker("volume", "rm", "keep");
    assertEquals(1, inUse.exit());
    assertEquals("Error response from daemon: remove keep: volume is in use - [" + id + "]", inUse.err().strip());
    daemon.docker("rm", "shown").ok();
    assertEquals("keep", daemon.berth("volume", "rm", "keep").ok().line());
  }

  @Test
  void aNewVolumeIsFilledFromTheImage() {
    String out = daemon.docker("run", "--rm", "-v", "filled:/srv/app", "appimg", "sh", "-c",
        "stat -c '%a %u %g' /srv/app /srv/app/conf/app.conf; cat /srv/app/conf/app.conf /var/lib/db/table").ok().out();
    assertEquals("750 1000 1001\n640 1000 1001\nhello\nrows\n", out);
    String nocopy = daemon.docker("run", "--rm", "-v", "unfilled:/srv/app:nocopy", "appimg", "ls", "-A", "/srv/app")
        .ok().out();
    assertEquals("", nocopy);
    daemon.docker("run", "--rm", "-v", "filled:/srv/app", "busybox", "sh", "-c", "echo mine > /srv/app/conf/app.conf")
        .ok();
    assertEquals("mine", daemon.docker("run", "--rm", "-v", "filled:/srv/app", "appimg", "cat",
        "/srv/app/conf/app.conf").ok().line(), "a volume with data is not filled again");
    daemon.docker("volume", "rm", "filled", "unfilled").ok();
  }

  @Test
  void volumesFromMakesABackup() throws IOException {
    daemon.docker("run", "-d", "--name", "db", "-v", "/var/lib/db", "busybox", "sh", "-c",
        "echo data > /var/lib/db/rows; sleep 600").ok();
    Path backup = Files.createDirectories(host.resolve("backup"));
    awaitFile("db", "/var/lib/db/rows");
    daemon.docker("run", "--rm", "--volumes-from", "db", "-v", backup + ":/backup", "busybox", "tar", "cvf",
        "/backup/db.tar", "/var/lib/db").ok();
    String listing = Berthd.exec(List.of("tar", "tf", backup.resolve("db.tar").toString()), Map.of(), null).ok().out();
    assertTrue(listing.contains("var/lib/db/rows"), listing);
    Result ro = daemon.berth("run", "--rm", "--volumes-from", "db:ro", "busybox", "touch", "/var/lib/db/x");
    assertTrue(ro.err().contains("Read-only file system"), ro.toString());
    // cp reads and writes through the container's volume
    daemon.docker("cp", "db:/var/lib/db/rows", backup.resolve("rows").toString()).ok();
    assertEquals("data\n", Files.readString(backup.resolve("rows")));
    Path in = Files.writeString(host.resolve("in.txt"), "copied\n");
    daemon.docker("cp", in.toString(), "db:/var/lib/db/in.txt").ok();
    assertEquals("copied", daemon.docker("exec", "db", "cat", "/var/lib/db/in.txt").ok().line());
    daemon.docker("rm", "-f", "db").ok();
  }

  private static void awaitFile(String container, String path) {
    for (int i = 0; i < 50 && daemon.docker("exec", container, "test", "-f", path).exit() != 0; i++) {
      Fixtures.sleep(100);
    }
  }

  @Test
  void volumeCommandsAndTheirFilters() {
    daemon.docker("volume", "create", "--label", "tier=web", "f-web").ok();
    daemon.berth("volume", "create", "--label", "tier=db", "-o", "type=tmpfs", "-o", "device=tmpfs", "f-db").ok();
    daemon.docker("create", "--name", "fuser", "-v", "f-db:/d", "busybox").ok();
    assertEquals("f-web", daemon.docker("volume", "ls", "-q", "--filter", "label=tier=web").ok().line());
    assertEquals("f-db", daemon.berth("volume", "ls", "-q", "--filter", "name=f-", "--filter", "dangling=false")
        .ok().line());
    for (Result ls : List.of(daemon.docker("volume", "ls", "--filter", "name=^f-"),
        daemon.berth("volume", "ls", "--filter", "name=^f-"))) {
      assertEquals("DRIVER    VOLUME NAME\nlocal     f-db\nlocal     f-web\n", ls.ok().out());
    }
    assertEquals(daemon.docker("volume", "inspect", "f-db").ok().out(), daemon.berth("volume", "inspect", "f-db")
        .ok().out());
    assertEquals("f-db local tier=db", daemon.berth("volume", "ls", "--filter", "driver=local", "--filter",
        "label=tier=db", "--format", "{{.Name}} {{.Driver}} {{.Labels}}").ok().line());
    Result bad = daemon.docker("volume", "ls", "--filter", "bogus=1");
    assertTrue(bad.err().contains("nvalid filter 'bogus'"), bad.toString());
    String df = daemon.docker("system", "df", "-v").ok().out();
    assertTrue(df.contains("f-web") && !df.contains("f-db"), "a volume with mount options has no size of its own: "
        + df);
    daemon.docker("rm", "fuser").ok();
    daemon.docker("volume", "rm", "f-web", "f-db").ok();
  }

  @Test
  void pruneTakesAnonymousVolumesUnlessAll() {
    daemon.docker("volume", "create", "p-named").ok();
    String unnamed = daemon.docker("volume", "create").ok().line(); // no name: anonymous, as in dockerd
    String c = daemon.docker("create", "-v", "/anon", "busybox").ok().line();
    String anonymous = daemon.docker("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", c).ok().line();
    daemon.docker("container", "prune", "-f").ok(); // container prune leaves the volume
    assertTrue(daemon.docker("volume", "ls", "-q").ok().out().contains(anonymous));
    String pruned = daemon.docker("volume", "prune", "-f").ok().out();
    assertTrue(pruned.startsWith("Deleted Volumes:\n") && pruned.contains(anonymous + "\n")
        && pruned.contains(unnamed + "\n"), pruned + " should have " + anonymous + " and " + unnamed);
    assertFalse(pruned.contains("p-named"), pruned);
    String all = daemon.berth("volume", "prune", "-a", "-f", "--filter", "label!=keep").ok().out();
    assertTrue(all.contains("p-named"), all);
    assertEquals("Total reclaimed space: 0B", daemon.docker("volume", "prune", "-af").ok().line());
    // system prune --volumes: stopped containers first, then the anonymous volumes they held; named ones stay
    daemon.docker("volume", "create", "sp-named").ok();
    String held = daemon.docker("create", "-v", "/sp", "-v", "sp-named:/n", "busybox").ok().line();
    String anonymousHeld = daemon.docker("inspect", "-f", "{{range .Mounts}}{{if ne .Name \"sp-named\"}}"
        + "{{.Name}}{{end}}{{end}}", held).ok().line();
    daemon.docker("network", "create", "sp-net").ok();
    String system = daemon.berth("system", "prune", "-f", "--volumes").ok().out();
    assertTrue(system.contains("Deleted Containers:\n" + held) && system.contains("Deleted Networks:\nsp-net\n")
        && system.contains("Deleted Volumes:\n" + anonymousHeld + "\n"), system);
    assertTrue(system.indexOf("Deleted Networks") < system.indexOf("Deleted Volumes"), system);
    assertTrue(daemon.docker("volume", "ls", "-q").ok().out().contains("sp-named"));
    daemon.docker("volume", "rm", "sp-named").ok();
  }

  @Test
  void rmVAndRunRmTakeAnonymousVolumesOnly() {
    String id = daemon.docker("create", "-v", "rm-named:/n", "-v", "/anon", "appimg").ok().line();
    String names = daemon.docker("inspect", "-f", "{{range .Mounts}}{{.Name}} {{end}}", id).ok().line();
    assertEquals(3, names.split(" ").length, names); // the image's VOLUME too
    daemon.docker("rm", "-v", id).ok();
    String left = daemon.docker("volume", "ls", "-q").ok().out();
    assertTrue(left.contains("rm-named"), left);
    for (String n : names.split(" ")) {
      assertTrue(n.equals("rm-named") || !left.contains(n), "anonymous " + n + " removed: " + left);
    }
    String before = daemon.docker("volume", "ls", "-q").ok().out();
    daemon.berth("run", "--rm", "-v", "/tmpdata", "busybox", "true").ok();
    assertEquals(before, daemon.docker("volume", "ls", "-q").ok().out(), "run --rm takes its anonymous volume");
    daemon.docker("volume", "rm", "rm-named").ok();
  }

  @Test
  void dockerPyUsesVolumes() {
    String script = """
        import docker, sys
        c = docker.DockerClient(base_url=sys.argv[1])
        v = c.volumes.create("py-vol", labels={"by": "py"})
        print(v.name, v.attrs["Labels"], v.attrs["Driver"])
        out = c.containers.run("busybox", ["sh", "-c", "echo py > /d/f; cat /d/f"], remove=True,
                               volumes={"py-vol": {"bind": "/d", "mode": "rw"}})
        print(out.decode().strip())
        print([x.name for x in c.volumes.list(filters={"label": "by=py"})])
        v.remove()
        print(c.volumes.prune()["SpaceReclaimed"] >= 0)
        """;
    Result py = Berthd.exec(List.of("/usr/bin/python3", "-c", script, daemon.host()), Map.of(), null).ok();
    assertEquals(List.of("py-vol {'by': 'py'} local", "py", "['py-vol']", "True"), py.out().lines().toList());
  }

  /** docker-compose 1.29 with a named volume: made with the project's labels, kept across runs, removed by down -v. */
  @Test
  void composeNamedVolume() throws IOException {
    Path project = Files.createDirectories(host.resolve("compose"));
    Files.writeString(project.resolve("docker-compose.yml"), """
        version: "3.7"
        services:
          app:
            image: busybox
            network_mode: bridge
            command: sh -c "cat /data/f 2>/dev/null || echo first; echo kept > /data/f"
            volumes:
              - store:/data
        volumes:
          store:
        """);
    Map<String, String> env = Map.of("DOCKER_HOST", daemon.host());
    List<String> up = List.of("docker-compose", "-f", project.resolve("docker-compose.yml").toString(), "-p", "vc",
        "up", "--no-color");
    assertTrue(Berthd.exec(up, env, null).ok().out().contains("first"));
    assertEquals("vc", daemon.docker("volume", "inspect", "-f", "{{index .Labels \"com.docker.compose.project\"}}",
        "vc_store").ok().line());
    daemon.docker("rm", "-f", "vc_app_1").ok();
    assertTrue(Berthd.exec(up, env, null).ok().out().contains("kept"), "the volume outlived its container");
    Berthd.exec(List.of("docker-compose", "-f", project.resolve("docker-compose.yml").toString(), "-p", "vc", "down",
        "-v"), env, null).ok();
    assertFalse(daemon.docker("volume", "ls", "-q").ok().out().contains("vc_store"));
  }

  /** The local driver's options: {@code type=none,o=bind} mounts a host directory as the volume while it is used. */
  @Test
  void aVolumeWithOptionsMountsItsDeviceWhileUsed() throws IOException {
    Path device = Files.createDirectories(host.resolve("device"));
    daemon.docker("volume", "create", "-o", "type=none", "-o", "o=bind", "-o", "device=" + device, "bound").ok();
    daemon.berth("run", "--rm", "-v", "bound:/b", "busybox", "sh", "-c", "echo through > /b/f").ok();
    assertEquals("through\n", Files.readString(device.resolve("f")));
    String data = daemon.docker("volume", "inspect", "-f", "{{.Mountpoint}}", "bound").ok().line();
    assertFalse(mounted(data), "unmounted after its last user");
    assertFalse(Files.exists(Path.of(data, "f")), "the data directory itself holds nothing");
    Result bad = daemon.docker("run", "--rm", "-v", "bound2:/b", "--mount",
        "type=volume,source=bound3,target=/c,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/no/such/dir",
        "busybox", "true");
    assertNotEquals(0, bad.exit());
    assertTrue(bad.err().contains("failed to mount local volume"), bad.toString());
    daemon.docker("volume", "rm", "bound", "bound2", "bound3").ok();
  }

  @Test
  void killDuringUseLosesNothing() throws Exception {
    daemon.docker("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=4m", "k-tmp").ok();
    String id = daemon.docker("run", "-d", "-v", "k-data:/data", "-v", "k-tmp:/t", "busybox", "sh", "-c",
        "echo durable > /data/f; echo memory > /t/f; sleep 600").ok().line();
    awaitFile(id, "/t/f");
    daemon.kill9();
    daemon.restart();
    assertEquals("durable\nmemory", daemon.docker("exec", id, "cat", "/data/f", "/t/f").ok().line());
    Result inUse = daemon.docker("volume", "rm", "k-data", "k-tmp");
    assertTrue(inUse.err().contains("remove k-data: volume is in use - [" + id + "]")
        && inUse.err().contains("remove k-tmp: volume is in use"), inUse.toString());
    String tmpData = daemon.docker("volume", "inspect", "-f", "{{.Mountpoint}}", "k-tmp").ok().line();
    daemon.docker("rm", "-f", id).ok();
    assertFalse(mounted(tmpData), "the tmpfs volume is unmounted after its last user");
    assertEquals("durable", daemon.docker("run", "--rm", "-v", "k-data:/data", "busybox", "cat", "/data/f").ok().line());
    daemon.docker("volume", "rm", "k-data", "k-tmp").ok();
  }

  private static boolean mounted(String path) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().anyMatch(l -> l.split(" ")[4].equals(path));
  }
}
