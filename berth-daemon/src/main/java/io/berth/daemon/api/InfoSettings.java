package io.berth.daemon.api;

import java.util.List;
import java.util.Map;

/** The daemon's configuration as {@code /info} reports it. */
public record InfoSettings(boolean debug, List<String> labels, boolean liveRestore,
    Map<String, String> runtimes, java.util.function.Supplier<String> defaultRuntime, String loggingDriver,
    String cgroupDriver) {}
