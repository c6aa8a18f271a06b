package io.berth.engine;

import java.util.function.Supplier;

/** A value made on first use, once, for parts of the engine a daemon may never need. */
public final class Lazy<T> implements Supplier<T> {
  /** Makes the value; may throw, and is then tried again on the next use. */
  @FunctionalInterface
  public interface Maker<T> {
    T make() throws Exception;
  }

  private final Maker<T> maker;
  private volatile T value;
  private volatile boolean made;

  public Lazy(Maker<T> maker) {
    this.maker = maker;
  }

  @Override
  public T get() {
    if (!made) {
      synchronized (this) {
        if (!made) {
          try {
            value = maker.make();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
          made = true;
        }
      }
    }
    return value;
  }
}
