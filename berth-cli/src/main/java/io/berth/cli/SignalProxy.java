package io.berth.cli;

import io.berth.client.ContainerClient;
import sun.misc.Signal;

/**
 * {@code --sig-proxy}: signals the CLI receives are sent on to the container with
 * {@code POST /containers/{id}/kill?signal=NAME}, as the Docker CLI's ForwardAllSignals does.
 * Signals the JVM keeps for itself are skipped.
 */
final class SignalProxy {
  private static final String[] FORWARDED = {"INT", "TERM", "HUP", "QUIT", "USR1", "USR2", "ALRM"};

  private SignalProxy() {}

  static void forward(ContainerClient containers, String id) {
    for (String name : FORWARDED) {
      try {
        Signal.handle(new Signal(name), signal -> Thread.ofVirtual().start(() -> {
          try {
            containers.kill(id, signal.getName());
          } catch (RuntimeException e) {
            // Like Docker: a failed forward is only logged at debug level.
          }
        }));
      } catch (IllegalArgumentException e) {
        // The JVM reserves this signal here; it cannot be forwarded.
      }
    }
  }
}
