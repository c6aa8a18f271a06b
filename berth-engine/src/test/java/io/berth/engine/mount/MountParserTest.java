package io.berth.engine.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.BerthException;
import io.berth.engine.container.config.MountSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dockerd's Linux mount parser: every -v form, --mount checks, --volumes-from, tmpfs options. */
class MountParserTest {
  @Test
  void volumeSpecsInEveryForm() {
    MountPoint bind = MountParser.parseRaw("/host/dir:/ctr", "");
    assertEquals(List.of("bind", "/host/dir", "/ctr", "rprivate"), List.of(bind.type(), bind.source(),
        bind.destination(), bind.propagation()));
    assertTrue(bind.rw());
    MountPoint ro = MountParser.parseRaw("/host/dir/:/ctr/:ro,Z,rshared", "");
    assertEquals(List.of("/host/dir", "/ctr", "ro,Z,rshared", "rshared"), List.of(ro.source(), ro.destination(),
        ro.mode(), ro.propagation()));
    assertFalse(ro.rw());
    MountPoint named = MountParser.parseRaw("pgdata:/var/lib/pg:nocopy", "");
    assertEquals(List.of("volume", "pgdata", "/var/lib/pg"), List.of(named.type(), named.spec().source(),
        named.destination()));
    assertFalse(named.copyData());
    MountPoint anonymous = MountParser.parseRaw("/data", "local");
    assertEquals(List.of("volume", "", "/data", "local"), List.of(anonymous.type(), anonymous.spec().source(),
        anonymous.destination(), anonymous.driver()));
    assertTrue(anonymous.copyData());
  }

  @Test
  void badVolumeSpecsAreRefusedInDockerdsWords() {
    assertEquals("invalid volume specification: '/foo:rw'", refused(() -> MountParser.parseRaw("/foo:rw", "")));
    assertEquals("invalid volume specification: ':/x'", refused(() -> MountParser.parseRaw(":/x", "")));
    assertEquals("invalid volume specification: 'a:b:c:d'", refused(() -> MountParser.parseRaw("a:b:c:d", "")));
    assertEquals("invalid mode: rw,ro", refused(() -> MountParser.parseRaw("/a:/b:rw,ro", "")));
    assertEquals("invalid mode: bogus", refused(() -> MountParser.parseRaw("/a:/b:bogus", "")));
    assertEquals("invalid volume specification: '/a:/'"
        + ": invalid mount config for type \"bind\": invalid specification: destination can't be '/'",
        refused(() -> MountParser.parseRaw("/a:/", "")));
    assertEquals("invalid volume specification: 'v1:rel'"
        + ": invalid mount config for type \"volume\": invalid mount path: 'rel' mount path must be absolute",
        refused(() -> MountParser.parseRaw("v1:rel", "")));
  }

  @Test
  void mountSpecsAreCheckedAsDockerdChecksThem() {
    assertEquals("invalid mount config for type \"bind\": bind source path does not exist: /no/such/dir",
        refused(() -> MountParser.parseSpec(spec("bind", "/no/such/dir", "/x", null, null, null))));
    MountPoint made = MountParser.parseSpec(spec("bind", "/no/such/dir", "/x",
        new MountSpec.BindOptions("", false, true, false, false), null, null));
    assertEquals("/no/such/dir", made.source(), "bind-create-mountpoint: it need not exist");
    assertEquals("invalid mount config for type \"bind\": field Source must not be empty",
        refused(() -> MountParser.parseSpec(spec("bind", "", "/x", null, null, null))));
    assertEquals("invalid mount config for type \"bind\": invalid propagation mode: sideways",
        refused(() -> MountParser.parseSpec(spec("bind", "/tmp", "/x",
            new MountSpec.BindOptions("sideways", false, false, false, false), null, null))));
    assertEquals("invalid mount config for type \"volume\": field BindOptions must not be specified",
        refused(() -> MountParser.parseSpec(spec("volume", "v", "/x",
            new MountSpec.BindOptions("", false, false, false, false), null, null))));
    assertEquals("invalid mount config for type \"tmpfs\": field Source must not be specified",
        refused(() -> MountParser.parseSpec(spec("tmpfs", "x", "/x", null, null, null))));
    assertEquals("invalid mount config for type \"volume\": must not set Subpath when using anonymous volumes",
        refused(() -> MountParser.parseSpec(spec("volume", "", "/x", null,
            new MountSpec.VolumeOptions(false, null, null, "sub"), null))));
    assertEquals("invalid mount config for type \"volume\": subpath must be a relative path within the volume",
        refused(() -> MountParser.parseSpec(spec("volume", "v", "/x", null,
            new MountSpec.VolumeOptions(false, null, null, "../up"), null))));
    assertEquals("invalid mount config for type \"volume\": field Target must not be empty",
        refused(() -> MountParser.parseSpec(spec("volume", "v", "", null, null, null))));
    assertEquals("invalid mount config for type \"npipe\": mount type unknown",
        refused(() -> MountParser.parseSpec(spec("npipe", "v", "/x", null, null, null))));
  }

  @Test
  void tmpfsOptionsBecomeMountDataAsDockerdWritesIt() {
    assertEquals("ro,mode=1777,size=64m,noexec", MountParser.tmpfsOptions(
        new MountSpec.TmpfsOptions(64L << 20, 01777, List.of(List.of("noexec"))), true));
    assertEquals("size=1000", MountParser.tmpfsOptions(new MountSpec.TmpfsOptions(1000, 0, null), false));
    assertEquals("invalid mount config for type \"tmpfs\": invalid option: suid",
        refused(() -> MountParser.parseSpec(spec("tmpfs", "", "/t", null, null,
            new MountSpec.TmpfsOptions(0, 0, List.of(List.of("suid")))))));
  }

  @Test
  void volumesFromTakesAModeButNoPropagationOrCopyMode() {
    assertEquals(new MountParser.VolumesFrom("db", true), MountParser.parseVolumesFrom("db"));
    assertEquals(new MountParser.VolumesFrom("db", false), MountParser.parseVolumesFrom("db:ro"));
    assertEquals("invalid mode: rshared", refused(() -> MountParser.parseVolumesFrom("db:rshared")));
    assertEquals("invalid mode: nocopy", refused(() -> MountParser.parseVolumesFrom("db:nocopy")));
    assertEquals("volumes-from specification cannot be an empty string",
        refused(() -> MountParser.parseVolumesFrom("")));
  }

  private static MountSpec spec(String type, String source, String target, MountSpec.BindOptions bind,
      MountSpec.VolumeOptions volume, MountSpec.TmpfsOptions tmpfs) {
    return new MountSpec(type, source, target, false, "", bind, volume, null, tmpfs);
  }

  private static String refused(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(BerthException.InvalidParameter.class, call).getMessage();
  }
}
