package io.berth.oci;

import io.berth.common.BerthException;
import io.berth.common.GoQuote;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Docker's capability rules (moby oci/caps): the default set, {@code --cap-add}/{@code --cap-drop} with or
 * without the CAP_ prefix and the magic {@code ALL}, and {@code --privileged} = every capability the daemon has.
 */
public final class Capabilities {
  /** Every capability the kernel defines, by bit number (containerd's pkg/cap list up to Linux 5.9). */
  public static final List<String> KNOWN = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
      "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
      "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
      "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
      "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
      "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
      "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
      "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

  private static final String ALL = "ALL";

  private Capabilities() {
  }

  /** The names of the bits set in a capability mask (as /proc/self/status shows CapEff); unknown bits dropped. */
  public static List<String> fromBitmap(long bits) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < KNOWN.size(); i++) {
      if ((bits & (1L << i)) != 0) {
        names.add(KNOWN.get(i));
      }
    }
    return names;
  }

  /**
   * moby's NormalizeLegacyCapabilities: upper-case, add CAP_, keep ALL; unknown names and names the daemon
   * does not hold are refused with Docker's wording.
   */
  public static List<String> normalize(List<String> caps, List<String> available) {
    List<String> normalized = new ArrayList<>();
    for (String raw : caps) {
      String c = raw.toUpperCase(Locale.ROOT);
      if (c.equals(ALL)) {
        normalized.add(c);
        continue;
      }
      if (!c.startsWith("CAP_")) {
        c = "CAP_" + c;
      }
      if (!KNOWN.contains(c)) {
        throw new BerthException.InvalidParameter("unknown capability: " + GoQuote.quote(c));
      }
      if (!available.contains(c)) {
        throw new BerthException.InvalidParameter(
            "capability not supported by your kernel or not available in the current environment: "
                + GoQuote.quote(c));
      }
      normalized.add(c);
    }
    return normalized;
  }

  /**
   * moby's TweakCapabilities over the default set. Duplicates (adding a default capability) are dropped,
   * which moby does not bother to do; the runtime sees the same set.
   */
  public static List<String> effective(List<String> capAdd, List<String> capDrop, boolean privileged,
                     List<String> available) {
    if (privileged) {
      return List.copyOf(available);
    }
    if (capAdd.isEmpty() && capDrop.isEmpty()) {
      return DockerDefaults.CAPABILITIES;
    }
    List<String> drops = normalize(capDrop, available);
    List<String> adds = normalize(capAdd, available);
    Set<String> caps = new LinkedHashSet<>();
    if (adds.contains(ALL)) {
      for (String c : available) {
        if (!drops.contains(c)) {
          caps.add(c);
        }
      }
    } else if (drops.contains(ALL)) {
      caps.addAll(adds);
    } else {
      for (String c : DockerDefaults.CAPABILITIES) {
        if (!drops.contains(c)) {
          caps.add(c);
        }
      }
      caps.addAll(adds);
    }
    return List.copyOf(caps);
  }
}
