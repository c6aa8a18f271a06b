package io.berth.engine.container;

import io.berth.engine.container.config.ConfigCodec;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /containers/{id}/exec}, as the session keeps it (also on disk, in the API's shape). */
public record ExecConfig(List<String> cmd, List<String> env, String user, String workingDir, boolean privileged,
    boolean tty, boolean attachStdin, boolean attachStdout, boolean attachStderr, String detachKeys,
    List<Integer> consoleSize) {

  public ExecConfig {
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    env = env == null ? List.of() : List.copyOf(env);
    user = user == null ? "" : user;
    workingDir = workingDir == null ? "" : workingDir;
    detachKeys = detachKeys == null ? "" : detachKeys;
    consoleSize = consoleSize == null ? List.of() : consoleSize.stream().map(n -> n == null ? 0 : n).toList();
  }

  public static ExecConfig from(Map<String, Object> body) {
    return ConfigCodec.fromMap(body, ExecConfig.class);
  }

  public static ExecConfig decode(byte[] body) {
    return ConfigCodec.decode(body, ExecConfig.class);
  }

  /** The API's shape. */
  public Map<String, Object> toMap() {
    return ConfigCodec.toMap(this);
  }
}
