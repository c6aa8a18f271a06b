package io.berth.engine;

/** berth's version, reported by /version, /info and in the configs berth writes. */
public final class Version {
  public static final String VERSION = "0.1.0";

  private Version() {}
}
