package io.berth.cli;

import io.berth.client.ContainerClient;
import io.berth.common.BerthException;
import io.berth.common.ImageReference;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Docker CLI's createContainer: warnings, the --cidfile, the create request, and when the
 * image is missing (and --pull allows) "Unable to find image ... locally", a pull through
 * {@code POST /images/create} and a second try. Daemon errors propagate unchanged.
 */
final class ContainerCreator {
  private static final Pattern HEX_ID = Pattern.compile("^(sha256:)?[a-f0-9]{64}$");
  private static final Pattern LOCALHOST_IP = Pattern.compile("((127\\.([0-9]{1,3}\\.){2}[0-9]{1,3})|(::1)$)");

  /** The options of create/run outside the container's configuration. */
  record Options(String name, String platform, String pull, boolean quiet) {}

  /** Failures that are not the daemon's: they carry Docker's message. */
  static final class CreateFailure extends RuntimeException {
    CreateFailure(String message) {
      super(message);
    }
  }

  private final CliContext ctx;
  private final ContainerClient containers;

  ContainerCreator(CliContext ctx) {
    this.ctx = ctx;
    this.containers = ctx.containers();
  }

  /** Docker's validatePullOpt. */
  static void checkPullOption(String pull) {
    if (!pull.isEmpty() && !pull.equals("always") && !pull.equals("missing") && !pull.equals("never")) {
      throw new IllegalArgumentException("invalid pull option: '" + pull
          + "': must be one of \"always\", \"missing\" or \"never\"");
    }
  }

  /** Creates the container and returns its ID. */
  @SuppressWarnings("unchecked")
  String create(Map<String, Object> body, Options options) throws IOException {
    Map<String, Object> host = (Map<String, Object>) body.get("HostConfig");
    PrintStream err = ctx.err();
    if (Boolean.TRUE.equals(host.get("OomKillDisable")) && ((Number) host.get("Memory")).longValue() == 0) {
      err.println("WARNING: Disabling the OOM killer on containers without setting a '-m/--memory' limit may be dangerous.");
    }
    for (Object dns : (List<Object>) host.get("Dns")) {
      if (LOCALHOST_IP.matcher(dns.toString()).find()) {
        err.println("WARNING: Localhost DNS setting (--dns=" + dns + ") may fail in containers.");
        break;
      }
    }
    CidFile cidFile = CidFile.create((String) host.get("ContainerIDFile"));
    try {
      String image = (String) body.get("Image");
      ImageReference named = null;
      if (!HEX_ID.matcher(image).matches()) {
        try {
          named = ImageReference.parse(image).withDefaultTag();
        } catch (BerthException e) {
          throw new CreateFailure(e.getMessage());
        }
      }
      if (options.pull().equals("always") && named != null) {
        pull(named, options);
      }
      Map<String, Object> response;
      try {
        response = containers.create(body, options.name(), options.platform());
      } catch (BerthException.NotFound e) {
        if (named == null || !options.pull().equals("missing")) {
          throw e;
        }
        if (!options.quiet()) {
          err.println("Unable to find image '" + named.familiarString() + "' locally");
        }
        pull(named, options);
        response = containers.create(body, options.name(), options.platform());
      }
      if (response.get("Warnings") instanceof List<?> warnings) {
        for (Object warning : warnings) {
          err.println("WARNING: " + warning);
        }
      }
      String id = String.valueOf(response.get("Id"));
      cidFile.write(id);
      return id;
    } finally {
      cidFile.close();
    }
  }

  /** The Docker CLI's pullImage: progress goes to stderr (or nowhere with -q), with the user's credentials. */
  private void pull(ImageReference ref, Options options) throws IOException {
    PrintStream target = options.quiet()
        ? new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8) : ctx.err();
    try {
      PullCommand.stream(ctx, ref, options.platform(), target, !options.quiet() && Terminal.isTerminal(2));
    } catch (CliError e) {
      throw new CreateFailure(e.getMessage());
    }
  }

  /** The --cidfile: refused if present, removed again unless an ID was written to it. */
  private static final class CidFile {
    private final Path path;
    private boolean written;

    private CidFile(Path path) {
      this.path = path;
    }

    static CidFile create(String file) {
      if (file == null || file.isEmpty()) {
        return new CidFile(null);
      }
      Path path = Path.of(file);
      try {
        Files.createFile(path);
      } catch (FileAlreadyExistsException e) {
        throw new CreateFailure("container ID file found, make sure the other container isn't running or delete "
            + file);
      } catch (IOException e) {
        throw new CreateFailure("failed to create the container ID file: open " + file + ": " + e.getMessage());
      }
      return new CidFile(path);
    }

    void write(String id) throws IOException {
      if (path != null) {
        Files.writeString(path, id);
        written = true;
      }
    }

    void close() {
      if (path != null && !written) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // The create failed already; that is what gets reported.
        }
      }
    }
  }
}
