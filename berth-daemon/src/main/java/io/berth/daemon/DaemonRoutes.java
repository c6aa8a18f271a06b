package io.berth.daemon;

import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The routes the daemon answers itself, without the engine: {@code /_ping} and {@code /version}. */
final class DaemonRoutes {
  private final Application application;

  private DaemonRoutes(Application application) {
    this.application = application;
  }

  static void install(Router router, Application application) {
    DaemonRoutes routes = new DaemonRoutes(application);
    router.get("/_ping", routes::ping);
    router.head("/_ping", routes::ping);
    router.get("/version", routes::version);
  }

  /** The CLI negotiates its API version from these headers. */
  private Response ping(Request request) {
    Response response = request.method().equals("HEAD")
        ? Response.empty(200).header("Content-Type", Response.TEXT).header("Content-Length", "0")
        : Response.text(200, "OK");
    return response
        .header("Builder-Version", "1")
        .header("Swarm", "inactive")
        .header("Cache-Control", "no-cache, no-store, must-revalidate")
        .header("Pragma", "no-cache");
  }

  private Response version(Request request) {
    return Response.json(version(application.versionComponents()));
  }

  static Map<String, Object> version(List<Map<String, Object>> extraComponents) {
    String kernel = kernelVersion();
    String runtime = "java" + Runtime.version();
    List<Object> components = new ArrayList<>();
    Map<String, Object> details = Json.map(
        "ApiVersion", BerthVersion.API_VERSION.toString(),
        "Arch", arch(),
        "BuildTime", BerthVersion.BUILD_TIME,
        "Experimental", "false",
        "GitCommit", BerthVersion.GIT_COMMIT,
        "GoVersion", runtime,
        "KernelVersion", kernel,
        "MinAPIVersion", BerthVersion.MIN_API_VERSION.toString(),
        "Os", "linux");
    components.add(Json.map("Name", "Engine", "Version", BerthVersion.VERSION, "Details", details));
    components.addAll(extraComponents);
    return Json.map(
        "Platform", Json.map("Name", "Berth Engine"),
        "Components", components,
        "Version", BerthVersion.VERSION,
        "ApiVersion", BerthVersion.API_VERSION.toString(),
        "MinAPIVersion", BerthVersion.MIN_API_VERSION.toString(),
        "GitCommit", BerthVersion.GIT_COMMIT,
        "GoVersion", runtime,
        "Os", "linux",
        "Arch", arch(),
        "KernelVersion", kernel,
        "BuildTime", BerthVersion.BUILD_TIME);
  }

  /** {@code uname -r}. */
  static String kernelVersion() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
    } catch (IOException e) {
      return System.getProperty("os.version");
    }
  }

  /** The architecture in Go's (GOARCH) naming. */
  static String arch() {
    return io.berth.common.GoArch.host();
  }
}
