package io.berth.cli;

import io.berth.client.ApiVersion;
import io.berth.template.TabWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of {@code version} (Docker's versionInfo, with Go field names so templates such as
 * {@code {{.Server.APIVersion}}} work) and its default rendering.
 */
final class VersionView {
  private VersionView() {}

  static Map<String, Object> client(String apiVersion, String context) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("Version", Cli.VERSION);
    c.put("ApiVersion", apiVersion);
    c.put("APIVersion", apiVersion);
    c.put("DefaultAPIVersion", ApiVersion.DEFAULT);
    c.put("GitCommit", BuildInfo.commit());
    c.put("JavaVersion", System.getProperty("java.version"));
    c.put("GoVersion", System.getProperty("java.version"));
    c.put("Os", "linux");
    c.put("Arch", goArch(System.getProperty("os.arch")));
    c.put("BuildTime", GoTime.ansic(BuildInfo.time()));
    c.put("Context", context);
    return c;
  }

  static String goArch(String javaArch) {
    return io.berth.common.GoArch.of(javaArch);
  }

  /** /version as Docker's CLI shows it: an Engine component always present, dates reformatted. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> server(Map<String, Object> version) {
    Map<String, Object> s = new LinkedHashMap<>(version);
    s.put("APIVersion", version.get("ApiVersion"));
    List<Object> components = new ArrayList<>();
    boolean engine = false;
    if (version.get("Components") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          Map<String, Object> component = new LinkedHashMap<>((Map<String, Object>) m);
          if ("Engine".equals(component.get("Name"))) {
            engine = true;
            if (component.get("Details") instanceof Map<?, ?> d) {
              Map<String, Object> details = new LinkedHashMap<>((Map<String, Object>) d);
              if (details.get("BuildTime") instanceof String t) {
                details.put("BuildTime", GoTime.ansic(t));
              }
              component.put("Details", details);
            }
          }
          components.add(component);
        }
      }
    }
    if (!engine) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("ApiVersion", str(version.get("ApiVersion")));
      details.put("MinAPIVersion", str(version.get("MinAPIVersion")));
      details.put("GitCommit", str(version.get("GitCommit")));
      details.put("GoVersion", str(version.get("GoVersion")));
      details.put("Os", str(version.get("Os")));
      details.put("Arch", str(version.get("Arch")));
      details.put("BuildTime", GoTime.ansic(str(version.get("BuildTime"))));
      details.put("Experimental", String.valueOf(Boolean.TRUE.equals(version.get("Experimental"))));
      Map<String, Object> component = new LinkedHashMap<>();
      component.put("Name", "Engine");
      component.put("Version", str(version.get("Version")));
      component.put("Details", details);
      components.add(component);
    }
    s.put("Components", components);
    return s;
  }

  /** Docker's defaultVersionTemplate through tabwriter(20, 1, 1, ' '). */
  static String render(Map<String, Object> client, Map<String, Object> server) {
    StringBuilder t = new StringBuilder();
    t.append("Client:\n");
    t.append(" Version:\t").append(client.get("Version")).append('\n');
    t.append(" API version:\t").append(client.get("ApiVersion"));
    if (!client.get("ApiVersion").equals(client.get("DefaultAPIVersion"))) {
      t.append(" (downgraded from ").append(client.get("DefaultAPIVersion")).append(')');
    }
    t.append('\n');
    t.append(" Java version:\t").append(client.get("JavaVersion")).append('\n');
    t.append(" Git commit:\t").append(client.get("GitCommit")).append('\n');
    t.append(" Built:\t").append(client.get("BuildTime")).append('\n');
    t.append(" OS/Arch:\t").append(client.get("Os")).append('/').append(client.get("Arch")).append('\n');
    t.append(" Context:\t").append(client.get("Context"));
    if (server != null) {
      t.append("\n\nServer:");
      if (server.get("Platform") instanceof Map<?, ?> p && p.get("Name") instanceof String name && !name.isEmpty()) {
        t.append(' ').append(name);
      }
      for (Object o : (List<?>) server.get("Components")) {
        Map<?, ?> c = (Map<?, ?>) o;
        Map<?, ?> d = c.get("Details") instanceof Map<?, ?> m ? m : Map.of();
        t.append("\n ").append(c.get("Name")).append(':');
        if ("Engine".equals(c.get("Name"))) {
          t.append("\n  Version:\t").append(str(c.get("Version")));
          t.append("\n  API version:\t").append(str(d.get("ApiVersion")))
              .append(" (minimum version ").append(str(d.get("MinAPIVersion"))).append(')');
          t.append("\n  Go version:\t").append(str(d.get("GoVersion")));
          t.append("\n  Git commit:\t").append(str(d.get("GitCommit")));
          t.append("\n  Built:\t").append(str(d.get("BuildTime")));
          t.append("\n  OS/Arch:\t").append(str(d.get("Os"))).append('/').append(str(d.get("Arch")));
          t.append("\n  Experimental:\t").append(str(d.get("Experimental")));
        } else {
          t.append("\n  Version:\t").append(str(c.get("Version")));
          for (Map.Entry<?, ?> e : new TreeMap<>(d).entrySet()) {
            t.append("\n  ").append(e.getKey()).append(":\t").append(str(e.getValue()));
          }
        }
      }
    }
    t.append('\n');
    TabWriter tw = new TabWriter(20, 1, 1, ' ', 0);
    tw.write(t.toString());
    return tw.flush();
  }

  static String str(Object o) {
    return o == null ? "" : o.toString();
  }
}
