package io.berth.template;

import java.util.List;

/**
 * A value that behaves like a Go method when a template reaches it through a field: {@code .Label "key"} calls it
 * with {@code ["key"]}, a bare {@code .Size} calls it with no arguments, and a piped value is passed last.
 * Throw {@link IllegalArgumentException} to report a bad call; the message is wrapped as Go wraps method errors
 * ({@code error calling Label: ...}).
 */
@FunctionalInterface
public interface TemplateMethod {
  Object call(List<Object> args);
}
