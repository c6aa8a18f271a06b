package io.berth.daemon.http;

/**
 * Who the server says it is, in the headers every response carries: {@code Api-Version},
 * {@code Server: Berth/0.1.0 (linux)}, {@code Ostype}, {@code Docker-Experimental}.
 */
public record ServerInfo(String product, String version, ApiVersion apiVersion) {

  public String serverHeader() {
    return product + "/" + version + " (linux)";
  }

  /** The headers dockerd's middlewares put on every response. */
  Headers commonHeaders() {
    return Headers.of(
        "Api-Version", apiVersion.toString(),
        "Docker-Experimental", "false",
        "Ostype", "linux",
        "Server", serverHeader());
  }
}
