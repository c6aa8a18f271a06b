package io.berth.oci;

import io.berth.common.BerthException;
import io.berth.common.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a seccomp profile in Docker's format (archMap, includes/excludes by caps, arches and minKernel) to
 * the OCI {@code linux.seccomp} section for this host and the container's bounding capabilities, as moby's
 * profiles/seccomp setupSeccomp does.
 */
public final class Seccomp {
  /** libseccomp's native arch name → SCMP_ARCH (moby's nativeToSeccomp). */
  private static final Map<String, String> NATIVE_TO_SECCOMP = Map.ofEntries(
      Map.entry("x86", "SCMP_ARCH_X86"), Map.entry("amd64", "SCMP_ARCH_X86_64"),
      Map.entry("arm", "SCMP_ARCH_ARM"), Map.entry("arm64", "SCMP_ARCH_AARCH64"),
      Map.entry("mips64", "SCMP_ARCH_MIPS64"), Map.entry("mips64n32", "SCMP_ARCH_MIPS64N32"),
      Map.entry("mipsel64", "SCMP_ARCH_MIPSEL64"), Map.entry("mips3l64n32", "SCMP_ARCH_MIPSEL64N32"),
      Map.entry("mipsle", "SCMP_ARCH_MIPSEL"), Map.entry("ppc", "SCMP_ARCH_PPC"),
      Map.entry("ppc64", "SCMP_ARCH_PPC64"), Map.entry("ppc64le", "SCMP_ARCH_PPC64LE"),
      Map.entry("riscv64", "SCMP_ARCH_RISCV64"), Map.entry("s390", "SCMP_ARCH_S390"),
      Map.entry("s390x", "SCMP_ARCH_S390X"));

  /** GOARCH → libseccomp's native name (moby's goToNative). */
  private static final Map<String, String> GO_TO_NATIVE = Map.ofEntries(
      Map.entry("386", "x86"), Map.entry("amd64", "amd64"), Map.entry("arm", "arm"),
      Map.entry("arm64", "arm64"), Map.entry("mips64", "mips64"), Map.entry("mips64p32", "mips64n32"),
      Map.entry("mips64le", "mipsel64"), Map.entry("mips64p32le", "mips3l64n32"),
      Map.entry("mipsle", "mipsel"), Map.entry("ppc", "ppc"), Map.entry("ppc64", "ppc64"),
      Map.entry("ppc64le", "ppc64le"), Map.entry("riscv64", "riscv64"), Map.entry("s390", "s390"),
      Map.entry("s390x", "s390x"));

  private static volatile Map<String, Object> defaultProfile;

  private Seccomp() {
  }

