package io.berth.oci;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SuppressWarnings("unchecked")
class SeccompTest {
  private static Map<String, Object> convert(List<String> caps, Host host) {
    return Seccomp.forContainer(new SeccompProfile.Default(), false, caps, host);
  }

  private static List<String> allowed(Map<String, Object> seccomp) {
    List<String> names = new ArrayList<>();
    for (Map<String, Object> rule : (List<Map<String, Object>>) seccomp.get("syscalls")) {
      if (rule.get("action").equals("SCMP_ACT_ALLOW") && rule.get("args") == null) {
        names.addAll((List<String>) rule.get("names"));
      }
    }
    return names;
  }

  private static Map<String, Object> ruleFor(Map<String, Object> seccomp, String name, String action) {
    for (Map<String, Object> rule : (List<Map<String, Object>>) seccomp.get("syscalls")) {
      if (rule.get("action").equals(action) && ((List<String>) rule.get("names")).contains(name)) {
        return rule;
      }
    }
    return null;
  }

  @Test
  void defaultProfileWithDefaultCaps() {
    Map<String, Object> s = convert(DockerDefaults.CAPABILITIES, TestHosts.amd64());
    assertEquals("SCMP_ACT_ERRNO", s.get("defaultAction"));
    assertEquals(1, s.get("defaultErrnoRet"));
    assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), s.get("architectures"));
    List<String> allowed = allowed(s);
    assertTrue(allowed.contains("read"));
    assertTrue(allowed.contains("arch_prctl"), "amd64-only syscall");
    assertTrue(allowed.contains("chroot"), "CAP_SYS_CHROOT is a default cap");
    assertTrue(allowed.contains("ptrace"), "minKernel 4.8 on a 6.1 kernel");
    assertFalse(allowed.contains("mount"), "needs CAP_SYS_ADMIN");
    assertFalse(allowed.contains("reboot"), "needs CAP_SYS_BOOT");
    assertFalse(allowed.contains("s390_runtime_instr"));
    assertFalse(allowed.contains("riscv_flush_icache"));
    // clone3 gets ENOSYS so glibc falls back to clone, whose namespace flags are masked
    Map<String, Object> clone3 = ruleFor(s, "clone3", "SCMP_ACT_ERRNO");
    assertEquals(38, clone3.get("errnoRet"));
    Map<String, Object> clone = ruleFor(s, "clone", "SCMP_ACT_ALLOW");
    assertEquals(List.of(Map.of("index", 0, "value", 2114060288, "op", "SCMP_CMP_MASKED_EQ")), clone.get("args"));
    // Docker-only fields are gone
    for (Map<String, Object> rule : (List<Map<String, Object>>) s.get("syscalls")) {
      assertFalse(rule.containsKey("includes") || rule.containsKey("excludes") || rule.containsKey("comment"));
    }
  }

  @Test
  void capabilitiesOpenSyscalls() {
    List<String> caps = new ArrayList<>(DockerDefaults.CAPABILITIES);
    caps.addAll(List.of("CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_PTRACE"));
    caps.remove("CAP_SYS_CHROOT");
    Map<String, Object> s = convert(caps, TestHosts.amd64());
    List<String> allowed = allowed(s);
    assertTrue(allowed.contains("mount"));
    assertTrue(allowed.contains("clone3"));
    assertTrue(allowed.contains("reboot"));
    assertTrue(allowed.contains("kcmp"));
    assertFalse(allowed.contains("chroot"));
    assertNull(ruleFor(s, "clone3", "SCMP_ACT_ERRNO"), "excluded with CAP_SYS_ADMIN");
    assertTrue(allowed.contains("clone"));
    assertTrue(((List<Map<String, Object>>) s.get("syscalls")).stream()
        .noneMatch(r -> ((List<String>) r.get("names")).contains("clone") && r.get("args") != null),
        "the masked clone rule is excluded with CAP_SYS_ADMIN");
  }

  @Test
  void oldKernelAndOtherArch() {
    Map<String, Object> old = convert(DockerDefaults.CAPABILITIES,
        TestHosts.withArchAndKernel("amd64", new KernelVersion(4, 4, 0)));
    assertFalse(allowed(old).contains("ptrace"));

    Map<String, Object> arm = convert(DockerDefaults.CAPABILITIES,
        TestHosts.withArchAndKernel("arm64", new KernelVersion(6, 1, 0)));
    assertEquals(List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"), arm.get("architectures"));
    assertFalse(allowed(arm).contains("arch_prctl"));
    assertTrue(allowed(arm).contains("cacheflush"));
  }

  @Test
  void privilegedAndUnconfinedHaveNone() {
    assertNull(Seccomp.forContainer(new SeccompProfile.Default(), true, DockerDefaults.CAPABILITIES,
        TestHosts.amd64()));
    assertNull(Seccomp.forContainer(new SeccompProfile.Unconfined(), false, DockerDefaults.CAPABILITIES,
        TestHosts.amd64()));
  }

  @Test
  void kernelVersionParsing() {
    assertEquals(new KernelVersion(6, 18, 44), KernelVersion.parse("6.18.44-fc-v657"));
    assertEquals(new KernelVersion(4, 8, 0), KernelVersion.parse("4.8"));
    assertTrue(KernelVersion.parse("5.10.0-21-amd64").compareTo(KernelVersion.parse("4.8")) > 0);
  }
}
