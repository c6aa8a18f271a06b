package io.berth.archive;

import io.berth.common.GoPath;
import io.berth.sys.ErrnoException;
import io.berth.sys.Linux;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a layer tar to a directory, as Docker's UnpackLayer does, with full fidelity (owners, all mode
 * bits, xattrs, devices, fifos, hard links, nanosecond times, directory times set after their contents)
 * and whiteouts converted for the given {@link WhiteoutMode}.
 * <p>
 * Safety: every entry is resolved inside root with {@link SecurePath} (symlinks followed as if root were
 * "/"), so no entry, symlink parent or hard link can create, change or delete anything outside root.
 * Names that climb above root ("../x"), hard links whose target does, and symlinks that point above root
 * are refused with {@link BreakoutException} using Docker's wording. Absolute names are taken relative to root.
 * Overlay-internal xattrs ({@code trusted.overlay.*}, {@code user.overlay.*}) in an archive are ignored so a
 * layer cannot forge overlayfs metadata.
 */
public final class LayerApplier {
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String WHITEOUT_META_PREFIX = ".wh..wh.";
    static final String WHITEOUT_OPAQUE = ".wh..wh..opq";
    static final String OVERLAY_OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final int IMPLIED_DIRECTORY_MODE = 0755;

    private final Path root;
    private final WhiteoutMode mode;
    /**
     * Resolved relative paths this archive created, with their ancestors: an opaque marker keeps them
     * (Docker's unpackedPaths).
     */
    private final Set<String> created = new HashSet<>();
    private final List<DirTimes> dirTimes = new ArrayList<>();
    private final byte[] buffer = new byte[1 << 20];

    private record DirTimes(String relPath, Instant atime, Instant mtime) {
    }

    private LayerApplier(Path root, WhiteoutMode mode) {
        this.root = root;
        this.mode = mode;
    }

