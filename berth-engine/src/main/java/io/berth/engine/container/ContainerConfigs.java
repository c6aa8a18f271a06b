package io.berth.engine.container;

import io.berth.engine.image.Image;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's merge of a create request with its image's config, and HostConfig defaults. */
final class ContainerConfigs {
  private static final List<String> CONFIG_FIELDS = List.of("Hostname", "Domainname", "User", "AttachStdin",
      "AttachStdout", "AttachStderr", "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Healthcheck",
      "ArgsEscaped", "Image", "Volumes", "WorkingDir", "Entrypoint", "NetworkDisabled", "MacAddress", "OnBuild",
      "Labels", "StopSignal", "StopTimeout", "Shell");

  private ContainerConfigs() {}

  /** The container's Config: the request's fields, with the image's filling what the user left out. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> request, Image image, String id) {
    Map<String, Object> user = new LinkedHashMap<>();
    for (String field : CONFIG_FIELDS) {
      if (request.containsKey(field)) {
        user.put(field, request.get(field));
      }
    }
    Map<String, Object> img = image.containerConfig();
    if (empty(user.get("User"))) {
      user.put("User", img.getOrDefault("User", ""));
    }
    Map<String, Object> ports = new LinkedHashMap<>();
    if (img.get("ExposedPorts") instanceof Map<?, ?> m) {
      ports.putAll((Map<String, Object>) m);
    }
    if (user.get("ExposedPorts") instanceof Map<?, ?> m) {
      ports.putAll((Map<String, Object>) m);
    }
    if (!ports.isEmpty()) {
      user.put("ExposedPorts", ports);
    }
    user.put("Env", mergeEnv(strings(user.get("Env")), strings(img.get("Env"))));
    Map<String, Object> labels = new LinkedHashMap<>();
    if (img.get("Labels") instanceof Map<?, ?> m) {
      labels.putAll((Map<String, Object>) m);
    }
    if (user.get("Labels") instanceof Map<?, ?> m) {
      labels.putAll((Map<String, Object>) m);
    }
    user.put("Labels", labels);
    List<String> entrypoint = strings(user.get("Entrypoint"));
    boolean entrypointReset = entrypoint.size() == 1 && entrypoint.getFirst().isEmpty(); // --entrypoint ""
    if (entrypointReset) {
      user.put("Entrypoint", null);
    } else if (entrypoint.isEmpty()) {
      if (strings(user.get("Cmd")).isEmpty()) {
        user.put("Cmd", img.get("Cmd"));
      }
      user.put("Entrypoint", img.get("Entrypoint"));
    }
    if (empty(user.get("WorkingDir"))) {
      user.put("WorkingDir", img.getOrDefault("WorkingDir", ""));
    }
    Map<String, Object> volumes = new LinkedHashMap<>();
    if (img.get("Volumes") instanceof Map<?, ?> m) {
      volumes.putAll((Map<String, Object>) m);
    }
    if (user.get("Volumes") instanceof Map<?, ?> m) {
      volumes.putAll((Map<String, Object>) m);
    }
    user.put("Volumes", volumes.isEmpty() ? null : volumes);
    if (empty(user.get("StopSignal")) && img.get("StopSignal") instanceof String s && !s.isEmpty()) {
      user.put("StopSignal", s);
    }
    if (empty(user.get("Hostname"))) {
      user.put("Hostname", id.substring(0, 12));
    }
    user.putIfAbsent("Domainname", "");
    for (String flag : List.of("AttachStdin", "AttachStdout", "AttachStderr", "Tty", "OpenStdin", "StdinOnce")) {
      user.putIfAbsent(flag, false);
    }
    user.putIfAbsent("Cmd", null);
    user.putIfAbsent("OnBuild", null);
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (String field : CONFIG_FIELDS) {
      if (user.containsKey(field)) {
        ordered.put(field, user.get(field));
      }
    }
    return ordered;
  }

  /** Docker's merge: the user's variables win by name; the image's others follow. */
  static List<String> mergeEnv(List<String> userEnv, List<String> imageEnv) {
    if (userEnv.isEmpty()) {
      return new ArrayList<>(imageEnv);
    }
    List<String> env = new ArrayList<>(userEnv);
    for (String imageVar : imageEnv) {
      String key = imageVar.split("=", 2)[0];
      if (userEnv.stream().noneMatch(u -> u.split("=", 2)[0].equals(key))) {
        env.add(imageVar);
      }
    }
    return env;
  }

  /** Entrypoint then Cmd: the process to run. */
  static List<String> command(Map<String, Object> config) {
    List<String> command = new ArrayList<>(strings(config.get("Entrypoint")));
    command.addAll(strings(config.get("Cmd")));
    return command;
  }

  /** Fills HostConfig with the defaults dockerd records, so inspect shows them. */
  static void normalizeHostConfig(Map<String, Object> hc) {
    String mode = hc.get("NetworkMode") instanceof String s ? s : "";
    if (mode.isEmpty() || mode.equals("default")) {
      hc.put("NetworkMode", "bridge");
    }
    if (!(hc.get("RestartPolicy") instanceof Map<?, ?> p) || p.get("Name") == null || "".equals(p.get("Name"))) {
      hc.put("RestartPolicy", new LinkedHashMap<>(Map.of("Name", "no", "MaximumRetryCount", 0)));
    }
    if (!(hc.get("ShmSize") instanceof Number n) || n.longValue() == 0) {
      hc.put("ShmSize", 67108864L);
    }
    Map<String, Object> logConfig = new LinkedHashMap<>();
    Object given = hc.get("LogConfig");
    Object type = given instanceof Map<?, ?> l ? l.get("Type") : null;
    Object options = given instanceof Map<?, ?> l ? l.get("Config") : null;
    logConfig.put("Type", type instanceof String t && !t.isEmpty() ? t : "json-file");
    logConfig.put("Config", options instanceof Map<?, ?> o ? o : Map.of());
    hc.put("LogConfig", logConfig);
    hc.putIfAbsent("AutoRemove", false);
    hc.putIfAbsent("Privileged", false);
    hc.putIfAbsent("ReadonlyRootfs", false);
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  private static boolean empty(Object o) {
    return o == null || (o instanceof String s && s.isEmpty());
  }
}
