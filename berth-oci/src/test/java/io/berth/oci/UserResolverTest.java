package io.berth.oci;

import io.berth.common.BerthException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UserResolverTest {
  @TempDir
  Path tmp;
  Path rootfs;

  @BeforeEach
  void image() throws IOException {
    rootfs = Files.createDirectories(tmp.resolve("rootfs"));
    Files.createDirectories(rootfs.resolve("etc"));
    Files.writeString(rootfs.resolve("etc/passwd"), """
            root:x:0:0:root:/root:/bin/sh
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin

            www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
            nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
            app:x:1000:1000::/home/app:/bin/sh
            app:x:2000:2000::/home/app2:/bin/sh
            """);
    Files.writeString(rootfs.resolve("etc/group"), """
            root:x:0:
            wheel:x:10:root,app
            staff:x:50:app
            www-data:x:33:
            nogroup:x:65534:
            app:x:1000:
            docker:x:999:root
            """);
  }

  @Test
  void emptyIsRootWithRootsGroups() {
    assertEquals(new ResolvedUser(0, 0, List.of(10L, 999L)), UserResolver.resolve(rootfs, ""));
  }

  @Test
  void byNameAndByUid() {
    assertEquals(new ResolvedUser(1000, 1000, List.of(10L, 50L)), UserResolver.resolve(rootfs, "app"));
    assertEquals(new ResolvedUser(1000, 1000, List.of(10L, 50L)), UserResolver.resolve(rootfs, "1000"));
    assertEquals(new ResolvedUser(33, 33, List.of()), UserResolver.resolve(rootfs, "www-data"));
  }

  @Test
  void explicitGroupReplacesGidAndDropsSupplementaryGroups() {
    assertEquals(new ResolvedUser(1000, 33, List.of()), UserResolver.resolve(rootfs, "app:www-data"));
    assertEquals(new ResolvedUser(1000, 4242, List.of()), UserResolver.resolve(rootfs, "app:4242"));
    assertEquals(new ResolvedUser(33, 65534, List.of()), UserResolver.resolve(rootfs, "33:nogroup"));
  }

  @Test
  void numericIdsNeedNoEntry() {
    assertEquals(new ResolvedUser(4321, 0, List.of()), UserResolver.resolve(rootfs, "4321"));
    assertEquals(new ResolvedUser(4321, 8765, List.of()), UserResolver.resolve(rootfs, "4321:8765"));
  }

  @Test
  void dockerErrors() {
    assertEquals("unable to find user nobody2: no matching entries in passwd file",
        assertThrows(BerthException.InvalidParameter.class,
            () -> UserResolver.resolve(rootfs, "nobody2")).getMessage());
    assertEquals("unable to find group x: no matching entries in group file",
        assertThrows(BerthException.InvalidParameter.class,
            () -> UserResolver.resolve(rootfs, "app:x")).getMessage());
    assertEquals("uids and gids must be in range 0-2147483647",
        assertThrows(BerthException.InvalidParameter.class,
            () -> UserResolver.resolve(rootfs, "-5")).getMessage());
  }

  @Test
  void groupAdd() {
    assertEquals(new ResolvedUser(1000, 1000, List.of(10L, 50L, 999L, 33L, 5000L)),
        UserResolver.resolve(rootfs, "app", List.of("docker", "33", "5000")));
    assertEquals("Unable to find group nosuch", assertThrows(BerthException.InvalidParameter.class,
        () -> UserResolver.resolve(rootfs, "app", List.of("nosuch"))).getMessage());
  }

  @Test
  void noPasswdFile() throws IOException {
    Files.delete(rootfs.resolve("etc/passwd"));
    Files.delete(rootfs.resolve("etc/group"));
    assertEquals(ResolvedUser.ROOT, UserResolver.resolve(rootfs, ""));
    assertEquals(new ResolvedUser(1000, 0, List.of()), UserResolver.resolve(rootfs, "1000"));
    assertThrows(BerthException.InvalidParameter.class, () -> UserResolver.resolve(rootfs, "app"));
  }

  @Test
  void symlinkedPasswdStaysInsideTheRootfs() throws IOException {
    // a host "passwd" the image must never reach
    Path hostEtc = Files.createDirectories(tmp.resolve("host/etc"));
    Files.writeString(hostEtc.resolve("passwd"), "evil:x:0:0::/:/bin/sh\n");
    Files.delete(rootfs.resolve("etc/passwd"));
    Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of(hostEtc.resolve("passwd").toString()));
    // the absolute target is resolved inside the rootfs, where it does not exist
    assertThrows(BerthException.InvalidParameter.class, () -> UserResolver.resolve(rootfs, "evil"));

    // a relative escape is clamped at the rootfs too: ../../../etc/passwd → <rootfs>/etc/passwd (itself a link)
    Files.delete(rootfs.resolve("etc/passwd"));
    Files.createDirectories(rootfs.resolve("usr/share"));
    Files.writeString(rootfs.resolve("usr/share/passwd"), "inside:x:7:7::/:/bin/sh\n");
    Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("../../../../../../usr/share/passwd"));
    assertEquals(new ResolvedUser(7, 7, List.of()), UserResolver.resolve(rootfs, "inside"));
    assertThrows(BerthException.InvalidParameter.class, () -> UserResolver.resolve(rootfs, "evil"));
  }
}
