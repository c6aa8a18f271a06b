package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerPathTest {
  @TempDir
  Path tmp;
  Path root;

  /** A container root with the escapes an attacker would plant: /evil -> /etc and /up -> ../../../.. */
  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectories(tmp.resolve("rootfs"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:container\n");
    Files.createDirectories(root.resolve("data/sub"));
    Files.writeString(root.resolve("data/file"), "hello");
    Files.createSymbolicLink(root.resolve("evil"), Path.of("/etc"));
    Files.createSymbolicLink(root.resolve("up"), Path.of("../../../.."));
    Files.createSymbolicLink(root.resolve("data/rel"), Path.of("sub"));
    Files.writeString(tmp.resolve("hostfile"), "host secret");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // request          | absPath        | resolved (relative to root) | base name
      "data/file          | /data/file     | data/file                   | file",
      "/data/./sub/../file| /data/file     | data/file                   | file",
      "/data/             | /data/         | data                        | data",
      "/data/.            | /data/.        | data                        | .",
      "/                  | /              | ''                          | /",
      "/evil              | /evil          | evil                        | evil",
      "/evil/             | /evil/         | etc                         | evil",
      "/evil/passwd       | /evil/passwd   | etc/passwd                  | passwd",
      "/up/etc/passwd     | /up/etc/passwd | etc/passwd                  | passwd",
      "/../../etc/passwd  | /etc/passwd    | etc/passwd                  | passwd",
      "/up/hostfile       | /up/hostfile   | hostfile                    | hostfile",
      "/data/rel/.        | /data/rel/.    | data/sub                    | .",
  })
  void resolvesInsideTheRoot(String request, String abs, String resolved, String base) throws IOException {
    ContainerPath p = ContainerPath.resolve(root, request);
    assertEquals(abs, p.absPath());
    assertEquals(resolved, p.relative());
    assertEquals(base, p.baseName());
    assertTrue(p.resolved().startsWith(root));
  }

  @Test
  void symlinkStatReportsItsTargetInTheContainer() throws IOException {
    PathStat evil = ContainerPath.resolve(root, "/evil").stat();
    assertTrue(evil.isSymlink());
    assertEquals("/etc", evil.linkTarget());
    assertEquals("/", ContainerPath.resolve(root, "/up").stat().linkTarget());
    PathStat dir = ContainerPath.resolve(root, "/evil/").stat();
    assertTrue(dir.isDirectory());
    assertEquals("", dir.linkTarget());
  }

  @Test
  void missingAndNotADirectory() {
    assertThrows(NoSuchFileException.class, () -> ContainerPath.resolve(root, "/nope").stat());
    assertThrows(NoSuchFileException.class, () -> ContainerPath.resolve(root, "/up/hostfile").stat());
    IOException e = assertThrows(IOException.class, () -> ContainerPath.resolve(root, "/data/file/").stat());
    assertEquals("lstat /data/file/: not a directory", e.getMessage());
  }

  @Test
  void goFileModeBits() {
    assertEquals((1L << 31) | 0755, PathStat.goMode(0040755));
    assertEquals((1L << 27) | 0777, PathStat.goMode(0120777));
    assertEquals((1L << 31) | (1L << 20) | 0777, PathStat.goMode(0041777));
    assertEquals(0644, PathStat.goMode(0100644));
  }
}
