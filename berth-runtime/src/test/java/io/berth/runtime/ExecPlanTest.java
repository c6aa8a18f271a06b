package io.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecPlanTest {
  @Test
  void namespacesInRuncsJoinOrderMountLast() {
    Map<String, Object> config = Map.of("linux", Map.of("namespaces", List.of(
        Map.of("type", "mount"), Map.of("type", "network", "path", "/proc/9/ns/net"),
        Map.of("type", "pid"), Map.of("type", "ipc"), Map.of("type", "uts"))));
    assertEquals(List.of("ipc", "uts", "net", "pid", "mnt"), ExecPlan.namespaces(config));
  }

  @Test
  void recordsFromAnOciProcess() {
    Map<String, Object> process = Map.of(
        "args", List.of("sh", "-c", "echo a=b"),
        "env", List.of("PATH=/bin", "X=1"),
        "cwd", "/tmp",
        "user", Map.of("uid", 65534, "gid", 65534, "additionalGids", List.of(10, 20)),
        "capabilities", Map.of("bounding", List.of("CAP_CHOWN", "CAP_KILL"), "effective", List.of("CAP_KILL")),
        "rlimits", List.of(Map.of("type", "RLIMIT_NOFILE", "soft", 1024, "hard",
            new BigInteger("18446744073709551615"))),
        "noNewPrivileges", true,
        "terminal", true,
        "consoleSize", Map.of("height", 33, "width", 111));
    ExecPlan plan = new ExecPlan(42, List.of("pid", "mnt"), List.of(Path.of("/cg/a/cgroup.procs")), process,
        Path.of("/b/seccomp.bpf"), true);
    List<String> records = Arrays.asList(new String(plan.bytes(), StandardCharsets.UTF_8).split("\0"));
    assertEquals(List.of("pid=42", "ns=pid", "ns=mnt", "cgroup=/cg/a/cgroup.procs",
        "rlimit=7:1024:18446744073709551615", "cwd=/tmp", "uid=65534", "gid=65534", "group=10", "group=20",
        "cap.bounding=21", "cap.effective=20", "cap.permitted=0", "cap.inheritable=0", "cap.ambient=0",
        "no_new_privs=1", "seccomp=/b/seccomp.bpf", "terminal=1", "stdin=1", "rows=33", "cols=111",
        "env=PATH=/bin", "env=X=1", "arg=sh", "arg=-c", "arg=echo a=b"), records);
  }

  @Test
  void refusesWhatTheLauncherCouldNotCarry() {
    assertThrows(IllegalArgumentException.class, () -> new ExecPlan(1, List.of(), List.of(),
        Map.of("args", List.of("a\0b")), null, false).bytes());
    assertThrows(IllegalArgumentException.class, () -> new ExecPlan(1, List.of(), List.of(),
        Map.of("args", List.of()), null, false).bytes());
    assertThrows(IllegalArgumentException.class, () -> new ExecPlan(1, List.of(), List.of(),
        Map.of("args", List.of("x"), "capabilities", Map.of("bounding", List.of("CAP_NOPE"))), null, false).bytes());
  }
}
