package io.berth.daemon.http;

import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test against a server of its own per test method, serving {@link #routes()} on a unix socket. */
abstract class ServerTestBase {
  @TempDir
  Path dir;
  @AutoClose
  ServerFixture fixture;

  /** The routes under test, built afresh for each test. */
  abstract Router routes();

  @BeforeEach
  void start() throws Exception {
    fixture = new ServerFixture(dir, routes());
  }
}