  /** Docker's default profile in Docker's format, parsed once and shared: read it, do not modify it. */
  public static Map<String, Object> defaultProfile() {
    Map<String, Object> p = defaultProfile;
    if (p == null) {
      try (InputStream in = Seccomp.class.getResourceAsStream("seccomp-default.json")) {
        if (in == null) {
          throw new IllegalStateException("seccomp-default.json missing from berth-oci");
        }
        p = Json.object(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      defaultProfile = p;
    }
    return p;
  }

  /**
   * The OCI section for a profile choice, or null for none ({@code seccomp=unconfined}, or
   * {@code --privileged}, which moby never filters).
   */
  public static Map<String, Object> forContainer(SeccompProfile profile, boolean privileged,
                           List<String> boundingCaps, Host host) {
    if (privileged) {
      return null;
    }
    return switch (profile) {
      case SeccompProfile.Unconfined u -> null;
      case SeccompProfile.Default d -> convert(defaultProfile(), boundingCaps, host);
      case SeccompProfile.Custom c -> {
        Map<String, Object> parsed;
        try {
          parsed = Json.object(c.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new BerthException.InvalidParameter("Decoding seccomp profile failed: " + e.getMessage());
        }
        yield convert(parsed, boundingCaps, host);
      }
    };
  }

  /** moby's setupSeccomp. Returns null when the profile has neither a default action nor syscalls. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> convert(Map<String, Object> profile, List<String> boundingCaps, Host host) {
    String defaultAction = (String) profile.getOrDefault("defaultAction", "");
    List<Map<String, Object>> syscalls = (List<Map<String, Object>>) profile.getOrDefault("syscalls", List.of());
    if (syscalls == null) {
      syscalls = List.of();
    }
    if (defaultAction.isEmpty() && syscalls.isEmpty()) {
      return null;
    }
    List<String> architectures = strings(profile.get("architectures"));
    List<Map<String, Object>> archMap = (List<Map<String, Object>>) profile.get("archMap");
    if (!architectures.isEmpty() && archMap != null && !archMap.isEmpty()) {
      throw new BerthException.InvalidParameter("'architectures' and 'archMap' were specified in the seccomp "
          + "profile, use either 'architectures' or 'archMap'");
    }
    String arch = GO_TO_NATIVE.getOrDefault(host.goArch(), host.goArch());
    List<String> archs = new ArrayList<>(architectures);
    String seccompArch = NATIVE_TO_SECCOMP.get(arch);
    if (archMap != null && seccompArch != null) {
      for (Map<String, Object> a : archMap) {
        if (seccompArch.equals(a.get("architecture"))) {
          archs.add(seccompArch);
          archs.addAll(strings(a.get("subArchitectures")));
          break;
        }
      }
    }

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("defaultAction", defaultAction);
    if (profile.get("defaultErrnoRet") != null) {
      out.put("defaultErrnoRet", profile.get("defaultErrnoRet"));
    }
    if (!archs.isEmpty()) {
      out.put("architectures", archs);
    }
    for (String key : List.of("flags", "listenerPath", "listenerMetadata")) {
      Object v = profile.get(key);
      if (v != null && !(v instanceof String s && s.isEmpty()) && !(v instanceof List<?> l && l.isEmpty())) {
        out.put(key, v);
      }
    }
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> call : syscalls) {
      if (applies(call, arch, boundingCaps, host.kernel())) {
        rules.add(rule(call));
      }
    }
    out.put("syscalls", rules);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static boolean applies(Map<String, Object> call, String arch, List<String> caps, KernelVersion kernel) {
    Map<String, Object> excludes = (Map<String, Object>) call.get("excludes");
    if (excludes != null) {
      if (strings(excludes.get("arches")).contains(arch)) {
        return false;
      }
      for (String c : strings(excludes.get("caps"))) {
        if (caps.contains(c)) {
          return false;
        }
      }
      String minKernel = (String) excludes.get("minKernel");
      if (minKernel != null && !minKernel.isEmpty() && kernel.compareTo(KernelVersion.parse(minKernel)) >= 0) {
        return false;
      }
    }
    Map<String, Object> includes = (Map<String, Object>) call.get("includes");
    if (includes != null) {
      List<String> arches = strings(includes.get("arches"));
      if (!arches.isEmpty() && !arches.contains(arch)) {
        return false;
      }
      for (String c : strings(includes.get("caps"))) {
        if (!caps.contains(c)) {
          return false;
        }
      }
      String minKernel = (String) includes.get("minKernel");
      if (minKernel != null && !minKernel.isEmpty() && kernel.compareTo(KernelVersion.parse(minKernel)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The OCI LinuxSyscall: names, action, errnoRet, args; Docker's comment/includes/excludes dropped. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> rule(Map<String, Object> call) {
    String name = (String) call.get("name");
    List<String> names = new ArrayList<>(strings(call.get("names")));
    if (name != null && !name.isEmpty()) {
      if (!names.isEmpty()) {
        throw new BerthException.InvalidParameter("'name' and 'names' were specified in the seccomp profile, "
            + "use either 'name' or 'names'");
      }
      names.add(name);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("names", names);
    r.put("action", call.get("action"));
    if (call.get("errnoRet") != null) {
      r.put("errnoRet", call.get("errnoRet"));
    }
    List<Map<String, Object>> args = (List<Map<String, Object>>) call.get("args");
    if (args != null && !args.isEmpty()) {
      List<Map<String, Object>> outArgs = new ArrayList<>();
      for (Map<String, Object> a : args) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("index", a.get("index"));
        o.put("value", a.get("value"));
        Object two = a.get("valueTwo");
        if (two != null && !(two instanceof Number n && n.longValue() == 0)) {
          o.put("valueTwo", two);
        }
        o.put("op", a.get("op"));
        outArgs.add(o);
      }
      r.put("args", outArgs);
    }
    return r;
  }

  private static List<String> strings(Object v) {
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        out.add(String.valueOf(o));
      }
      return out;
    }
    return List.of();
  }
}
