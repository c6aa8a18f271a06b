package io.berth.common.tls;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads certificate and key files, failing with Go's os.ReadFile wording ({@code open X: no such file or directory}). */
public final class TlsFiles {
  private TlsFiles() {}

  /** A file that could not be read; {@code notExist} is Go's os.IsNotExist. */
  public static final class ReadException extends Exception {
    private final boolean notExist;

    ReadException(String message, boolean notExist) {
      super(message);
      this.notExist = notExist;
    }

    public boolean notExist() {
      return notExist;
    }
  }

  public static byte[] read(String path) throws ReadException {
    if (path.isEmpty()) {
      throw new ReadException("open : no such file or directory", true);
    }
    Path file = Path.of(path);
    try {
      if (Files.isDirectory(file)) {
        throw new ReadException("read " + path + ": is a directory", false);
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ReadException("open " + path + ": no such file or directory", true);
    } catch (AccessDeniedException e) {
      throw new ReadException("open " + path + ": permission denied", false);
    } catch (IOException e) {
      throw new ReadException("open " + path + ": " + e.getMessage(), false);
    }
  }

  /**
   * Where Docker's CLI and dockerd look for {@code ca.pem}, {@code cert.pem} and {@code key.pem}
   * by default: $DOCKER_CERT_PATH, else $DOCKER_CONFIG, else ~/.docker.
   */
  public static String dockerCertPath(java.util.Map<String, String> env) {
    String certPath = env.get("DOCKER_CERT_PATH");
    if (certPath != null && !certPath.isEmpty()) {
      return certPath;
    }
    String config = env.get("DOCKER_CONFIG");
    if (config != null && !config.isEmpty()) {
      return config;
    }
    return env.getOrDefault("HOME", System.getProperty("user.home")) + "/.docker";
  }

  /** Go's %q of a path (strconv.Quote for the printable text paths are made of). */
  public static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
