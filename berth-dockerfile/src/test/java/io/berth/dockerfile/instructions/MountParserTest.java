package io.berth.dockerfile.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.dockerfile.DockerfileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MountParserTest {
  private static final WordExpander SAME = w -> w;

  @Test
  void cacheMount() {
    Mount m = MountParser.parse("type=cache,target=/root/.cache,id=go,sharing=locked,mode=0755,uid=1000,gid=1000", SAME);
    assertEquals(new Mount(Mount.Type.CACHE, "", "", "/root/.cache", false, 0, "go", Optional.of(Mount.Sharing.LOCKED),
        false, Optional.empty(), OptionalLong.of(0755), OptionalLong.of(1000), OptionalLong.of(1000)), m);
  }

  @Test
  void defaultsAndAliases() {
    Mount bind = MountParser.parse("target=/src,from=build,src=/out", SAME);
    assertEquals(Mount.Type.BIND, bind.type());
    assertEquals(true, bind.readOnly());
    assertEquals("build", bind.from());
    assertEquals("/out", bind.source());
    assertEquals(false, MountParser.parse("type=bind,dst=/x,rw", SAME).readOnly());
    assertEquals(false, MountParser.parse("type=bind,destination=/x,readwrite=true", SAME).readOnly());
    Mount tmpfs = MountParser.parse("type=tmpfs,target=/t,size=64m", SAME);
    assertEquals(64L << 20, tmpfs.sizeLimit());
    assertEquals(false, tmpfs.readOnly());
    Mount secret = MountParser.parse("type=secret,id=aws,target=/root/.aws/credentials,required", SAME);
    assertEquals(true, secret.required());
    assertEquals("aws", secret.cacheId());
    assertEquals(Optional.of("TOKEN"), MountParser.parse("type=secret,id=t,env=TOKEN", SAME).env());
    assertEquals(Mount.Type.SSH, MountParser.parse("TYPE=SSH", SAME).type());
  }

  @Test
  void expandsValues() {
    Map<String, String> env = Map.of("T", "cache", "D", "/cache");
    WordExpander e = w -> w.replace("$T", env.get("T")).replace("$D", env.get("D"));
    assertEquals(new Mount(Mount.Type.CACHE, "", "", "/cache", false, 0, "", Optional.empty(), false, Optional.empty(),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()), MountParser.parse("type=$T,target=$D", e));
  }

  @Test
  void atParseTimeOnlyFromIsRead() {
    assertEquals("build", MountParser.fromOf("type=nonsense,size=x,from=build"));
    assertEquals("a$", MountParser.fromOf("from=a$"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "type=volume|unsupported mount type \"volume\"",
      "type=cahce|unsupported mount type \"cahce\" (did you mean cache?)",
      "type=cache,sharing=exclusive|unsupported sharing value \"exclusive\"",
      "type=bind,sharing=locked|invalid cache sharing set for bind mount",
      "type=bind,size=1m|unexpected key 'size' for mount type 'bind'",
      "type=tmpfs,size=lots|invalid value for size: lots",
      "type=bind,required|unexpected key 'required' for mount type 'bind'",
      "type=bind,mode=0700|mode not allowed for \"bind\" type mounts",
      "type=tmpfs,uid=1|uid not allowed for \"tmpfs\" type mounts",
      "type=cache,mode=9|invalid value 9 for mode",
      "type=cache,uid=-1|invalid value -1 for uid",
      "type=secret|invalid secret mount. one of source, target required",
      "type=secret,id=a,src=/b|both source and id can't be set",
      "type=secret,id=a,from=x|secret mount should not have a from",
      "type=bind,ro=maybe|invalid value for ro: maybe",
      "type=bind,foo|invalid field 'foo' must be a key=value pair",
      "type=bind,targte=/x|unexpected key 'targte' in 'targte=/x' (did you mean target?)",
      "|failed to parse csv mounts: EOF",
  })
  void errors(String spec, String expected) {
    assertEquals(expected, assertThrows(DockerfileException.class, () -> MountParser.parse(spec == null ? "" : spec, SAME)).getMessage());
  }

  @Test
  void csv() {
    assertEquals(List.of("a", "b,c", "d\"e", ""), CsvValue.fields("a,\"b,c\",\"d\"\"e\","));
    assertEquals("parse error on line 1, column 3: bare \" in non-quoted-field",
        assertThrows(DockerfileException.class, () -> CsvValue.fields("ab\"c")).getMessage());
    assertEquals("parse error on line 1, column 3: extraneous or missing \" in quoted-field",
        assertThrows(DockerfileException.class, () -> CsvValue.fields("\"a\"b")).getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "vendor1.com/device=foo|vendor1.com/device=foo|false",
      "vendor1.com/device|vendor1.com/device|false",
      "vendor1.com/device=foo,required|vendor1.com/device=foo|true",
      "name=vendor1.com/device,required=true|vendor1.com/device|true",
  })
  void devices(String spec, String name, boolean required) {
    assertEquals(new Device(name, required), RunParser.parseDevice(spec));
  }

  @Test
  void deviceNamedTwice() {
    assertEquals("device name already set to a", assertThrows(DockerfileException.class,
        () -> RunParser.parseDevice("a,name=b")).getMessage());
  }
}
