package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.BerthException;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.CreateRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** dockerd's create-time checks of a HostConfig, message by message (a 400 before anything exists). */
class HostConfigValidatorTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"Memory\":1024}|Minimum memory limit allowed is 6MB",
      "{\"MemorySwap\":10485760}|You should always set the Memory limit when using Memoryswap limit, see usage",
      "{\"Memory\":20971520,\"MemorySwap\":10485760}|Minimum memoryswap limit should be larger than memory limit, see usage",
      "{\"MemoryReservation\":1024}|Minimum memory reservation allowed is 6MB",
      "{\"Memory\":10485760,\"MemoryReservation\":20971520}|Minimum memory limit can not be less than memory reservation limit, see usage",
      "{\"NanoCpus\":1000000000,\"CpuPeriod\":100000}|Conflicting options: Nano CPUs and CPU Period cannot both be set",
      "{\"NanoCpus\":99000000000}|Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available",
      "{\"CpuPeriod\":10}|CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)",
      "{\"CpuQuota\":10}|CPU cfs quota can not be less than 1ms (i.e. 1000)",
      "{\"CpuShares\":-1}|invalid CPU shares (-1): value must be a positive integer",
      "{\"BlkioWeight\":5}|Range of blkio weight is from 10 to 1000",
      "{\"CpusetCpus\":\"7\"}|Requested CPUs are not available - requested 7, available: 0-1",
      "{\"CpusetCpus\":\"x\"}|Invalid value x for cpuset cpus",
      "{\"CpusetMems\":\"3\"}|Requested Memory nodes are not available - requested 3, available: 0",
      "{\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":2}}|invalid restart policy: maximum retry count can only be used with 'on-failure'",
      "{\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":-1}}|invalid restart policy: maximum retry count cannot be negative",
      "{\"RestartPolicy\":{\"Name\":\"always\"},\"AutoRemove\":true}|can't create 'AutoRemove' container with restart policy",
      "{\"RestartPolicy\":{\"Name\":\"sometimes\"}}|invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'",
      "{\"Isolation\":\"hyperv\"}|invalid isolation (hyperv): linux only supports 'default'",
      "{\"IOMaximumBandwidth\":5}|invalid option: QoS maximum bandwidth configuration is not supported on linux",
      "{\"IOMaximumIOps\":5}|invalid option: QoS maximum IOPs configuration is not supported on linux",
      "{\"OomScoreAdj\":1001}|Invalid value 1001, range for oom score adj is [-1000, 1000]",
      "{\"ShmSize\":-1}|SHM size can not be less than 0",
      "{\"NetworkMode\":\"host\",\"Links\":[\"a:b\"]}|conflicting options: host type networking can't be used with links. This would result in undefined behavior",
      "{\"LogConfig\":{\"Type\":\"nonexistent\"}}|logger: no log driver named 'nonexistent' is registered",
      "{\"LogConfig\":{\"Type\":\"syslog\"}}|berth does not support the syslog log driver: use json-file, local or none",
      "{\"LogConfig\":{\"Config\":{\"max-siz\":\"1m\"}}}|unknown log opt 'max-siz' for json-file log driver",
      "{\"LogConfig\":{\"Type\":\"local\",\"Config\":{\"tag\":\"x\"}}}|unknown log opt 'tag' for log driver local",
      "{\"LogConfig\":{\"Config\":{\"mode\":\"sometimes\"}}}|logger: logging mode not supported: sometimes",
      "{\"LogConfig\":{\"Config\":{\"max-buffer-size\":\"1m\"}}}|logger: max-buffer-size option is only supported with 'mode=non-blocking'",
      "{\"LogConfig\":{\"Config\":{\"max-file\":\"0\"}}}|max-file cannot be less than 1",
      "{\"LogConfig\":{\"Config\":{\"max-size\":\"0\"}}}|max-size must be a positive number",
      "{\"LogConfig\":{\"Config\":{\"max-size\":\"-1\"}}}|invalid size: '-1'",
  })
  void refusesAsDockerd(String hostConfig, String message) {
    var e = assertThrows(BerthException.InvalidParameter.class, () -> check("{}", hostConfig));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "{\"Memory\":67108864,\"MemorySwap\":-1,\"MemoryReservation\":33554432}",
      "{\"NanoCpus\":1500000000,\"CpuShares\":512,\"CpusetCpus\":\"0-1\",\"CpusetMems\":\"0\"}",
      "{\"CpuPeriod\":50000,\"CpuQuota\":25000,\"BlkioWeight\":300,\"PidsLimit\":-1}",
      "{\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}}",
      "{\"RestartPolicy\":{\"Name\":\"\"},\"AutoRemove\":true}",
      "{\"LogConfig\":{\"Type\":\"json-file\",\"Config\":{\"max-file\":\"3\"}}}",
      "{\"LogConfig\":{\"Type\":\"local\",\"Config\":{\"max-size\":\"10m\",\"max-file\":\"2\"}}}",
      "{\"LogConfig\":{\"Type\":\"none\",\"Config\":{\"anything\":\"goes\"}}}",
      "{\"Isolation\":\"default\",\"OomScoreAdj\":-500}",
  })
  void acceptsWhatDockerdAccepts(String hostConfig) {
    assertDoesNotThrow(() -> check("{}", hostConfig));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"ExtraHosts\":[\"nocolon\"]}|bad format for add-host: \"nocolon\"",
      "{\"ExtraHosts\":[\"db:999.1.1.1\"]}|invalid IP address in add-host: \"999.1.1.1\"",
      "{\"Dns\":[\"dns.example\"]}|dns.example is not an ip address",
  })
  void networkFilesAreCheckedAtCreate(String hostConfig, String message) {
    var request = decode("{}", hostConfig);
    var e = assertThrows(BerthException.InvalidParameter.class, () -> NetworkFiles.validate(request.hostConfig()));
    assertEquals(message, e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void hostnameConflictsWithTheHostsUts() {
    var e = assertThrows(BerthException.InvalidParameter.class, () -> check("{\"Hostname\":\"x\"}",
        "{\"UTSMode\":\"host\"}"));
    assertEquals("conflicting options: hostname and the UTS mode", e.getMessage());
  }

  private static void check(String config, String hostConfig) {
    CreateRequest r = decode(config, hostConfig);
    HostConfigValidator.check(r.config(), r.hostConfig(), 2);
  }

  private static CreateRequest decode(String config, String hostConfig) {
    String json = config.substring(0, config.length() - 1) + (config.equals("{}") ? "" : ",")
        + "\"HostConfig\":" + hostConfig + "}";
    return ConfigCodec.decode(json.getBytes(StandardCharsets.UTF_8), CreateRequest.class);
  }
}
