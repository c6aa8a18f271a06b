package io.berth.runtime;

import io.berth.oci.Capabilities;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the exec launcher (berth-exec, see berth-runtime/src/main/c and {@link ExecLauncher}) needs to start a process in a running
 * container, resolved by berthd so that the launcher parses nothing but this: NUL-terminated
 * {@code key=value} records. The process part comes from an OCI {@code process} object, the namespaces
 * from the container's OCI config, as {@code runc exec} takes them.
 *
 * @param pid        the container's init, whose namespaces are joined ({@code /proc/PID/ns/*})
 * @param namespaces names as in {@code /proc/PID/ns}, in the order to join them (mnt last)
 * @param cgroups    {@code cgroup.procs} files the process is written into before it joins the namespaces
 * @param process    the OCI process: args, env, cwd, user, capabilities, rlimits, noNewPrivileges,
 *                   oomScoreAdj, terminal, consoleSize
 * @param seccomp    a file holding the container's seccomp filter as a BPF program, or null for none
 * @param stdin      the process reads what the client sends, else /dev/null
 */
public record ExecPlan(long pid, List<String> namespaces, List<Path> cgroups, Map<String, Object> process,
             Path seccomp, boolean stdin) {
  /** OCI namespace type → /proc/PID/ns name, in runc's join order (user first, mount last). */
  private static final List<Map.Entry<String, String>> NAMESPACES = List.of(
      Map.entry("user", "user"), Map.entry("ipc", "ipc"), Map.entry("uts", "uts"),
      Map.entry("network", "net"), Map.entry("pid", "pid"), Map.entry("cgroup", "cgroup"),
      Map.entry("mount", "mnt"));

  /** RLIMIT_* by resource number (asm-generic/resource.h). */
  private static final List<String> RLIMITS = List.of(
      "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
      "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING",
      "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");

  public ExecPlan {
    namespaces = List.copyOf(namespaces);
    cgroups = List.copyOf(cgroups);
  }

  /** The namespaces of an OCI config ({@code linux.namespaces}) as /proc/PID/ns names, in join order. */
  public static List<String> namespaces(Map<String, Object> ociConfig) {
    List<String> types = new ArrayList<>();
    if (ociConfig.get("linux") instanceof Map<?, ?> linux && linux.get("namespaces") instanceof List<?> list) {
      for (Object ns : list) {
        if (ns instanceof Map<?, ?> m && m.get("type") instanceof String t) {
          types.add(t);
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, String> e : NAMESPACES) {
      if (types.contains(e.getKey())) {
        names.add(e.getValue());
      }
    }
    return names;
  }

  public byte[] bytes() {
    Records out = new Records();
    out.add("pid", Long.toString(pid));
    namespaces.forEach(n -> out.add("ns", n));
    cgroups.forEach(c -> out.add("cgroup", c.toString()));
    for (Object r : list(process.get("rlimits"))) {
      Map<?, ?> m = (Map<?, ?>) r;
      int resource = RLIMITS.indexOf(String.valueOf(m.get("type")));
      if (resource < 0) {
        throw new IllegalArgumentException("unknown rlimit " + m.get("type"));
      }
      out.add("rlimit", resource + ":" + Long.toUnsignedString(number(m.get("soft")))
          + ":" + Long.toUnsignedString(number(m.get("hard"))));
    }
    out.add("cwd", process.get("cwd") instanceof String cwd && !cwd.isEmpty() ? cwd : "/");
    Map<?, ?> user = process.get("user") instanceof Map<?, ?> u ? u : Map.of();
    out.add("uid", Long.toString(number(user.get("uid"))));
    out.add("gid", Long.toString(number(user.get("gid"))));
    for (Object g : list(user.get("additionalGids"))) {
      out.add("group", Long.toString(number(g)));
    }
    Map<?, ?> caps = process.get("capabilities") instanceof Map<?, ?> c ? c : Map.of();
    for (String set : List.of("bounding", "effective", "permitted", "inheritable", "ambient")) {
      out.add("cap." + set, Long.toHexString(capabilityMask(list(caps.get(set)))));
    }
    out.add("no_new_privs", Boolean.TRUE.equals(process.get("noNewPrivileges")) ? "1" : "0");
    if (seccomp != null) {
      out.add("seccomp", seccomp.toString());
    }
    if (process.get("oomScoreAdj") instanceof Number n) {
      out.add("oom_score_adj", Long.toString(n.longValue()));
    }
    boolean terminal = Boolean.TRUE.equals(process.get("terminal"));
    out.add("terminal", terminal ? "1" : "0");
    out.add("stdin", stdin ? "1" : "0");
    if (terminal && process.get("consoleSize") instanceof Map<?, ?> size) {
      out.add("rows", Long.toString(number(size.get("height"))));
      out.add("cols", Long.toString(number(size.get("width"))));
    }
    for (Object e : list(process.get("env"))) {
      out.add("env", (String) e);
    }
    List<?> args = list(process.get("args"));
    if (args.isEmpty()) {
      throw new IllegalArgumentException("process has no args");
    }
    for (Object a : args) {
      out.add("arg", (String) a);
    }
    return out.bytes.toByteArray();
  }

  private static long capabilityMask(List<?> names) {
    long mask = 0;
    for (Object name : names) {
      int bit = Capabilities.KNOWN.indexOf(String.valueOf(name));
      if (bit < 0) {
        throw new IllegalArgumentException("unknown capability " + name);
      }
      mask |= 1L << bit;
    }
    return mask;
  }

  private static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  private static final class Records {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void add(String key, String value) {
      if (value.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(key + " contains a NUL byte");
      }
      bytes.writeBytes((key + "=" + value).getBytes(StandardCharsets.UTF_8));
      bytes.write(0);
    }
  }
}
