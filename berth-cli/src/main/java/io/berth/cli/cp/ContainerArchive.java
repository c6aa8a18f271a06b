package io.berth.cli.cp;

import io.berth.client.BerthClient;
import io.berth.client.BerthClient.Query;
import io.berth.client.HttpResponse;
import io.berth.client.RequestBody;
import java.io.IOException;
import java.io.InputStream;

/** The daemon's side of {@code cp}: {@code HEAD/GET/PUT /containers/{id}/archive}. */
public record ContainerArchive(BerthClient client, String container) {
  private static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

  private String path() {
    return "/containers/" + BerthClient.pathEscape(container) + "/archive";
  }

  /** {@code HEAD}: the stat of a path in the container; daemon errors are thrown. */
  public PathStat stat(String path) throws IOException {
    try (HttpResponse response = client.call("HEAD", path(), new Query().add("path", path), RequestBody.NONE)) {
      return PathStat.decode(response.header(STAT_HEADER));
    }
  }

  /** {@code GET}: the tar of a path (the caller closes the response) and its stat. */
  public Download download(String path) throws IOException {
    HttpResponse response = client.call("GET", path(), new Query().add("path", path), RequestBody.NONE);
    try {
      return new Download(response, PathStat.decode(response.header(STAT_HEADER)));
    } catch (IOException e) {
      response.close();
      throw e;
    }
  }

  /** {@code PUT}: extracts a tar into a directory of the container, never replacing a directory by a file or back. */
  public void upload(String dir, InputStream tar, boolean copyUidGid) throws IOException {
    Query query = new Query().add("path", dir).add("noOverwriteDirNonDir", "true");
    if (copyUidGid) {
      query.add("copyUIDGID", "true");
    }
    try (HttpResponse response = client.call("PUT", path(), query, RequestBody.stream(tar, "application/x-tar"))) {
      response.readBody();
    }
  }

  public record Download(HttpResponse response, PathStat stat) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      response.close();
    }
  }
}
