package io.berth.daemon.http;

import io.berth.common.OneTimeEvent;
import io.berth.daemon.Log;
import java.io.IOException;
import java.io.InputStream;

/** Watches for the client closing, once the request body has been read (see {@link ClientWatch}). */
final class ClientCloseWatch implements ClientWatch {
  private final InputStream in;
  private final RequestBody body;
  private final OneTimeEvent gone = new OneTimeEvent();
  private boolean armed;

  ClientCloseWatch(InputStream in, RequestBody body) {
    this.in = in;
    this.body = body;
  }

  synchronized boolean armed() {
    return armed;
  }

  @Override
  public void onClose(Runnable callback) {
    gone.whenHappened(callback);
    arm();
  }

  @Override
  public boolean closed() {
    arm();
    return gone.happened();
  }

  private void arm() {
    synchronized (this) {
      if (armed) {
        return;
      }
      armed = true;
    }
    body.onEnd(() -> Thread.ofVirtual().name("berth-client-watch").start(this::watch));
  }

  private void watch() {
    try {
      if (in.read() >= 0) {
        return; // the client sent more (pipelining): it is there; the connection closes after this exchange
      }
    } catch (IOException e) {
      // closed or reset: the client is gone
    }
    try {
      gone.fire();
    } catch (RuntimeException e) {
      Log.debug(e, "client close callback failed");
    }
  }
}
