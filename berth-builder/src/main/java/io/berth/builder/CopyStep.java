package io.berth.builder;

import io.berth.archive.Compression;
import io.berth.archive.TarReader;
import io.berth.common.Digest;
import io.berth.common.GoPath;
import io.berth.dockerfile.instructions.SourceContent;
import io.berth.dockerfile.instructions.SourcesAndDest;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.layer.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * COPY and ADD, as moby's copier and performCopy: the sources resolved and hashed (wildcards, directories
 * copied by their contents, files by name, here-documents, ADD's URLs and local archives), the step probed
 * in the cache by those hashes, then the files written into a layer on the current image, without a
 * container.
 */
final class CopyStep {
  /** One resolved source: where it is, its path there, and its hash (moby's copyInfo). */
  record Info(SourceTree tree, String path, String hash, boolean noDecompress) {}

  /** What one COPY or ADD asks for, after expansion. */
  record Request(String name, SourcesAndDest files, SourceTree tree, boolean fromContext, String chown,
      String chmod, boolean preserveOwnership, boolean decompress, String checksum, boolean keepGitDir) {}

  private final StepServices services;

  CopyStep(StepServices services) {
    this.services = services;
  }

  void run(StageState s, Request r) throws IOException {
    checkChecksumSource(r.checksum(), r.files());
    OptionalInt chmod = parseChmod(r.chmod());
    List<Info> infos = new ArrayList<>();
    try {
      for (String source : r.files().sourcePaths()) {
        infos.addAll(resolve(r, source, s));
      }
      for (SourceContent content : r.files().sourceContents()) {
        infos.add(heredoc(content));
      }
      if (infos.isEmpty()) {
        throw new BuildException("no source files were specified");
      }
    } catch (BuildException e) {
      throw new BuildException(r.name() + " failed: " + e.getMessage());
    }
    String dest = r.files().dest();
    if (infos.size() > 1 && !dest.endsWith("/")) {
      throw new BuildException("When using " + r.name() + " with more than one source file, the destination must be a "
          + "directory and end with a /");
    }
    String hash = infos.size() == 1 ? infos.getFirst().hash() : hashStrings("multi", infos.stream().map(Info::hash).toList());
    String comment = r.name() + " " + (r.chown().isEmpty() ? "" : "--chown=" + r.chown() + " ")
        + (r.chmod().isEmpty() ? "" : "--chmod=" + r.chmod() + " ") + hash + " in " + dest + " ";
    ContainerConfig.Builder b = s.edit();
    b.cmd = StepCommitter.nopCommandString(s, comment);
    ContainerConfig probe = b.build();
    if (services.committer().probe(s, probe, "")) {
      return;
    }
    String target = normalizeDest(s.runConfig.workingDir(), dest);
    Layer layer;
    try (ScratchLayer scratch = ScratchLayer.on(services.images(), s.image)) {
      TreeCopier.Owner owner = r.preserveOwnership() && r.chown().isEmpty() ? TreeCopier.Owner.PRESERVE
          : TreeCopier.Owner.fixed(0, 0);
      if (!r.chown().isEmpty()) {
        int[] ids = ChownSpec.resolve(r.chown(), scratch.root());
        owner = TreeCopier.Owner.fixed(ids[0], ids[1]);
      }
      for (Info info : infos) {
        try {
          copyOne(info, scratch.root(), target, owner, chmod, r.decompress());
        } catch (IOException e) {
          throw new BuildException("failed to copy files: " + e.getMessage(), e);
        }
      }
      layer = scratch.commit(services.snapshots(), services.lease());
    }
    services.committer().commit(s, probe, layer, "");
  }

  private void copyOne(Info info, Path root, String target, TreeCopier.Owner owner, OptionalInt chmod,
      boolean decompress) throws IOException {
    SourceTree tree = info.tree();
    if (tree.streamable(info.path()) && !(decompress && tree.kind(info.path()) == SourceTree.Kind.FILE)) {
      int mode = chmod.orElse(-1);
      if (tree.kind(info.path()) == SourceTree.Kind.DIRECTORY) {
        TreeCopier.copyDirectory(out -> tree.writeTar(info.path(), null, mode, out), root, target, owner);
        return;
      }
      String dest = target;
      if (target.endsWith("/") || Files.isDirectory(io.berth.archive.SecurePath.join(root, target))) {
        dest = GoPath.join(target, GoPath.base(info.path()));
      }
      String name = GoPath.base(dest);
      TreeCopier.copyFile(out -> tree.writeTar(info.path(), name, mode, out), root, dest, owner);
      return;
    }
    Path src = info.tree().fullPath(info.path());
    if (!Files.exists(src)) {
      throw new BuildException("source path not found: stat " + info.path() + ": no such file or directory");
    }
    if (Files.isDirectory(src)) {
      TreeCopier.copyDirectory(src, root, target, owner, chmod);
      return;
    }
    if (decompress && !info.noDecompress() && isArchive(src)) {
      TreeCopier.extractArchive(src, root, target);
      return;
    }
    String dest = target;
    if (target.endsWith("/") || Files.isDirectory(io.berth.archive.SecurePath.join(root, target))) {
      dest = GoPath.join(target, GoPath.base(info.path()));
    }
    TreeCopier.copyFile(src, root, dest, owner, chmod);
  }

  /** moby's calcCopyInfo for one source of the instruction (URLs only for ADD). */
  private List<Info> resolve(Request r, String source, StageState s) throws IOException {
    if (UrlSource.isUrl(source) || UrlSource.isGit(source)) {
      if (!r.decompress()) {
        throw new BuildException("source can't be a URL for COPY");
      }
      return List.of(download(r, source, s.out, s.cancellation));
    }
    if (r.fromContext() && r.tree().absent()) {
      throw new BuildException("missing build context");
    }
    return calcCopyInfo(r.tree(), SourceTree.cleanSource(source), true, r.fromContext());
  }

