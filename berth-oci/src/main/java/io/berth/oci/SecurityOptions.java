package io.berth.oci;

import io.berth.common.BerthException;
import io.berth.common.GoQuote;

import java.util.ArrayList;
import java.util.List;

/**
 * HostConfig.SecurityOpt as moby's parseSecurityOpt reads it. AppArmor and SELinux labels are kept for inspect
 * but berth applies neither.
 *
 * @param apparmorProfile empty when not given
 */
public record SecurityOptions(boolean noNewPrivileges, SeccompProfile seccomp, String apparmorProfile,
                List<String> labels) {
  public static final SecurityOptions DEFAULT =
      new SecurityOptions(false, new SeccompProfile.Default(), "", List.of());

  public SecurityOptions {
    labels = List.copyOf(labels);
  }

  public static SecurityOptions parse(List<String> securityOpt) {
    boolean noNewPrivileges = false;
    SeccompProfile seccomp = new SeccompProfile.Default();
    String apparmor = "";
    List<String> labels = new ArrayList<>();
    for (String opt : securityOpt) {
      if (opt.equals("no-new-privileges")) {
        noNewPrivileges = true;
        continue;
      }
      if (opt.equals("disable")) {
        labels.add("disable");
        continue;
      }
      int sep = opt.indexOf('=');
      if (sep < 0) {
        sep = opt.indexOf(':'); // the pre-17.04 separator, still accepted by moby
      }
      if (sep < 0) {
        throw new BerthException.InvalidParameter("invalid --security-opt 1: " + GoQuote.quote(opt));
      }
      String k = opt.substring(0, sep);
      String v = opt.substring(sep + 1);
      switch (k) {
        case "label" -> labels.add(v);
        case "apparmor" -> apparmor = v;
        case "seccomp" -> seccomp = switch (v) {
          case "unconfined" -> new SeccompProfile.Unconfined();
          case "", "builtin" -> new SeccompProfile.Default();
          default -> new SeccompProfile.Custom(v);
        };
        case "no-new-privileges" -> noNewPrivileges = switch (v) {
          case "1", "t", "T", "TRUE", "true", "True" -> true;
          case "0", "f", "F", "FALSE", "false", "False" -> false;
          default -> throw new BerthException.InvalidParameter(
              "invalid --security-opt 2: " + GoQuote.quote(opt));
        };
        default -> throw new BerthException.InvalidParameter("invalid --security-opt 2: " + GoQuote.quote(opt));
      }
    }
    return new SecurityOptions(noNewPrivileges, seccomp, apparmor, labels);
  }
}
