package io.berth.builder;

import io.berth.archive.SecurePath;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A git repository as a build context, cloned as moby's builder/remotecontext/git does: {@code git init}, a
 * remote "origin", a fetch of the fragment's ref ({@code #ref:subdir}, "master" when none; shallow where the
 * server can), a checkout of that ref (else of FETCH_HEAD), the submodules, and the subdirectory resolved
 * inside the checkout. git runs with neither system nor user configuration and without the file protocol
 * (a repository cannot pull the host's files in as a submodule). Errors are dockerd's words.
 */
final class GitContext {
  /** A parsed git context address: what to fetch from where, and the directory that is the context. */
  record Repo(String remote, String ref, String subdir) {}

  private GitContext() {}

  /** moby's parseRemoteURL: an address without a git transport gets https://; the fragment is ref:subdir. */
  static Repo parse(String address) {
    return parse(address, "master");
  }

  /** As {@link #parse(String)}, with {@code defaultRef} when the fragment names none. */
  static Repo parse(String address, String defaultRef) {
    String url = isGitTransport(address) ? address : "https://" + address;
    String remote;
    String fragment;
    int hash = url.indexOf('#');
    if (url.startsWith("git@")) {
      remote = hash < 0 ? url : url.substring(0, hash);
      fragment = hash < 0 ? "" : url.substring(hash + 1);
    } else {
      try {
        URI uri = new URI(url);
        fragment = uri.getRawFragment() == null ? "" : uri.getFragment();
        remote = hash < 0 ? url : url.substring(0, hash);
      } catch (URISyntaxException e) {
        throw new BuildException("parse \"" + url + "\": " + e.getReason());
      }
    }
    int colon = fragment.indexOf(':');
    String ref = colon < 0 ? fragment : fragment.substring(0, colon);
    String subdir = colon < 0 ? "" : fragment.substring(colon + 1);
    if (ref.isEmpty()) {
      ref = defaultRef;
    }
    if (ref.startsWith("-")) {
      throw new BuildException("invalid refspec: " + ref);
    }
    return new Repo(remote, ref, subdir);
  }

  /** Clones {@code address} under {@code dir}; returns the directory that is the build context. */
  static Path checkout(String address, Path dir, Cancellation cancel) throws IOException {
    return checkout(parse(address), dir, cancel);
  }

  /**
   * Clones {@code repo} under {@code dir} (in {@code dir/git}); returns its subdirectory. A ref of "HEAD" is the
   * remote's default branch (BuildKit's default for ADD; moby's for a context is "master").
   */
  static Path checkout(Repo repo, Path dir, Cancellation cancel) throws IOException {
    Path root = Files.createDirectory(dir.resolve("git"));
    Git git = (what, isolated, args) -> run(root, what, isolated, cancel, args);
    git.run("failed to init repo at " + root, true, "init");
    git.run("failed add origin repo at " + repo.remote(), true, "remote", "add", "origin", repo.remote());
    List<String> fetch = new ArrayList<>(List.of("fetch"));
    if (supportsShallowClone(repo.remote(), cancel)) {
      fetch.addAll(List.of("--depth", "1"));
    }
    fetch.addAll(List.of("origin", "--", repo.ref()));
    git.run("error fetching", true, fetch.toArray(String[]::new));
    try {
      git.run("error checking out " + repo.ref(), true, "checkout", repo.ref());
    } catch (BuildException byName) {
      cancel.check();
      try {
        git.run("error checking out FETCH_HEAD", true, "checkout", "FETCH_HEAD");
      } catch (BuildException e) {
        throw byName;
      }
    }
    // as moby runs it: outside the isolated configuration (a submodule may need the user's credentials)
    git.run("error initializing submodules", false, "submodule", "update", "--init", "--recursive", "--depth=1");
    if (repo.subdir().isEmpty()) {
      return root;
    }
    Path context = SecurePath.join(root, repo.subdir());
    if (!Files.isDirectory(context)) {
      if (!Files.exists(context)) {
        throw new BuildException("stat " + context + ": no such file or directory");
      }
      throw new BuildException("error setting git context, not a directory: " + context);
    }
    return context;
  }

  /** The commit checked out in {@code checkout} (the directory {@link #checkout} gave). */
  static String commit(Path checkout, Cancellation cancel) throws IOException {
    return run(checkout, "failed to read the commit of " + checkout, true, cancel, "rev-parse", "HEAD").strip();
  }

  /**
   * Kills git processes a crash left working under {@code scratch} (a clone outlives a berthd killed with -9:
   * it is no child of anything berth waits for). They are found by their working directory, which each git
   * (and the helpers it starts) has in the clone; call it before the scratch area is wiped.
   */
  static int killStrays(Path scratch) {
    Path under = scratch.toAbsolutePath().normalize();
    int killed = 0;
    for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
      Path cwd;
      try {
        cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"));
      } catch (IOException e) {
        continue; // gone, or another user's
      }
      if (cwd.startsWith(under) && p.pid() != ProcessHandle.current().pid() && p.destroyForcibly()) {
        killed++;
      }
    }
    return killed;
  }

  /** Whether the server can send a shallow history: any non-HTTP transport, or a smart HTTP server. */
  private static boolean supportsShallowClone(String remote, Cancellation cancel) {
    String scheme = scheme(remote);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return true;
    }
    URI service;
    try {
      service = URI.create(remote + "/info/refs?service=git-upload-pack");
    } catch (IllegalArgumentException e) {
      return false;
    }
    for (String method : List.of("HEAD", "GET")) {
      try {
        HttpResponse<Void> r = UrlSource.send(HttpRequest.newBuilder(service).method(method,
            HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.discarding(), cancel);
        if (r.statusCode() == 200) {
          return r.headers().firstValue("Content-Type").orElse("")
              .equals("application/x-git-upload-pack-advertisement");
        }
      } catch (IOException | IllegalArgumentException e) {
        // a HEAD the server refuses is tried again as a GET, as moby does
      }
    }
    return false;
  }

  private static boolean isGitTransport(String address) {
    if (address.startsWith("git@")) {
      return true;
    }
    return switch (scheme(address)) {
      case "git", "http", "https", "ssh" -> true;
      default -> false;
    };
  }

  private static String scheme(String address) {
    int colon = address.indexOf(':');
    if (colon <= 0 || !address.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      return "";
    }
    return address.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  private static void killTree(ProcessHandle p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  /** git in the clone: {@link #run} with its directory and cancellation. */
  private interface Git {
    String run(String what, boolean isolated, String... args) throws IOException;
  }

  /**
   * Runs git in {@code dir}; a failure is "WHAT: OUTPUT: exit status N", as Go's errors.Wrapf words it. A
   * cancellation kills it (the client went away while the daemon fetched its context).
   */
  private static String run(Path dir, String what, boolean isolated, Cancellation cancel, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("git"));
    if (isolated) {
      command.addAll(List.of("-c", "protocol.file.allow=never"));
    }
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("GIT_PROTOCOL_FROM_USER", "0");
    pb.environment().put("GIT_TERMINAL_PROMPT", "0"); // never wait for a password nobody can type
    if (isolated) {
      pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      pb.environment().put("HOME", "/dev/null");
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new BuildException(what + ": : exec: \"git\": executable file not found in $PATH");
    }
    // with its helpers (git-remote-https holds the output pipe open): killing git alone would leave the read waiting
    try (var stop = cancel.onCancel(() -> killTree(p.toHandle()))) {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = p.waitFor();
      cancel.check(); // killed: the build is cancelled, not failed
      if (status != 0) {
        throw new BuildException(what + ": " + output + ": exit status " + status);
      }
      return output;
    } catch (InterruptedException e) {
      killTree(p.toHandle());
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while cloning " + dir);
    }
  }
}
