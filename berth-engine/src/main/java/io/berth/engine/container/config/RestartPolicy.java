package io.berth.engine.container.config;

/** HostConfig.RestartPolicy: {@code name} is "", no, always, unless-stopped or on-failure. */
public record RestartPolicy(String name, int maximumRetryCount) {
  public static final RestartPolicy NO = new RestartPolicy("no", 0);

  public RestartPolicy {
    name = name == null ? "" : name;
  }

  /** The policy's name as it acts: "" means no. */
  public String effectiveName() {
    return name.isEmpty() ? "no" : name;
  }
}
