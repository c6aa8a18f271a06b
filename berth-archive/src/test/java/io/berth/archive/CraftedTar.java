package io.berth.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Builds test archives with commons-compress, an implementation independent of ours. */
final class CraftedTar {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

  CraftedTar() {
    out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  CraftedTar gnuLongNames() {
    out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
    return this;
  }

  CraftedTar dir(String name, int mode) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
    e.setMode(mode);
    return put(e, null);
  }

  CraftedTar file(String name, String content) throws IOException {
    return file(name, 0644, content);
  }

  CraftedTar file(String name, int mode, String content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setMode(mode);
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    e.setSize(data.length);
    return put(e, data);
  }

  CraftedTar symlink(String name, String target) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
    e.setLinkName(target);
    e.setMode(0777);
    return put(e, null);
  }

  CraftedTar hardlink(String name, String target) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
    e.setLinkName(target);
    return put(e, null);
  }

  CraftedTar entry(TarArchiveEntry e, byte[] data) throws IOException {
    return put(e, data);
  }

  private CraftedTar put(TarArchiveEntry e, byte[] data) throws IOException {
    out.putArchiveEntry(e);
    if (data != null) {
      out.write(data);
    }
    out.closeArchiveEntry();
    return this;
  }

  byte[] bytes() throws IOException {
    out.finish();
    return bytes.toByteArray();
  }

  InputStream stream() throws IOException {
    return new ByteArrayInputStream(bytes());
  }
}
