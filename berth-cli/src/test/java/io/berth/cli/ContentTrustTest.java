package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentTrustTest {
  private static Flag parsed(String... args) {
    FlagSet flags = new FlagSet();
    Flag disable = ContentTrust.flag(flags);
    flags.parse(List.of(args));
    return disable;
  }

  @Test
  void verificationIsAskedAsTheDockerCliReadsIt() {
    assertFalse(ContentTrust.asked(parsed(), Map.of()));
    for (String on : List.of("1", "true", "yes", "anything")) { // ParseBool fails on the last two: trust is on
      assertTrue(ContentTrust.asked(parsed(), Map.of("DOCKER_CONTENT_TRUST", on)), on);
    }
    for (String off : List.of("", "0", "false", "F")) {
      assertFalse(ContentTrust.asked(parsed(), Map.of("DOCKER_CONTENT_TRUST", off)), off);
    }
    assertTrue(ContentTrust.asked(parsed("--disable-content-trust=false"), Map.of()));
    assertFalse(ContentTrust.asked(parsed("--disable-content-trust"), Map.of("DOCKER_CONTENT_TRUST", "1")));
  }

  @Test
  void askingIsRefusedNeverSkipped() {
    CliError e = assertThrows(CliError.class,
        () -> ContentTrust.refuseVerification(parsed(), Map.of("DOCKER_CONTENT_TRUST", "1"), 125));
    assertEquals(125, e.status());
    assertTrue(e.getMessage().startsWith("berth does not verify image signatures"), e.getMessage());
  }
}
