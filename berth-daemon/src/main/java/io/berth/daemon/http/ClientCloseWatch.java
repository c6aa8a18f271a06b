package io.berth.daemon.http;

import io.berth.daemon.Log;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Watches for the client closing, once the request body has been read (see {@link ClientWatch}). */
final class ClientCloseWatch implements ClientWatch {
  private final InputStream in;
  private final RequestBody body;
  private final List<Runnable> callbacks = new ArrayList<>();
  private boolean armed;
  private boolean gone;

  ClientCloseWatch(InputStream in, RequestBody body) {
    this.in = in;
    this.body = body;
  }

  synchronized boolean armed() {
    return armed;
  }

  @Override
  public void onClose(Runnable callback) {
    boolean runNow;
    synchronized (this) {
      runNow = gone;
      if (!gone) {
        callbacks.add(callback);
      }
    }
    if (runNow) {
      callback.run();
    }
    arm();
  }

  @Override
  public boolean closed() {
    arm();
    synchronized (this) {
      return gone;
    }
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
    List<Runnable> toRun;
    synchronized (this) {
      gone = true;
      toRun = List.copyOf(callbacks);
      callbacks.clear();
    }
    for (Runnable callback : toRun) {
      try {
        callback.run();
      } catch (RuntimeException e) {
        Log.debug(e, "client close callback failed");
      }
    }
  }
}
