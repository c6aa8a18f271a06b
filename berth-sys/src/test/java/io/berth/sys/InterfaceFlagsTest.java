package io.berth.sys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A namespace's loopback brought up from the namespace thread; needs root (ip netns). */
@Tag("root")
class InterfaceFlagsTest {
  private final String ns = "berth-ifflags-" + ProcessHandle.current().pid();

  @BeforeEach
  void makeNamespace() throws Exception {
    run("ip", "netns", "add", ns);
  }

  @AfterEach
  void removeNamespace() throws Exception {
    run("ip", "netns", "del", ns);
  }

  @Test
  void loopbackComesUpInTheOtherNamespaceOnly() throws Exception {
    assertFalse(run("ip", "-n", ns, "link", "show", "lo").contains(",UP"), "a new namespace's lo is down");
    boolean hostLoUp = run("ip", "link", "show", "lo").contains(",UP");
    Path path = Path.of("/var/run/netns", ns);
    NetNamespace.call(path, () -> {
      InterfaceFlags.up("lo");
      InterfaceFlags.up("lo"); // already up: nothing to do
      return null;
    });
    assertTrue(run("ip", "-n", ns, "link", "show", "lo").contains(",UP"));
    assertTrue(hostLoUp && run("ip", "link", "show", "lo").contains(",UP"));
    ErrnoException e = assertThrows(ErrnoException.class, () -> NetNamespace.call(path, () -> {
      InterfaceFlags.up("nosuch0");
      return null;
    }));
    assertTrue(e.getMessage().startsWith("ioctl SIOCGIFFLAGS nosuch0: no such device"), e.getMessage());
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + ": " + out);
    }
    return out;
  }
}
