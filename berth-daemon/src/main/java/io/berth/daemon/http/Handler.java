package io.berth.daemon.http;

/** Answers one routed request. Throwing is fine: the server maps every exception in one place. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
