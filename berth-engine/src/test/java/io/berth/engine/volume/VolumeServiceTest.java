package io.berth.engine.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.AtomicFiles;
import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.engine.events.Event;
import io.berth.engine.events.EventBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local driver's volumes: names, options, references, removal and prune, and what survives a restart. */
class VolumeServiceTest {
  private Path root;
  private EventBus events;
  private VolumeService volumes;
  private final Map<String, Set<String>> users = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createTempDirectory("berth-volume-test");
    open();
  }

  private void open() throws Exception {
    events = new EventBus();
    volumes = new VolumeService(root, events);
    volumes.setUsers(() -> () -> users);
  }

  @AfterEach
  void tearDown() throws Exception {
    AtomicFiles.deleteTree(root);
  }

  @Test
  void aVolumeIsADataDirectoryWithItsMetadataBeside() throws Exception {
    Volume v = volumes.create("data", "local", null, Map.of("team", "a"));
    assertEquals(root.resolve("volumes/data/_data"), v.mountpoint());
    assertTrue(Files.isDirectory(v.mountpoint()));
    assertTrue(Files.isRegularFile(root.resolve("volumes/data/metadata.json")));
    assertEquals(Map.of("team", "a"), v.labels());
    assertNull(v.options(), "none given: null, as dockerd reports it");
    assertSame(v, volumes.create("data", "", Map.of("type", "tmpfs"), null), "an existing one is returned");
    assertEquals(1, events.subscribe().past().stream().filter(e -> e.action().equals("create")).count());
    Event created = events.subscribe().past().getFirst();
    assertEquals("volume", created.type());
    assertEquals(Map.of("driver", "local"), created.attributes());
  }

  @Test
  void namesAreCheckedAsTheLocalDriverChecksThem() {
    for (String bad : List.of("a/b", "..", "../x", ".hidden", "-x", "a b")) {
      BerthException e = assertThrows(BerthException.InvalidParameter.class,
          () -> volumes.create(bad, "local", null, null), bad);
      assertEquals("create " + bad + ": \"" + bad + "\" includes invalid characters for a local volume name, only "
          + "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path",
          e.getMessage());
    }
    assertEquals("create x: volume name is too short, names should be at least two alphanumeric characters",
        assertThrows(BerthException.InvalidParameter.class, () -> volumes.create("x", "", null, null)).getMessage());
    assertEquals("create v1: error looking up volume plugin nfs: plugin \"nfs\" not found",
        assertThrows(BerthException.NotFound.class, () -> volumes.create("v1", "nfs", null, null)).getMessage());
    assertTrue(volumes.list(Filters.EMPTY).isEmpty(), "bad input leaves nothing behind");
  }

  @Test
  void driverOptionsAreChecked() {
    assertEquals("create v1: invalid option: \"foo\"", assertThrows(BerthException.InvalidParameter.class,
        () -> volumes.create("v1", "", Map.of("foo", "1"), null)).getMessage());
    assertEquals("create v1: missing required option: \"device\"", assertThrows(BerthException.InvalidParameter.class,
        () -> volumes.create("v1", "", Map.of("type", "tmpfs"), null)).getMessage());
    assertEquals("create v1: missing required option: \"type\"", assertThrows(BerthException.InvalidParameter.class,
        () -> volumes.create("v1", "", Map.of("o", "size=1m", "device", "tmpfs"), null)).getMessage());
    assertEquals("create v1: quota size requested but no quota support", assertThrows(
        BerthException.InvalidParameter.class, () -> volumes.create("v1", "", Map.of("size", "1G"), null))
        .getMessage());
    assertTrue(volumes.list(Filters.EMPTY).isEmpty());
  }

  @Test
  void anonymousVolumesAreNamedAndLabelledAsDockerdDoes() throws Exception {
    Volume v = volumes.create("", "", null, null, "c1");
    assertTrue(v.name().matches("[0-9a-f]{64}"), v.name());
    assertEquals(Map.of(Volume.ANONYMOUS_LABEL, ""), v.labels());
    assertTrue(v.anonymous());
  }

  @Test
  void aReferencedVolumeCannotBeRemoved() throws Exception {
    volumes.create("db", "", null, null);
    users.put("db", new java.util.TreeSet<>(List.of("bbb", "aaa")));
    BerthException e = assertThrows(BerthException.Conflict.class, () -> volumes.remove("db", true));
    assertEquals("remove db: volume is in use - [aaa, bbb]", e.getMessage());
    users.clear();
    volumes.remove("db", false);
    assertFalse(Files.exists(root.resolve("volumes/db")));
    assertEquals("get db: no such volume",
        assertThrows(BerthException.NotFound.class, () -> volumes.remove("db", false)).getMessage());
    volumes.remove("db", true); // force: a missing volume is fine
    assertEquals("get db: no such volume",
        assertThrows(BerthException.NotFound.class, () -> volumes.get("db")).getMessage());
  }

  @Test
  void aCreateInFlightHoldsItsVolumeUntilSettled() throws Exception {
    Volume v = volumes.create("", "", null, null, "c1");
    assertThrows(BerthException.Conflict.class, () -> volumes.remove(v.name(), false));
    assertTrue(volumes.prune(Filters.EMPTY).deleted().isEmpty());
    volumes.settle("c1");
    assertEquals(List.of(v.name()), volumes.prune(Filters.EMPTY).deleted());
  }

  @Test
  void listFiltersAsDockerd() throws Exception {
    volumes.create("web-data", "", null, Map.of("app", "web"));
    volumes.create("db-data", "", null, Map.of("app", "db", "tier", "x"));
    volumes.create("cache", "", null, null);
    users.put("db-data", Set.of("c1"));
    assertEquals(List.of("cache", "db-data", "web-data"), names(Filters.EMPTY));
    assertEquals(List.of("cache", "web-data"), names(filters("dangling", "true")));
    assertEquals(List.of("db-data"), names(filters("dangling", "0")));
    assertEquals(List.of("db-data", "web-data"), names(filters("name", "data")));
    assertEquals(List.of("db-data"), names(filters("name", "^d")));
    assertEquals(List.of("web-data"), names(filters("label", "app=web")));
    assertEquals(List.of("db-data"), names(filters("label", "tier")));
    assertEquals(List.of("cache", "db-data", "web-data"), names(filters("driver", "local")));
    assertEquals(List.of(), names(filters("driver", "nfs")));
    assertEquals("invalid filter 'until'", assertThrows(BerthException.InvalidParameter.class,
        () -> volumes.list(filters("until", "1h"))).getMessage());
    assertThrows(BerthException.InvalidParameter.class, () -> volumes.list(filters("dangling", "maybe")));
  }

  @Test
  void pruneTakesUnusedAnonymousVolumesUnlessAskedForAll() throws Exception {
    Volume anon = volumes.create("", "", null, Map.of("keep", "no"));
    Volume used = volumes.create("", "", null, null);
    volumes.create("named", "", null, null);
    volumes.create("mounted", "", Map.of("type", "tmpfs", "device", "tmpfs"), null);
    Files.writeString(anon.mountpoint().resolve("f"), "12345");
    users.put(used.name(), Set.of("c1"));
    VolumeService.PruneReport report = volumes.prune(Filters.EMPTY);
    assertEquals(List.of(anon.name()), report.deleted());
    assertEquals(5, report.spaceReclaimed());
    assertEquals(List.of(), volumes.prune(filters("label", "keep")).deleted());
    assertEquals(List.of("named"), volumes.prune(filters("all", "true")).deleted(),
        "all: named ones too, but never one in use or one that mounts something");
    assertEquals(Set.of(used.name(), "mounted"), Set.copyOf(names(Filters.EMPTY)));
    assertEquals("invalid filter 'name'", assertThrows(BerthException.InvalidParameter.class,
        () -> volumes.prune(filters("name", "x"))).getMessage());
  }

  @Test
  void theStoreIsRebuiltFromDiskAndCrashLeftoversAreSwept() throws Exception {
    volumes.create("kept", "", Map.of("type", "none", "device", "/tmp", "o", "bind"), Map.of("a", "b"));
    Files.createDirectories(root.resolve("volumes/.staging-123/_data"));
    Files.createDirectories(root.resolve("volumes/.removing-456/_data"));
    Files.createDirectories(root.resolve("volumes/foreign/_data")); // a volume dir without metadata
    open();
    Volume kept = volumes.get("kept");
    assertEquals(Map.of("a", "b"), kept.labels());
    assertEquals(Map.of("type", "none", "device", "/tmp", "o", "bind"), kept.options());
    assertEquals(List.of("foreign", "kept"), names(Filters.EMPTY));
    assertFalse(Files.exists(root.resolve("volumes/.staging-123")));
    assertFalse(Files.exists(root.resolve("volumes/.removing-456")));
  }

  @Test
  void usageCountsSizesAndReferences() throws Exception {
    Volume v = volumes.create("v1", "", null, null);
    Files.writeString(v.mountpoint().resolve("a"), "abc");
    users.put("v1", Set.of("c1", "c2"));
    VolumeService.Usage u = volumes.usage().getFirst();
    assertEquals(3, u.size());
    assertEquals(2, u.refCount());
  }

  private List<String> names(Filters filters) {
    return volumes.list(filters).stream().map(Volume::name).toList();
  }

  private static Filters filters(String key, String value) {
    return new Filters(Map.of(key, List.of(value)));
  }
}
