package io.berth.dockerfile.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.dockerfile.DockerfileException;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** BuildKit's bflag_test.go. */
class BFlagsTest {
  @Test
  void builderFlags() {
    new BFlags(List.of()).parse();
    new BFlags(List.of("--")).parse();

    BFlags bf = new BFlags(List.of());
    BFlags.Flag str1 = bf.addString("str1", "");
    BFlags.Flag bool1 = bf.addBool("bool1", false);
    bf.parse();
    assertFalse(bf.isUsed("str1"));
    assertFalse(bf.isUsed("bool1"));

    bf = new BFlags(List.of());
    str1 = bf.addString("str1", "HI");
    bool1 = bf.addBool("bool1", false);
    bf.parse();
    assertEquals("HI", str1.value);
    assertFalse(bool1.isTrue());

    BFlags missing = new BFlags(List.of("--str1"));
    missing.addString("str1", "HI");
    assertThrows(DockerfileException.class, missing::parse);

    bf = new BFlags(List.of("--str1="));
    str1 = bf.addString("str1", "HI");
    bf.parse();
    assertEquals("", str1.value);

    bf = new BFlags(List.of("--str1=BYE"));
    str1 = bf.addString("str1", "HI");
    bf.parse();
    assertEquals("BYE", str1.value);

    for (String arg : List.of("--bool1", "--bool1=true", "--bool1=TRUE")) {
      bf = new BFlags(List.of(arg));
      bool1 = bf.addBool("bool1", false);
      bf.parse();
      assertTrue(bool1.isTrue(), arg);
    }
    bf = new BFlags(List.of("--bool1=false"));
    bool1 = bf.addBool("bool1", false);
    bf.parse();
    assertFalse(bool1.isTrue());

    BFlags bad = new BFlags(List.of("--bool1=false1"));
    bad.addBool("bool1", false);
    assertThrows(DockerfileException.class, bad::parse);
    BFlags unknown = new BFlags(List.of("--bool2"));
    unknown.addBool("bool1", false);
    assertEquals("unknown flag: --bool2 (did you mean bool1?)", assertThrows(DockerfileException.class, unknown::parse).getMessage());
    BFlags noDashes = new BFlags(List.of("-x"));
    assertEquals("arg should start with -- : -x", assertThrows(DockerfileException.class, noDashes::parse).getMessage());

    bf = new BFlags(List.of("--bool1", "--str1=BYE"));
    str1 = bf.addString("str1", "HI");
    bool1 = bf.addBool("bool1", false);
    bf.parse();
    assertEquals("BYE", str1.value);
    assertTrue(bool1.isTrue());

    bf = new BFlags(List.of("--bool2=false", "--bool3", "--bool4=true", "--bool5", "--str2= ", "--str3=def3", "--str4=my-val"));
    for (String b : List.of("bool1", "bool2", "bool3")) {
      bf.addBool(b, false);
    }
    bf.addBool("bool4", true);
    bf.addBool("bool5", true);
    bf.addString("str1", "");
    bf.addString("str2", "");
    bf.addString("str3", "def3");
    bf.addString("str4", "def4");
    bf.parse();
    assertEquals("[bool2, bool3, bool4, bool5, str2, str3, str4]", new TreeSet<>(bf.used()).toString());
  }

  @Test
  void repeatableFlagsCollect() {
    BFlags bf = new BFlags(List.of("--mount=a", "--mount=b", "--", "--mount=c"));
    BFlags.Flag mounts = bf.addStrings("mount");
    bf.parse();
    assertEquals(List.of("a", "b"), mounts.values);
  }
}