    /**
     * Applies {@code layer} (a tar, plain or compressed with anything {@link Compression} detects) to
     * {@code root}, which must be an existing directory. Reads {@code layer} to its end but does not close it.
     *
     * @return the sum of the entries' size fields: the layer size as Docker computes it
     */
    public static long apply(InputStream layer, Path root, WhiteoutMode mode) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(root.toString(), null, "not a directory");
        }
        try (InputStream tar = Compression.decompress(new FilterInputStream(layer) {
            @Override
            public void close() {
                // the caller owns the layer stream
            }
        })) {
            long size = new LayerApplier(root, mode).run(tar);
            tar.transferTo(java.io.OutputStream.nullOutputStream()); // drain, as Docker does: the caller may be hashing the stream
            return size;
        }
    }

    private long run(InputStream tar) throws IOException {
        TarReader reader = new TarReader(tar);
        long size = 0;
        for (TarEntry e = reader.next(); e != null; e = reader.next()) {
            size += e.size();
            try {
                applyEntry(reader, e);
            } catch (InvalidPathException ex) {
                throw new IOException("invalid path in archive " + quote(e.name()) + ": " + ex.getReason());
            }
        }
        for (DirTimes d : dirTimes) {
            // re-resolved: a later entry may have replaced a parent with a symlink
            Path dir = SecurePath.joinNoFollow(root, d.relPath());
            BasicFileAttributes attrs = lstat(dir);
            if (attrs != null && attrs.isDirectory()) {
                Linux.utimensat(dir, d.atime(), d.mtime(), true);
            }
        }
        return size;
    }

    private void applyEntry(TarReader reader, TarEntry e) throws IOException {
        String cleaned = GoPath.clean(e.name());
        String rel = cleaned.startsWith("/") ? cleaned.substring(1) : cleaned;
        if (rel.equals(".")) {
            rel = "";
        }
        if (rel.equals("..") || rel.startsWith("../")) {
            throw new BreakoutException(quote(cleaned) + " is outside of " + quote(root.toString()));
        }
        if (rel.isEmpty()) {
            applyToRoot(e);
            return;
        }
        int slash = rel.lastIndexOf('/');
        String lexicalParent = slash < 0 ? "" : rel.substring(0, slash);
        String base = rel.substring(slash + 1);
        String first = slash < 0 ? rel : rel.substring(0, rel.indexOf('/'));
        if ((first.startsWith(WHITEOUT_META_PREFIX) && !rel.equals(WHITEOUT_OPAQUE))
                || (base.startsWith(WHITEOUT_META_PREFIX) && !base.equals(WHITEOUT_OPAQUE))) {
            return; // aufs metadata (.wh..wh.plnk, .wh..wh.aufs): not part of the filesystem
        }

        String parent = ensureDirectory(lexicalParent);
        if (base.startsWith(WHITEOUT_PREFIX)) {
            applyWhiteout(e, parent, base);
            return;
        }
        String relPath = child(parent, base);
        Path path = root.resolve(relPath);
        BasicFileAttributes existing = lstat(path);
        if (existing != null && !(existing.isDirectory() && e.type() == TarEntry.Type.DIRECTORY)) {
            deleteTree(path);
        }
        create(reader, e, path, lexicalParent);
        applyMetadata(e, path, relPath);
        markCreated(relPath);
    }

    /** A created path keeps its ancestors too: an opaque marker must not delete what leads to it. */
    private void markCreated(String relPath) {
        String p = relPath;
        while (created.add(p)) {
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return;
            }
            p = p.substring(0, slash);
        }
    }

    private void applyToRoot(TarEntry e) throws IOException {
        if (e.type() != TarEntry.Type.DIRECTORY) {
            throw new IOException("cannot replace the root directory with a non-directory entry " + quote(e.name()));
        }
        applyMetadata(e, root, "");
    }

    private void create(TarReader reader, TarEntry e, Path path, String lexicalParent) throws IOException {
        switch (e.type()) {
            case DIRECTORY -> {
                if (lstat(path) == null) {
                    Files.createDirectory(path);
                }
            }
            case FILE -> {
                try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)) {
                    int n;
                    while ((n = reader.read(buffer, 0, buffer.length)) > 0) {
                        ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                        while (bb.hasRemaining()) {
                            out.write(bb);
                        }
                    }
                }
            }
            case HARDLINK -> {
                String cleaned = GoPath.clean(e.linkName());
                String link = cleaned.startsWith("/") ? cleaned.substring(1) : cleaned;
                if (link.equals("..") || link.startsWith("../")) {
                    throw new BreakoutException("invalid hardlink " + quote(root.resolve(link).normalize().toString())
                            + " -> " + quote(e.linkName()));
                }
                Path target = SecurePath.joinNoFollow(root, link.equals(".") ? "" : link);
                Files.createLink(path, target); // link(2) does not follow a symlink target
            }
            case SYMLINK -> {
                String resolved = GoPath.join(lexicalParent, e.linkName());
                if (resolved.equals("..") || resolved.startsWith("../")) {
                    throw new BreakoutException("invalid symlink " + quote(path.toString()) + " -> " + quote(e.linkName()));
                }
                Linux.symlink(e.linkName(), path);
            }
            case CHAR_DEVICE -> Linux.mknod(path, Linux.S_IFCHR | (e.mode() & 07777),
                    Linux.makedev(e.devMajor(), e.devMinor()));
            case BLOCK_DEVICE -> Linux.mknod(path, Linux.S_IFBLK | (e.mode() & 07777),
                    Linux.makedev(e.devMajor(), e.devMinor()));
            case FIFO -> Linux.mknod(path, Linux.S_IFIFO | (e.mode() & 07777), 0);
        }
    }

    /** Owner, xattrs, then mode (chown clears setuid), then times (directories: at the end). */
    private void applyMetadata(TarEntry e, Path path, String relPath) throws IOException {
        Linux.lchown(path, e.uid(), e.gid());
        Xattrs.apply(path, e.xattrs());
        boolean symlink = e.type() == TarEntry.Type.SYMLINK
                || (e.type() == TarEntry.Type.HARDLINK && lstat(path).isSymbolicLink());
        if (!symlink) {
            Linux.chmod(path, e.mode());
        }
        Instant mtime = atLeastEpoch(e.mtime());
        if (e.type() == TarEntry.Type.DIRECTORY) {
            dirTimes.add(new DirTimes(relPath, e.atime() == null ? Instant.EPOCH : atLeastEpoch(e.atime()), mtime));
        } else {
            Instant atime = e.atime() == null || e.atime().isBefore(mtime) ? mtime : e.atime();
            Linux.utimensat(path, atime, mtime, true);
        }
    }

    private void applyWhiteout(TarEntry e, String parent, String base) throws IOException {
        Path dir = root.resolve(parent);
        if (base.equals(WHITEOUT_OPAQUE)) {
            switch (mode) {
                case OVERLAY -> Linux.lsetxattr(dir, OVERLAY_OPAQUE_XATTR, new byte[]{'y'});
                case APPLY -> removeAllBut(dir, parent);
            }
            return;
        }
        String name = base.substring(WHITEOUT_PREFIX.length());
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IOException("invalid whiteout entry " + quote(e.name()));
        }
        Path target = dir.resolve(name);
        deleteTree(target);
        if (mode == WhiteoutMode.OVERLAY) {
            Linux.mknod(target, Linux.S_IFCHR, 0);
            Linux.lchown(target, e.uid(), e.gid());
            // Docker leaves the device's times at "now"; keeping the entry's makes write-after-apply exact
            Instant mtime = atLeastEpoch(e.mtime());
            Linux.utimensat(target, e.atime() == null || e.atime().isBefore(mtime) ? mtime : e.atime(), mtime, true);
        }
    }

    /** The pre-existing children of an opaque directory go; what this archive created stays. */
    private void removeAllBut(Path dir, String relDir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        for (Path child : children) {
            String childRel = child(relDir, child.getFileName().toString());
            if (created.contains(childRel)) {
                BasicFileAttributes attrs = lstat(child);
                if (attrs != null && attrs.isDirectory()) {
                    removeAllBut(child, childRel);
                }
            } else {
                deleteTree(child);
            }
        }
    }

    /**
     * Resolves the parent directory inside root and creates what is missing of it (mode 0755, root-owned,
     * as Docker's implied directories). Returns its resolved path relative to root.
     */
    private String ensureDirectory(String lexicalParent) throws IOException {
        if (lexicalParent.isEmpty()) {
            return "";
        }
        String resolved = SecurePath.relative(root, lexicalParent, true);
        if (resolved.isEmpty()) {
            return "";
        }
        String prefix = "";
        for (String part : resolved.split("/")) {
            prefix = child(prefix, part);
            Path p = root.resolve(prefix);
            BasicFileAttributes attrs = lstat(p);
            if (attrs == null) {
                Files.createDirectory(p);
                Linux.lchown(p, 0, 0);
                Linux.chmod(p, IMPLIED_DIRECTORY_MODE);
                markCreated(prefix);
            } else if (!attrs.isDirectory()) {
                throw new ErrnoException("mkdir", p.toString(), Linux.ENOTDIR);
            }
        }
        return resolved;
    }

    /** Deletes a path and, for a real directory, everything under it; never follows symlinks. */
    static void deleteTree(Path path) throws IOException {
        BasicFileAttributes attrs = lstat(path);
        if (attrs == null) {
            return;
        }
        if (!attrs.isDirectory()) {
            Files.delete(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    private static Instant atLeastEpoch(Instant t) {
        return t.isBefore(Instant.EPOCH) ? Instant.EPOCH : t;
    }

    /** Go's %q for the plain strings of paths. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
