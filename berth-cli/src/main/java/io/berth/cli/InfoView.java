package io.berth.cli;

import io.berth.common.Units;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Docker's prettyPrintInfo: the Client and Server sections of {@code info}. */
record InfoView(PrintStream out, PrintStream err) {
  void client(String context, boolean debug) {
    out.println("Client:");
    out.println(" Version:    " + Cli.VERSION);
    out.println(" Context:    " + context);
    out.println(" Debug Mode: " + debug);
    out.println();
    out.println("Server:");
  }

  void server(Map<String, Object> info, boolean clientDebug) {
    line(" Containers:", info.get("Containers"));
    line("  Running:", info.get("ContainersRunning"));
    line("  Paused:", info.get("ContainersPaused"));
    line("  Stopped:", info.get("ContainersStopped"));
    line(" Images:", info.get("Images"));
    nonEmpty(" Server Version:", info.get("ServerVersion"));
    nonEmpty(" Storage Driver:", info.get("Driver"));
    for (List<?> pair : pairs(info.get("DriverStatus"))) {
      out.println("  " + pair.get(0) + ": " + pair.get(1));
    }
    for (List<?> pair : pairs(info.get("SystemStatus"))) {
      out.println(" " + pair.get(0) + ": " + pair.get(1));
    }
    nonEmpty(" Logging Driver:", info.get("LoggingDriver"));
    nonEmpty(" Cgroup Driver:", info.get("CgroupDriver"));
    nonEmpty(" Cgroup Version:", info.get("CgroupVersion"));
    Map<?, ?> plugins = map(info.get("Plugins"));
    out.println(" Plugins:");
    line("  Volume:", join(plugins.get("Volume")));
    line("  Network:", join(plugins.get("Network")));
    if (!join(plugins.get("Authorization")).isEmpty()) {
      line("  Authorization:", join(plugins.get("Authorization")));
    }
    line("  Log:", join(plugins.get("Log")));
    if (info.get("CDISpecDirs") instanceof List<?> dirs && !dirs.isEmpty()) {
      out.println(" CDI spec directories:");
      dirs.forEach(d -> out.println("  " + d));
    }
    Map<?, ?> swarm = map(info.get("Swarm"));
    line(" Swarm:", str(swarm.get("LocalNodeState")));
    String state = str(swarm.get("LocalNodeState"));
    if (!state.equals("inactive") && !state.equals("locked")) {
      line("  NodeID:", str(swarm.get("NodeID")));
      line("  Is Manager:", swarm.get("ControlAvailable"));
      line("  Node Address:", str(swarm.get("NodeAddr")));
    }
    Map<?, ?> runtimes = map(info.get("Runtimes"));
    if (!runtimes.isEmpty()) {
      line(" Runtimes:", String.join(" ", runtimes.keySet().stream().map(String::valueOf).toList()));
      line(" Default Runtime:", str(info.get("DefaultRuntime")));
    }
    if ("linux".equals(info.get("OSType"))) {
      line(" Init Binary:", str(info.get("InitBinary")));
      line(" containerd version:", str(map(info.get("ContainerdCommit")).get("ID")));
      line(" runc version:", str(map(info.get("RuncCommit")).get("ID")));
      line(" init version:", str(map(info.get("InitCommit")).get("ID")));
      if (info.get("SecurityOptions") instanceof List<?> options && !options.isEmpty()) {
        out.println(" Security Options:");
        for (Object o : options) {
          String option = String.valueOf(o);
          if (!option.startsWith("name=")) {
            out.println("  " + option);
            continue;
          }
          String[] kvs = option.split(",");
          out.println("  " + kvs[0].substring("name=".length()));
          for (int i = 1; i < kvs.length; i++) {
            if (kvs[i].startsWith("profile=")) {
              line("   Profile:", kvs[i].substring("profile=".length()));
            }
          }
        }
      }
    }
    if ("windows".equals(info.get("OSType"))) {
      line(" Default Isolation:", str(info.get("Isolation")));
    }
    nonEmpty(" Kernel Version:", info.get("KernelVersion"));
    nonEmpty(" Operating System:", info.get("OperatingSystem"));
    nonEmpty(" OSType:", info.get("OSType"));
    nonEmpty(" Architecture:", info.get("Architecture"));
    line(" CPUs:", info.get("NCPU"));
    line(" Total Memory:", Units.bytesSize(ImageRows.number(info.get("MemTotal"))));
    nonEmpty(" Name:", info.get("Name"));
    nonEmpty(" ID:", info.get("ID"));
    line(" Docker Root Dir:", str(info.get("DockerRootDir")));
    line(" Debug Mode:", Boolean.TRUE.equals(info.get("Debug")));
    if (Boolean.TRUE.equals(info.get("Debug")) || clientDebug) {
      line("  File Descriptors:", info.get("NFd"));
      line("  Goroutines:", info.get("NGoroutines"));
      line("  System Time:", str(info.get("SystemTime")));
      line("  EventsListeners:", info.get("NEventsListener"));
    }
    nonEmpty(" HTTP Proxy:", info.get("HttpProxy"));
    nonEmpty(" HTTPS Proxy:", info.get("HttpsProxy"));
    nonEmpty(" No Proxy:", info.get("NoProxy"));
    if (info.get("Labels") instanceof List<?> labels && !labels.isEmpty()) {
      out.println(" Labels:");
      labels.forEach(l -> out.println("  " + l));
    }
    line(" Experimental:", Boolean.TRUE.equals(info.get("ExperimentalBuild")));
    Map<?, ?> registry = map(info.get("RegistryConfig"));
    List<?> cidrs = registry.get("InsecureRegistryCIDRs") instanceof List<?> l ? l : List.of();
    Map<?, ?> indexes = map(registry.get("IndexConfigs"));
    if (!cidrs.isEmpty() || !indexes.isEmpty()) {
      out.println(" Insecure Registries:");
      for (Object index : indexes.values()) {
        if (index instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("Secure"))) {
          out.println("  " + m.get("Name"));
        }
      }
      cidrs.forEach(c -> out.println("  " + c));
    }
    if (registry.get("Mirrors") instanceof List<?> mirrors && !mirrors.isEmpty()) {
      out.println(" Registry Mirrors:");
      mirrors.forEach(m -> out.println("  " + m));
    }
    line(" Live Restore Enabled:", Boolean.TRUE.equals(info.get("LiveRestoreEnabled")));
    if (info.get("ProductLicense") instanceof String license && !license.isEmpty()) {
      line(" Product License:", license);
    }
    if (info.get("DefaultAddressPools") instanceof List<?> pools && !pools.isEmpty()) {
      out.println(" Default Address Pools:");
      for (Object p : pools) {
        Map<?, ?> pool = map(p);
        out.println("   Base: " + pool.get("Base") + ", Size: " + pool.get("Size"));
      }
    }
    out.println();
    if (info.get("Warnings") instanceof List<?> warnings) {
      out.flush();
      warnings.forEach(err::println);
    }
  }

  private void line(String label, Object value) {
    out.println(label + " " + str(value));
  }

  private void nonEmpty(String label, Object value) {
    if (value != null && !str(value).isEmpty()) {
      line(label, value);
    }
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  private static String join(Object list) {
    return list instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : "";
  }

  private static Map<?, ?> map(Object o) {
    return o instanceof Map<?, ?> m ? m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<List<?>> pairs(Object o) {
    return o instanceof List<?> l ? (List<List<?>>) l : List.of();
  }
}
