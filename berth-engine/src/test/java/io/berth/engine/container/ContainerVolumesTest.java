package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.archive.TarEntry;
import io.berth.archive.TarWriter;
import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.engine.events.Event;
import io.berth.engine.mount.MountPoint;
import io.berth.engine.volume.Volume;
import io.berth.engine.volume.VolumeService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Containers and their volumes, against fake runtimes: mounts made at create, copy-up from the image, the OCI
 * mounts at start, references that follow the container records (also across a restart after kill -9),
 * {@code rm -v}, {@code --rm}, {@code --volumes-from}, and prune.
 */
class ContainerVolumesTest {
  @AutoClose
  private final EngineHarness h;
  private VolumeService volumes;

  ContainerVolumesTest() throws IOException {
    h = new EngineHarness();
  }

  @BeforeEach
  void setUp() throws Exception {
    volumes = h.engine.volumes();
    h.engine.imageImporter().importTar(new ByteArrayInputStream(imageWithData()), "data", "latest", null,
        List.of("CMD [\"sh\"]", "VOLUME /var/lib/db"), "-", null);
  }

  @Test
  void aNamedVolumeIsMadeAndFilledFromTheImageWithOwnersAndModes() throws Exception {
    Container c = h.create("{\"Image\":\"data\",\"HostConfig\":{\"Binds\":[\"app:/srv/app\"]}}");
    Volume app = volumes.get("app");
    assertEquals("hello\n", Files.readString(app.mountpoint().resolve("conf/app.conf")));
    PosixFileAttributes conf = Files.readAttributes(app.mountpoint().resolve("conf/app.conf"),
        PosixFileAttributes.class);
    assertEquals("rw-r-----", PosixFilePermissions.toString(conf.permissions()));
    assertEquals(1000, (int) Files.getAttribute(app.mountpoint().resolve("conf/app.conf"), "unix:uid"));
    assertEquals(1000, (int) Files.getAttribute(app.mountpoint(), "unix:uid"), "the volume's root too");
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(app.mountpoint())));
    MountPoint mp = byDestination(c, "/srv/app");
    assertEquals(List.of("volume", "app", app.mountpoint().toString(), "local", "z"),
        List.of(mp.type(), mp.name(), mp.source(), mp.driver(), mp.mode()));
    Volume db = volumes.get(byDestination(c, "/var/lib/db").name());
    assertTrue(db.anonymous(), "the image's VOLUME got an anonymous volume");
    assertEquals("rows\n", Files.readString(db.mountpoint().resolve("table")));
  }

  @Test
  void aVolumeWithDataOrNocopyIsNotFilled() throws Exception {
    Volume full = volumes.create("full", "", null, null);
    Files.writeString(full.mountpoint().resolve("mine"), "x");
    h.create("{\"Image\":\"data\",\"HostConfig\":{\"Binds\":[\"full:/srv/app\",\"empty:/srv/app/conf:nocopy\"]}}");
    assertEquals(List.of("mine"), list(full.mountpoint()));
    assertEquals(List.of(), list(volumes.get("empty").mountpoint()));
  }

  @Test
  void startBindsVolumesAndBindsAndMountsTmpfs() throws Exception {
    Path host = Files.createDirectories(h.dir.resolve("hostdir"));
    Path missing = h.dir.resolve("made/by/start");
    Container c = h.create("{\"Image\":\"data\",\"HostConfig\":{\"Binds\":[\"" + host + ":/h:ro,rprivate\",\""
        + missing + ":/m\",\"v1:/v\"],\"Mounts\":[{\"Type\":\"tmpfs\",\"Target\":\"/t\",\"TmpfsOptions\":"
        + "{\"SizeBytes\":1048576}},{\"Type\":\"volume\",\"Source\":\"v2\",\"Target\":\"/etc/hosts\"}]}}");
    h.lifecycle().start(c.id());
    List<Map<String, Object>> mounts = mounts(c.id());
    assertEquals(List.of("rbind", "ro", "rprivate"), mount(mounts, "/h").get("options"));
    assertEquals(host.toString(), mount(mounts, "/h").get("source"));
    assertTrue(Files.isDirectory(missing), "a -v source that does not exist is made");
    assertEquals(volumes.get("v1").mountpoint().toString(), mount(mounts, "/v").get("source"));
    assertEquals("tmpfs", mount(mounts, "/t").get("type"));
    assertTrue(((List<?>) mount(mounts, "/t").get("options")).contains("size=1m"));
    assertEquals(volumes.get("v2").mountpoint().toString(), mount(mounts, "/etc/hosts").get("source"),
        "a mount on /etc/hosts replaces berth's file");
    List<Event> events = h.engine.events().subscribe().past();
    assertTrue(events.stream().anyMatch(e -> e.type().equals("volume") && e.action().equals("mount")
        && e.actorId().equals("v1") && e.attributes().get("container").equals(c.id())
        && e.attributes().get("destination").equals("/v") && e.attributes().get("read/write").equals("true")));
    h.runtimes.exit(c.id(), 0);
    EngineHarness.await(() -> !h.get(c.id()).state().running(), "exit");
    assertTrue(h.engine.events().subscribe().past().stream().anyMatch(e -> e.type().equals("volume")
        && e.action().equals("unmount") && e.actorId().equals("v1")));
  }

  @Test
  void mountsAreCheckedBeforeAnythingIsMade() throws Exception {
    int before = h.engine.containers().store().all().size();
    assertEquals("Duplicate mount point: /x", assertThrows(BerthException.InvalidParameter.class, () -> h.create(
        "{\"Image\":\"data\",\"HostConfig\":{\"Binds\":[\"a1:/x\",\"/tmp:/x\"]}}")).getMessage());
    assertEquals("Duplicate mount point: /run", assertThrows(BerthException.InvalidParameter.class, () -> h.create(
        "{\"Image\":\"data\",\"HostConfig\":{\"Binds\":[\"/tmp:/run\"],\"Tmpfs\":{\"/run\":\"\"}}}")).getMessage());
    assertEquals("invalid mount path: 'rel' mount path must be absolute", assertThrows(
        BerthException.InvalidParameter.class, () -> h.create(
            "{\"Image\":\"data\",\"HostConfig\":{\"Tmpfs\":{\"rel\":\"\"}}}")).getMessage());
    assertThrows(BerthException.InvalidParameter.class, () -> h.create(
        "{\"Image\":\"data\",\"HostConfig\":{\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/no/such\","
            + "\"Target\":\"/x\"}]}}"));
    assertEquals("cannot mount volume over existing file, file exists ", assertThrows(
        BerthException.InvalidParameter.class, () -> h.create("{\"Image\":\"data\",\"Volumes\":{\"/etc/passwd\":{}}}"))
        .getMessage().replaceAll("/\\S+$", ""));
    assertEquals(before, h.engine.containers().store().all().size());
    assertTrue(volumes.list(Filters.EMPTY).isEmpty(), "no volume made for a refused create: "
        + volumes.list(Filters.EMPTY));
  }

  @Test
  void referencesFollowTheContainerRecordsAcrossAKill() throws Exception {
    Container c = h.create("{\"Image\":\"data\",\"HostConfig\":{\"Binds\":[\"keep:/srv/app\"]}}");
    String anonymous = byDestination(c, "/var/lib/db").name();
    h.lifecycle().start(c.id());
    h.restart(); // kill -9: nothing counted in memory survives, and nothing is lost
    volumes = h.engine.volumes();
    BerthException e = assertThrows(BerthException.Conflict.class, () -> volumes.remove("keep", false));
    assertEquals("remove keep: volume is in use - [" + c.id() + "]", e.getMessage());
    assertTrue(volumes.prune(new Filters(Map.of("all", List.of("1")))).deleted().isEmpty());
    h.lifecycle().remove(c.id(), true, true);
    assertEquals(List.of("keep"), volumes.list(Filters.EMPTY).stream().map(Volume::name).toList(),
        "rm -v: the anonymous volume " + anonymous + " goes, the named one stays");
  }

  @Test
  void runRmTakesAnonymousVolumesAndContainerPruneLeavesThem() throws Exception {
    Container rm = h.create("{\"Image\":\"data\",\"HostConfig\":{\"AutoRemove\":true,\"Binds\":[\"named:/n\"]}}");
    String anonymous = byDestination(rm, "/var/lib/db").name();
    var removed = h.lifecycle().waitFor(rm.id(), "removed");
    h.lifecycle().start(rm.id());
    h.runtimes.exit(rm.id(), 0);
    removed.get(5, java.util.concurrent.TimeUnit.SECONDS); // what docker run --rm waits for
    assertThrows(BerthException.NotFound.class, () -> volumes.get(anonymous));
    volumes.get("named");
    Container stopped = h.create("{\"Image\":\"data\"}");
    String kept = byDestination(stopped, "/var/lib/db").name();
    h.lifecycle().prune(Filters.EMPTY);
    volumes.get(kept);
    assertEquals(List.of(kept), volumes.prune(Filters.EMPTY).deleted(), "volume prune takes it then");
  }

  @Test
  void volumesFromBorrowsEveryMountReadOnlyIfAsked() throws Exception {
    Path host = Files.createDirectories(h.dir.resolve("backup"));
    Container db = h.create("{\"Image\":\"data\",\"HostConfig\":{\"Binds\":[\"" + host + ":/backup\"]}}");
    Container reader = h.create("{\"Image\":\"data\",\"HostConfig\":{\"VolumesFrom\":[\"" + db.id() + ":ro\"]}}");
    MountPoint borrowed = byDestination(reader, "/var/lib/db");
    assertEquals(byDestination(db, "/var/lib/db").name(), borrowed.name());
    assertFalse(borrowed.rw());
    assertFalse(byDestination(reader, "/backup").rw());
    assertEquals(2, volumes.refCount(borrowed.name()));
    h.lifecycle().remove(reader.id(), false, true);
    volumes.get(borrowed.name()); // rm -v of the borrower: still used by db
    assertEquals("No such container: nosuch", assertThrows(BerthException.InvalidParameter.class,
        () -> h.create("{\"Image\":\"data\",\"HostConfig\":{\"VolumesFrom\":[\"nosuch\"]}}")).getMessage());
  }

  @Test
  void psFiltersByVolumeNameOrDestination() throws Exception {
    Container c = h.create("{\"Image\":\"data\",\"HostConfig\":{\"Binds\":[\"web:/srv/app\"]}}");
    h.create("{\"Image\":\"test\"}");
    assertEquals(List.of(c.id()), ids(Map.of("volume", List.of("web"))));
    assertEquals(List.of(c.id()), ids(Map.of("volume", List.of("/srv/app"))));
    assertEquals(List.of(), ids(Map.of("volume", List.of("other"))));
  }

  private List<String> ids(Map<String, List<String>> filters) {
    return h.engine.containers().list(new Filters(filters), true, 0).stream().map(Container::id).toList();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> mounts(String id) {
    return (List<Map<String, Object>>) h.runtimes.held.get(id).config.get("mounts");
  }

  private static Map<String, Object> mount(List<Map<String, Object>> mounts, String destination) {
    return mounts.stream().filter(m -> m.get("destination").equals(destination)).findFirst()
        .orElseThrow(() -> new AssertionError("no mount at " + destination + ": " + mounts));
  }

  private static MountPoint byDestination(Container c, String destination) {
    return c.mountPoints().stream().filter(m -> m.destination().equals(destination)).findFirst()
        .orElseThrow(() -> new AssertionError("no mount at " + destination + ": " + c.mountPoints()));
  }

  private static List<String> list(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** /srv/app/conf/app.conf (uid 1000, 0640) in /srv/app (uid 1000, 0750), /var/lib/db/table, /etc/passwd. */
  private static byte[] imageWithData() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarWriter tar = new TarWriter(bytes)) {
      Instant t = Instant.parse("2024-01-01T00:00:00Z");
      for (String dir : List.of("etc/", "srv/", "var/", "var/lib/", "var/lib/db/")) {
        tar.writeHeader(TarEntry.of(dir, TarEntry.Type.DIRECTORY, t).withMode(0755));
      }
      tar.writeHeader(TarEntry.of("srv/app/", TarEntry.Type.DIRECTORY, t).withMode(0750).withOwner(1000, 1000));
      tar.writeHeader(TarEntry.of("srv/app/conf/", TarEntry.Type.DIRECTORY, t).withMode(0755).withOwner(1000, 1000));
      file(tar, "srv/app/conf/app.conf", "hello\n", 0640, 1000, t);
      file(tar, "var/lib/db/table", "rows\n", 0644, 0, t);
      file(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644, 0, t);
      tar.finish();
    }
    return bytes.toByteArray();
  }

  private static void file(TarWriter tar, String name, String content, int mode, int uid, Instant t)
      throws Exception {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    tar.writeHeader(TarEntry.of(name, TarEntry.Type.FILE, t).withSize(data.length).withMode(mode).withOwner(uid, uid));
    tar.write(data, 0, data.length);
  }
}
