package io.berth.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogReaderTest {
  private static final String LOG = """
          2026-11-23T18:00:00.000000001+00:00 stdout F one
          2026-11-23T18:00:01.000000000+01:00 stderr F two
          2026-11-23T18:00:02.5Z stdout P thr
          2026-11-23T18:00:02.600000000+00:00 stdout F ee
          2026-11-23T18:00:03.000000000+00:00 stdout F\s
          garbage line
          2026-11-23T18:00:04.000000000+00:00 stderr F last
          """;

  private static List<LogEntry> read(Path file, LogReader.Options options) throws Exception {
    List<LogEntry> entries = new ArrayList<>();
    new LogReader(file).read(options, entries::add, () -> true);
    return entries;
  }

  private static List<String> texts(List<LogEntry> entries) {
    return entries.stream().map(e -> e.stream().name().toLowerCase() + (e.partial() ? "/P:" : ":") + e.text()).toList();
  }

  @Test
  void parsesStreamsTimesAndPartialRecords(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log");
    Files.writeString(file, LOG);
    List<LogEntry> entries = read(file, LogReader.Options.ALL);
    assertEquals(List.of("stdout:one\n", "stderr:two\n", "stdout/P:thr", "stdout:ee\n", "stdout:\n", "stderr:last\n"),
        texts(entries));
    assertEquals(Instant.parse("2026-11-23T18:00:00.000000001Z"), entries.get(0).time());
    assertEquals(Instant.parse("2026-11-23T17:00:01Z"), entries.get(1).time(), "offsets are honoured");
    assertEquals(Instant.parse("2026-11-23T18:00:02.5Z"), entries.get(2).time());
    assertEquals(1, entries.get(0).stream().dockerNumber());
    assertEquals(2, entries.get(1).stream().dockerNumber());
  }

  @Test
  void keepsArbitraryBytes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log");
    byte[] head = "2026-11-23T18:00:00.0Z stdout F ".getBytes(StandardCharsets.US_ASCII);
    byte[] body = {(byte) 0xff, 0, 'x', (byte) 0x80, '\r'};
    Files.write(file, head);
    Files.write(file, body, StandardOpenOption.APPEND);
    Files.write(file, new byte[] {'\n'}, StandardOpenOption.APPEND);
    List<LogEntry> entries = read(file, LogReader.Options.ALL);
    assertArrayEquals(new byte[] {(byte) 0xff, 0, 'x', (byte) 0x80, '\r', '\n'}, entries.getFirst().content());
  }

  @Test
  void tailSinceAndUntil(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log");
    Files.writeString(file, LOG);
    assertEquals(List.of("stdout:\n", "stderr:last\n"), texts(read(file, new LogReader.Options(2, null, null, false))));
    assertEquals(List.of(), texts(read(file, new LogReader.Options(0, null, null, false))));
    assertEquals(6, read(file, new LogReader.Options(100, null, null, false)).size());
    assertEquals(List.of("stdout:\n", "stderr:last\n"),
        texts(read(file, new LogReader.Options(-1, Instant.parse("2026-11-23T18:00:03Z"), null, false))));
    assertEquals(List.of("stdout:one\n", "stderr:two\n"),
        texts(read(file, new LogReader.Options(-1, null, Instant.parse("2026-11-23T18:00:02Z"), false))));
    assertEquals(List.of("stderr:two\n"),
        texts(read(file, new LogReader.Options(1, null, Instant.parse("2026-11-23T18:00:02Z"), false))));
  }

  @Test
  void aMissingFileIsAnEmptyLog(@TempDir Path dir) throws Exception {
    assertEquals(List.of(), read(dir.resolve("none"), LogReader.Options.ALL));
  }

  @Test
  void sinkCanStopEarly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log");
    Files.writeString(file, LOG);
    List<LogEntry> got = new ArrayList<>();
    new LogReader(file).read(LogReader.Options.ALL, e -> got.add(e) && got.size() < 2, () -> false);
    assertEquals(2, got.size());
  }

  @Test
  void followReadsGrowthHalfWrittenRecordsAndReplacementUntilFinished(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log");
    Files.writeString(file, "2026-11-23T18:00:00Z stdout F a\n");
    List<String> got = new CopyOnWriteArrayList<>();
    AtomicBoolean finished = new AtomicBoolean();
    Thread follower = Thread.ofVirtual().start(() -> {
      try {
        new LogReader(file).read(new LogReader.Options(1, null, null, true), e -> got.add(e.text()), finished::get);
      } catch (Exception e) {
        got.add("error " + e);
      }
    });
    awaitSize(got, 1);
    Files.writeString(file, "2026-11-23T18:00:01Z stdout F b\n2026-11-23T18:00:02Z std", StandardOpenOption.APPEND);
    awaitSize(got, 2);
    Thread.sleep(250);
    assertEquals(2, got.size(), "a half-written record waits for its newline");
    Files.writeString(file, "err F c\n", StandardOpenOption.APPEND);
    awaitSize(got, 3);

    // conmon's --log-size-max: a fresh file renamed over the log
    Path fresh = dir.resolve("log.tmp");
    Files.writeString(fresh, "2026-11-23T18:00:03Z stdout F d\n");
    Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    awaitSize(got, 4);

    Files.writeString(file, "2026-11-23T18:00:04Z stdout F e\n", StandardOpenOption.APPEND);
    finished.set(true);
    follower.join(5000);
    assertFalse(follower.isAlive(), "follow ends once finished and drained");
    assertEquals(List.of("a\n", "b\n", "c\n", "d\n", "e\n"), got);
  }

  private static void awaitSize(List<String> list, int size) throws InterruptedException {
    for (int i = 0; i < 100 && list.size() < size; i++) {
      Thread.sleep(20);
    }
    assertTrue(list.size() >= size, "expected " + size + " entries, got " + list);
  }
}
