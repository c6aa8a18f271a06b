package io.berth.cli;

import io.berth.archive.TarEntry;
import io.berth.archive.TarWriter;
import io.berth.dockerfile.ignore.ContextFilter;
import io.berth.dockerfile.ignore.DockerIgnore;
import io.berth.dockerfile.ignore.PatternMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The build context as the Docker CLI sends it: a directory tarred with its .dockerignore applied (the
 * Dockerfile and .dockerignore kept; owners 0:0, as the CLI's ChownOpts), a Dockerfile given from outside
 * the context or from stdin added under a name of its own, or a context read from stdin (a tar as it is,
 * or a lone Dockerfile wrapped into one). Times are whole seconds, as go-archive's FileInfoHeader truncates
 * them: the files a COPY writes get the mtimes they would get from the Docker CLI, and no entry needs a PAX
 * header for its time.
 */
final class BuildContext {
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFREG = 0100000;

  private BuildContext() {}

  /** {@code dir} tarred, entries {@code .dockerignore} excludes left out, plus {@code extraDockerfile} if given. */
  static void writeDirectory(Path dir, String dockerfile, boolean dockerfileFromElsewhere, String extraName,
      byte[] extraDockerfile, OutputStream out) throws IOException {
    List<String> excludes = List.of();
    Path ignore = dir.resolve(DockerIgnore.FILE_NAME);
    if (Files.isRegularFile(ignore)) {
      excludes = DockerIgnore.readAll(Files.readString(ignore, StandardCharsets.UTF_8));
    }
    excludes = DockerIgnore.trimBuildFilesFromExcludes(excludes, dockerfile, dockerfileFromElsewhere);
    ContextFilter filter = excludes.isEmpty() ? null : new ContextFilter(PatternMatcher.of(excludes));
    TarWriter tar = new TarWriter(out);
    walk(dir, "", filter, tar);
    if (extraDockerfile != null) {
      tar.writeHeader(new TarEntry(extraName, TarEntry.Type.FILE, 0600, 0, 0, extraDockerfile.length, now(),
          null, "", 0, 0, Map.of()));
      tar.write(extraDockerfile, 0, extraDockerfile.length);
    }
    tar.finish();
    out.flush();
  }

  /** A lone Dockerfile (from stdin) as a one-file context. */
  static void writeDockerfileOnly(String name, byte[] dockerfile, OutputStream out) throws IOException {
    TarWriter tar = new TarWriter(out);
    tar.writeHeader(new TarEntry(name, TarEntry.Type.FILE, 0600, 0, 0, dockerfile.length, now(), null, "", 0,
        0, Map.of()));
    tar.write(dockerfile, 0, dockerfile.length);
    tar.finish();
    out.flush();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  private static void walk(Path dir, String prefix, ContextFilter filter, TarWriter tar) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.forEach(p -> names.add(p.getFileName().toString()));
    }
    names.sort(null);
    for (String name : names) {
      Path p = dir.resolve(name);
      String rel = prefix + name;
      Map<String, Object> st;
      try {
        st = Files.readAttributes(p, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        continue;
      }
      int mode = (int) st.get("mode");
      boolean directory = (mode & S_IFMT) == S_IFDIR;
      ContextFilter.Decision d = filter == null ? ContextFilter.Decision.INCLUDE : filter.next(rel, directory);
      if (d == ContextFilter.Decision.SKIP_DIRECTORY) {
        continue;
      }
      if (d == ContextFilter.Decision.INCLUDE) {
        add(p, rel, mode, st, tar);
      }
      if (directory) {
        walk(p, rel + "/", filter, tar);
      }
    }
  }

  private static void add(Path p, String rel, int mode, Map<String, Object> st, TarWriter tar) throws IOException {
    Instant mtime = ((FileTime) st.get("lastModifiedTime")).toInstant().truncatedTo(ChronoUnit.SECONDS);
    int perm = mode & 07777;
    switch (mode & S_IFMT) {
      case S_IFDIR -> tar.writeHeader(new TarEntry(rel + "/", TarEntry.Type.DIRECTORY, perm, 0, 0, 0, mtime, null, "",
          0, 0, Map.of()));
      case S_IFLNK -> tar.writeHeader(new TarEntry(rel, TarEntry.Type.SYMLINK, perm, 0, 0, 0, mtime, null,
          Files.readSymbolicLink(p).toString(), 0, 0, Map.of()));
      case S_IFREG -> {
        long size = (long) st.get("size");
        tar.writeHeader(new TarEntry(rel, TarEntry.Type.FILE, perm, 0, 0, size, mtime, null, "", 0, 0, Map.of()));
        try (InputStream in = Files.newInputStream(p)) {
          tar.writeContent(in);
        }
      }
      default -> { } // devices, fifos, sockets: not sent, as the CLI's tar of a context
    }
  }

  /** go-archive's DetectArchive on the first bytes: a tar header, or a compressed stream. */
  static boolean isArchive(byte[] head, int n) {
    if (io.berth.archive.Compression.detect(head, n) != io.berth.archive.Compression.NONE) {
      return true;
    }
    if (n < 512) {
      return false;
    }
    return new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar") || checksumOk(head);
  }

  private static boolean checksumOk(byte[] h) {
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
    }
    String field = new String(h, 148, 8, StandardCharsets.ISO_8859_1).replace("\0", " ").strip();
    try {
      return !field.isEmpty() && Long.parseLong(field, 8) == sum;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