  private List<Info> calcCopyInfo(SourceTree tree, String path, boolean wildcards, boolean context)
      throws IOException {
    if (wildcards && GoMatch.hasWildcards(path)) {
      List<Info> out = new ArrayList<>();
      for (String rel : tree.match(path)) {
        out.addAll(calcCopyInfo(tree, rel, false, context));
      }
      return out;
    }
    SourceTree.Kind kind = tree.kind(path);
    if (kind == SourceTree.Kind.MISSING) {
      String stat = "stat " + path + ": file does not exist";
      throw new BuildException(context ? "file not found in build context or excluded by .dockerignore: " + stat
          : stat);
    }
    if (kind == SourceTree.Kind.FILE) {
      return List.of(new Info(tree, path, "file:" + tree.hash(path), false));
    }
    return List.of(new Info(tree, path, hashStrings("dir", tree.hashesBelow(path)), false));
  }

  private Info download(Request r, String url, BuildOutput out, Cancellation cancel) throws IOException {
    if (UrlSource.isGit(url)) {
      return gitSource(r, url, cancel);
    }
    UrlSource.checkChecksum(r.checksum());
    Path dir = Files.createTempDirectory(services.tmp(), "remote-");
    UrlSource.Download d = UrlSource.fetch(url, dir, r.checksum(), cancel);
    out.stdout("\n");
    String name = d.name();
    if (name.isEmpty()) {
      if (r.files().dest().endsWith("/")) {
        throw new BuildException("cannot determine filename for source " + url);
      }
      name = UrlSource.UNNAMED;
    }
    SourceTree tree = new SourceTree(dir);
    return new Info(tree, name, "file:" + tree.hash(name), true);
  }

  /**
   * ADD of a git repository, as BuildKit does it (the classic builder has no such source): the repository at the
   * fragment's ref (the default branch when none) and subdirectory, copied as a directory is; its .git only with
   * {@code --keep-git-dir}; {@code --checksum} is the commit (or its prefix) it must be.
   */
  private Info gitSource(Request r, String url, Cancellation cancel) throws IOException {
    Path dir = Files.createTempDirectory(services.tmp(), "git-");
    Path checkout = GitContext.checkout(GitContext.parse(url, "HEAD"), dir, cancel);
    if (!r.checksum().isEmpty()) {
      String commit = GitContext.commit(checkout, cancel);
      if (!commit.startsWith(r.checksum().toLowerCase(java.util.Locale.ROOT))) { // the commit or a prefix of it
        throw new BuildException("expected checksum to match " + r.checksum() + ", got " + commit);
      }
    }
    if (!r.keepGitDir()) {
      io.berth.common.AtomicFiles.deleteTree(dir.resolve("git").resolve(".git"));
    }
    SourceTree tree = new SourceTree(checkout);
    return new Info(tree, ".", hashStrings("dir", tree.hashesBelow(".")), true);
  }

  /**
   * BuildKit's rule for {@code ADD --checksum}: one source, fetched over http(s) or git; a file of the context has
   * nothing to be checked against, so the flag is refused there rather than ignored.
   */
  static void checkChecksumSource(String checksum, SourcesAndDest files) {
    if (checksum.isEmpty()) {
      return;
    }
    if (files.sourcePaths().size() + files.sourceContents().size() != 1) {
      throw new BuildException("checksum can't be specified for multiple sources");
    }
    String source = files.sourcePaths().isEmpty() ? "" : files.sourcePaths().getFirst();
    if (!UrlSource.isUrl(source) && !UrlSource.isGit(source)) {
      throw new BuildException("checksum can't be specified for non-HTTP(S) sources");
    }
  }

  /** A here-document source: a 0644 file of that name and content. */
  private Info heredoc(SourceContent content) throws IOException {
    Path dir = Files.createTempDirectory(services.tmp(), "heredoc-");
    String name = SourceTree.cleanSource(content.path());
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content.data().getBytes(StandardCharsets.UTF_8));
    io.berth.sys.Linux.chmod(file, 0644);
    SourceTree tree = new SourceTree(dir);
    return new Info(tree, name, "file:" + tree.hash(name), true);
  }

  /** normalizeDest: a relative destination is under WORKDIR; a trailing slash is kept. */
  static String normalizeDest(String workdir, String requested) {
    if (requested.startsWith("/")) {
      return requested;
    }
    String dest = GoPath.join("/", workdir, requested);
    return requested.endsWith("/") && !dest.endsWith("/") ? dest + "/" : dest;
  }

  static String hashStrings(String prefix, List<String> values) {
    return prefix + ":" + Digest.sha256(String.join(",", values).getBytes(StandardCharsets.UTF_8)).hex();
  }

  /** go-archive's IsArchivePath: the file, decompressed, starts with a valid tar header. */
  static boolean isArchive(Path file) {
    try (InputStream in = Compression.decompress(Files.newInputStream(file))) {
      return new TarReader(in).next() != null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** {@code --chmod}: an octal mode (BuildKit's option; the classic builder refuses it). */
  static OptionalInt parseChmod(String chmod) {
    if (chmod.isEmpty()) {
      return OptionalInt.empty();
    }
    if (!chmod.matches("[0-7]{1,4}")) {
      throw new BuildException("invalid chmod parameter: " + chmod + ". it should be octal string and between 0 and "
          + "07777");
    }
    return OptionalInt.of(Integer.parseInt(chmod, 8));
  }
}
