package io.berth.dockerfile.instructions;

import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.text.GoDuration;
import io.berth.dockerfile.text.GoText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code HEALTHCHECK [--interval --timeout --start-period --start-interval --retries] CMD ...|NONE}. */
final class HealthcheckParser {
  private HealthcheckParser() {}

  static Healthcheck parse(InstructionParser.Request req) {
    req.atLeastOne("HEALTHCHECK");
    String type = req.args.getFirst().toUpperCase(Locale.ROOT);
    List<String> args = req.args.subList(1, req.args.size());
    if (type.equals("NONE")) {
      if (!args.isEmpty()) {
        throw new DockerfileException("HEALTHCHECK NONE takes no arguments");
      }
      // like BuildKit, flags given with NONE are not checked
      return new Healthcheck(req.source(), new HealthConfig(List.of("NONE"), Duration.ZERO, Duration.ZERO,
          Duration.ZERO, Duration.ZERO, 0));
    }
    BFlags.Flag interval = req.flags.addString("interval", "");
    BFlags.Flag timeout = req.flags.addString("timeout", "");
    BFlags.Flag startPeriod = req.flags.addString("start-period", "");
    BFlags.Flag startInterval = req.flags.addString("start-interval", "");
    BFlags.Flag retries = req.flags.addString("retries", "");
    req.parseFlags();
    if (!type.equals("CMD")) {
      throw new DockerfileException("Unknown type " + GoText.quote(type) + " in HEALTHCHECK (try CMD)");
    }
    List<String> cmd = InstructionParser.jsonArgs(args, req.node.json());
    if (cmd.isEmpty()) {
      throw new DockerfileException("Missing command after HEALTHCHECK CMD");
    }
    List<String> test = new ArrayList<>();
    test.add(req.node.json() ? "CMD" : "CMD-SHELL");
    test.addAll(cmd);
    return new Healthcheck(req.source(), new HealthConfig(test, interval(interval), interval(timeout),
        interval(startPeriod), interval(startInterval), retries(retries.value)));
  }

  /** parseOptInterval: empty or zero is 0 (inherit); anything else at least 1ms. */
  static Duration interval(BFlags.Flag flag) {
    if (flag.value.isEmpty()) {
      return Duration.ZERO;
    }
    Duration d;
    try {
      d = GoDuration.parse(flag.value);
    } catch (GoDuration.InvalidDuration e) {
      throw new DockerfileException(e.getMessage());
    }
    if (d.isZero()) {
      return Duration.ZERO;
    }
    if (d.compareTo(Duration.ofMillis(1)) < 0) {
      throw new DockerfileException("Interval " + GoText.quote(flag.name) + " cannot be less than 1ms");
    }
    return d;
  }

  private static int retries(String value) {
    if (value.isEmpty()) {
      return 0;
    }
    if (!value.matches("[+-]?[0-9]+")) {
      throw new DockerfileException("strconv.ParseInt: parsing " + GoText.quote(value) + ": invalid syntax");
    }
    long retries;
    try {
      retries = Long.parseLong(value);
    } catch (NumberFormatException e) {
      retries = Long.MAX_VALUE;
    }
    if (retries < Integer.MIN_VALUE || retries > Integer.MAX_VALUE) {
      throw new DockerfileException("strconv.ParseInt: parsing " + GoText.quote(value) + ": value out of range");
    }
    if (retries < 0) {
      throw new DockerfileException("--retries cannot be negative (" + retries + ")");
    }
    return (int) retries;
  }
}
