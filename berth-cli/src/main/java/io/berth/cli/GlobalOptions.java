package io.berth.cli;

/** The flags given before the command name, as Docker accepts them. */
public record GlobalOptions(String host, boolean debug, String logLevel, String config, String context) {
  public static final GlobalOptions NONE = new GlobalOptions(null, false, "info", null, null);
}
