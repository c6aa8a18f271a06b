package io.berth.engine.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /containers/{id}/exec}, as the session keeps it. */
public record ExecConfig(List<String> cmd, List<String> env, String user, String workingDir, boolean privileged,
    boolean tty, boolean attachStdin, boolean attachStdout, boolean attachStderr, String detachKeys,
    List<Integer> consoleSize) {

  public static ExecConfig from(Map<String, Object> body) {
    List<Integer> size = new ArrayList<>();
    if (body.get("ConsoleSize") instanceof List<?> l) {
      l.forEach(x -> size.add(x instanceof Number n ? n.intValue() : 0));
    }
    return new ExecConfig(ContainerConfigs.strings(body.get("Cmd")), ContainerConfigs.strings(body.get("Env")),
        Lifecycle.str(body.get("User")), Lifecycle.str(body.get("WorkingDir")), bool(body.get("Privileged")),
        bool(body.get("Tty")), bool(body.get("AttachStdin")), bool(body.get("AttachStdout")),
        bool(body.get("AttachStderr")), Lifecycle.str(body.get("DetachKeys")), size);
  }

  /** The API's shape (also how a session is recorded on disk). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("Cmd", cmd);
    m.put("Env", env);
    m.put("User", user);
    m.put("WorkingDir", workingDir);
    m.put("Privileged", privileged);
    m.put("Tty", tty);
    m.put("AttachStdin", attachStdin);
    m.put("AttachStdout", attachStdout);
    m.put("AttachStderr", attachStderr);
    m.put("DetachKeys", detachKeys);
    m.put("ConsoleSize", consoleSize);
    return m;
  }

  private static boolean bool(Object o) {
    return Boolean.TRUE.equals(o);
  }
}
