package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.BerthException;
import io.berth.engine.container.config.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdatesTest {
  private static Resources current() {
    Resources.Builder b = new Resources.Builder();
    b.memory = 64 << 20;
    b.cpuShares = 512;
    b.cpusetCpus = "0";
    b.pidsLimit = 100L;
    b.ulimits = List.of(new Resources.Ulimit("nofile", 10, 20));
    return b.build();
  }

  @Test
  void setFieldsReplaceAndZeroOnesKeepTheCurrentValue() {
    Resources.Builder request = new Resources.Builder();
    request.memory = 128 << 20;
    request.cpusetCpus = "1";
    Resources.Builder expected = current().toBuilder();
    expected.memory = 128 << 20;
    expected.cpusetCpus = "1";
    assertEquals(expected.build(), Updates.merge(current(), request.build()));
  }

  @Test
  void pidsLimitReplacesWhenPresentEvenAtZero() {
    Resources.Builder request = new Resources.Builder();
    request.pidsLimit = 0L;
    Resources.Builder expected = current().toBuilder();
    expected.pidsLimit = 0L;
    assertEquals(expected.build(), Updates.merge(current(), request.build()));
    assertEquals(current(), Updates.merge(current(), Resources.none()));
  }

  @Test
  void aFieldUpdateDoesNotChangeIsRefused() {
    Resources.Builder request = new Resources.Builder();
    request.memory = 128 << 20;
    request.cpuCount = 2;
    var e = assertThrows(BerthException.InvalidParameter.class, () -> Updates.merge(current(), request.build()));
    assertEquals("berth does not support updating CpuCount yet", e.getMessage());
  }
}
