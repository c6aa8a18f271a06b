package io.berth.engine.container;

import io.berth.archive.TarEntry;
import io.berth.archive.TarWriter;
import io.berth.common.AtomicFiles;
import io.berth.engine.Engine;
import io.berth.engine.fake.FakeNetwork;
import io.berth.engine.fake.FakeRuntimes;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.CreateRequest;
import io.berth.runtime.ExecLauncher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * An engine on temporary directories with the vfs driver, fake runtimes and a fake network, holding one
 * small image {@code test:latest} (CMD sh). {@link #restart} opens a new engine on the same directories and
 * the same fakes, as a berthd restarted after a kill -9 finds what it left.
 */
final class EngineHarness implements AutoCloseable {
  final Path dir;
  final FakeRuntimes runtimes;
  final FakeNetwork network = new FakeNetwork();
  Engine engine;

  EngineHarness() throws IOException {
    dir = Files.createTempDirectory("berth-lifecycle-test");
    runtimes = new FakeRuntimes(dir.resolve("exec/c"));
    engine = open();
    engine.imageImporter().importTar(new ByteArrayInputStream(rootfs()), "test", "latest", null,
        List.of("CMD [\"sh\"]"), "-", null);
  }

  private Engine open() throws IOException {
    return Engine.open(new Engine.EngineConfig(dir.resolve("data"), dir.resolve("exec"), "vfs", "", "",
        java.util.Map.of(), ""), new Engine.Drivers(runtimes, () -> network, new ExecLauncher(dir.resolve("none"))));
  }

  /** A new engine on the same state, the old one dropped without a clean shutdown (as after kill -9). */
  Engine restart() throws IOException {
    engine = open();
    return engine;
  }

  Lifecycle lifecycle() {
    return engine.lifecycle();
  }

  /** Creates a container from a create body in the API's JSON. */
  Container create(String json) throws IOException {
    return engine.containers().create(null, ConfigCodec.decode(json.getBytes(StandardCharsets.UTF_8),
        CreateRequest.class));
  }

  Container get(String id) {
    return engine.containers().find(id);
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  private static byte[] rootfs() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarWriter tar = new TarWriter(bytes)) {
      Instant t = Instant.parse("2024-01-01T00:00:00Z");
      // owned by whoever runs the tests, so that unpacking needs no root
      int uid = io.berth.sys.Linux.geteuid();
      int gid = io.berth.sys.Linux.getegid();
      tar.writeHeader(TarEntry.of("etc/", TarEntry.Type.DIRECTORY, t).withOwner(uid, gid));
      byte[] passwd = "root:x:0:0:root:/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8);
      tar.writeHeader(TarEntry.of("etc/passwd", TarEntry.Type.FILE, t).withSize(passwd.length).withOwner(uid, gid));
      tar.write(passwd, 0, passwd.length);
      tar.finish();
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() throws IOException {
    engine.close();
    AtomicFiles.deleteTree(dir);
  }
}
