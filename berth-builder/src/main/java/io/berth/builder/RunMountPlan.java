package io.berth.builder;

import io.berth.archive.SecurePath;
import io.berth.common.GoPath;
import io.berth.dockerfile.instructions.Mount;
import io.berth.engine.image.Image;
import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The mounts of one RUN ({@code --mount=type=cache|bind|tmpfs|secret}) and of a here-document script, made
 * ready as BuildKit makes them: a cache directory kept between builds, a bind of the context or of another
 * stage's or image's files (read-only, or a throw-away copy when {@code rw}), a tmpfs, a secret as a
 * read-only file. They exist only while the step runs: closing the plan lets go of everything, and the
 * mount points they needed are taken out of the step's layer.
 */
final class RunMountPlan implements AutoCloseable {
  /** Finds the image a {@code from=} names: a stage of this build, or an image. */
  interface ImageSource {
    Image image(String from) throws IOException;
  }

  private final List<io.berth.oci.Mount> mounts = new ArrayList<>();
  private final List<String> env = new ArrayList<>();
  private final List<String> targets = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();

  List<io.berth.oci.Mount> mounts() {
    return mounts;
  }

  /** Variables the step's process gets ({@code NAME=value}): secrets with {@code env=}. */
  List<String> env() {
    return env;
  }

  /** Container paths mounted over, whose stubs must not end up in the layer. */
  List<String> targets() {
    return targets;
  }

  static RunMountPlan prepare(List<Mount> specs, StepServices services, SourceTree context, ImageSource images,
      String workdir, String command) throws IOException {
    RunMountPlan plan = new RunMountPlan();
    try {
      for (Mount m : specs) {
        plan.add(m, services, context, images, workdir, command);
      }
    } catch (IOException | RuntimeException e) {
      plan.close();
      throw e;
    }
    return plan;
  }

  private void add(Mount m, StepServices services, SourceTree context, ImageSource images, String workdir,
      String command) throws IOException {
    if (m.type() == Mount.Type.SECRET) {
      addSecret(m, services, workdir);
      return;
    }
    String target = m.target();
    if (target.isEmpty()) {
      throw new BuildException("mount target must be specified");
    }
    target = target.startsWith("/") ? GoPath.clean(target) : GoPath.join("/", workdir, target);
    switch (m.type()) {
      case CACHE -> {
        Image base = m.from().isEmpty() ? null : images.image(m.from());
        CacheMounts.Held held;
        try {
          held = services.cacheMounts().acquire(m, command, base == null ? null : base.id().toString(),
              cacheRoot -> {
                try (ScratchLayer layer = ScratchLayer.on(services.images(), base)) {
                  TreeCopier.copyDirectory(layer.root(), cacheRoot, "/", TreeCopier.Owner.PRESERVE,
                      java.util.OptionalInt.empty());
                }
              });
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BuildException("Build cancelled");
        }
        resources.add(held.release());
        mounts.add(new io.berth.oci.Mount.Bind(held.path().toString(), target, !m.readOnly()));
      }
      case BIND -> {
        Path root;
        if (m.from().isEmpty()) {
          root = context.root();
        } else {
          ScratchLayer layer = ScratchLayer.on(services.images(), images.image(m.from()));
          resources.add(layer);
          root = layer.root();
        }
        Path source = SecurePath.join(root, m.source().isEmpty() ? "/" : m.source());
        if (!Files.exists(source)) {
          throw new BuildException("failed to compute cache key: \"/" + GoPath.clean(m.source()).replaceFirst("^/", "")
              + "\": not found");
        }
        if (!m.readOnly()) {
          source = writableCopy(source, services.tmp());
        }
        mounts.add(new io.berth.oci.Mount.Bind(source.toString(), target, !m.readOnly()));
      }
      // BuildKit's tmpfs: nosuid only (programs run from it), read-only when asked, the size limit; from= is
      // unused there, and a source= is a path the new, empty tmpfs does not have
      case TMPFS -> {
        if (!GoPath.clean("/" + m.source()).equals("/")) {
          throw new BuildException("open " + GoPath.clean("/" + m.source()) + ": no such file or directory");
        }
        mounts.add(new io.berth.oci.Mount.Tmpfs(target, "exec,dev" + (m.readOnly() ? ",ro" : "")
            + (m.sizeLimit() > 0 ? ",size=" + m.sizeLimit() : "")));
      }
      case SSH -> throw new BuildException("ssh mounts need BuildKit's session, which the classic /build endpoint "
          + "does not have");
    }
    targets.add(target);
  }

  /**
   * A secret, as BuildKit's dispatchSecret gives it: its id is {@code source}, else {@code id}, else the target's
   * base name; with {@code env=} it is that variable of the step's process, and a file too only when a target is
   * named; else a read-only file at the target or {@code /run/secrets/<base name of the id>}. A secret that was
   * not given fails the step when {@code required}, and is left out otherwise.
   */
  private void addSecret(Mount m, StepServices services, String workdir) throws IOException {
    String id = !m.source().isEmpty() ? m.source() : !m.cacheId().isEmpty() ? m.cacheId() : GoPath.base(m.target());
    byte[] secret = services.secrets().get(id);
    if (secret == null) {
      if (m.required()) {
        throw new BuildException("secret " + id + ": not found");
      }
      return; // an optional secret that was not given: no mount, no variable, as BuildKit
    }
    m.env().ifPresent(name -> env.add(name + "=" + new String(secret, java.nio.charset.StandardCharsets.UTF_8)));
    if (m.env().isPresent() && m.target().isEmpty()) {
      return;
    }
    String target = m.target().isEmpty() ? "/run/secrets/" + GoPath.base(id)
        : m.target().startsWith("/") ? GoPath.clean(m.target()) : GoPath.join("/", workdir, m.target());
    Path file = Files.createTempFile(services.tmp(), "secret-", "");
    Files.write(file, secret);
    Linux.chmod(file, (int) m.mode().orElse(0400));
    Linux.lchown(file, (int) m.uid().orElse(0), (int) m.gid().orElse(0));
    resources.add(() -> Files.deleteIfExists(file));
    mounts.add(new io.berth.oci.Mount.Bind(file.toString(), target, false));
    targets.add(target);
  }

  /** A here-document script with a shebang, mounted read-only at /dev/pipes/NAME as BuildKit runs it. */
  String addScript(String name, String data, Path tmp) throws IOException {
    Path file = Files.createTempFile(tmp, "heredoc-", "");
    Files.writeString(file, data);
    Linux.chmod(file, 0755);
    resources.add(() -> Files.deleteIfExists(file));
    String target = "/dev/pipes/" + name;
    mounts.add(new io.berth.oci.Mount.Bind(file.toString(), target, false));
    return target;
  }

  /** A read-write bind's source: a copy whose changes the step throws away (BuildKit's rw bind). */
  private Path writableCopy(Path source, Path tmp) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "bind-");
    resources.add(() -> io.berth.common.AtomicFiles.deleteTree(dir));
    if (Files.isDirectory(source)) {
      TreeCopier.copyDirectory(source, dir, "/", TreeCopier.Owner.PRESERVE, java.util.OptionalInt.empty());
      return dir;
    }
    TreeCopier.copyFile(source, dir, "/" + source.getFileName(), TreeCopier.Owner.PRESERVE,
        java.util.OptionalInt.empty());
    return dir.resolve(source.getFileName().toString());
  }

  @Override
  public void close() {
    for (AutoCloseable r : resources.reversed()) {
      try {
        r.close();
      } catch (Exception e) {
        // best effort: the start-up sweep removes what is left
      }
    }
    resources.clear();
  }
}
