package io.berth.cli;

import java.util.List;

/**
 * The command tree. A switch rather than a table of factories, so that only the class of the
 * command being run is ever loaded (start-up time).
 */
final class Commands {
  /** A top-level or management-group entry for help listings. */
  record Entry(String name, String description) {}

  static final List<Entry> TOP = List.of(
      new Entry("attach", "Attach local standard input, output, and error streams to a running container"),
      new Entry("commit", "Create a new image from a container's changes"),
      new Entry("cp", "Copy files/folders between a container and the local filesystem"),
      new Entry("create", "Create a new container"),
      new Entry("diff", "Inspect changes to files or directories on a container's filesystem"),
      new Entry("events", "Get real time events from the server"),
      new Entry("exec", "Execute a command in a running container"),
      new Entry("export", "Export a container's filesystem as a tar archive"),
      new Entry("history", "Show the history of an image"),
      new Entry("images", "List images"),
      new Entry("import", "Import the contents from a tarball to create a filesystem image"),
      new Entry("info", "Display system-wide information"),
      new Entry("inspect", "Return low-level information on Docker objects"),
      new Entry("kill", "Kill one or more running containers"),
      new Entry("load", "Load an image from a tar archive or STDIN"),
      new Entry("login", "Authenticate to a registry"),
      new Entry("logout", "Log out from a registry"),
      new Entry("logs", "Fetch the logs of a container"),
      new Entry("pause", "Pause all processes within one or more containers"),
      new Entry("port", "List port mappings or a specific mapping for the container"),
      new Entry("ps", "List containers"),
      new Entry("pull", "Download an image from a registry"),
      new Entry("push", "Upload an image to a registry"),
      new Entry("rename", "Rename a container"),
      new Entry("restart", "Restart one or more containers"),
      new Entry("rm", "Remove one or more containers"),
      new Entry("rmi", "Remove one or more images"),
      new Entry("run", "Create and run a new container from an image"),
      new Entry("save", "Save one or more images to a tar archive (streamed to STDOUT by default)"),
      new Entry("search", "Search Docker Hub for images"),
      new Entry("start", "Start one or more stopped containers"),
      new Entry("stats", "Display a live stream of container(s) resource usage statistics"),
      new Entry("stop", "Stop one or more running containers"),
      new Entry("tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"),
      new Entry("top", "Display the running processes of a container"),
      new Entry("unpause", "Unpause all processes within one or more containers"),
      new Entry("update", "Update configuration of one or more containers"),
      new Entry("version", "Show the Docker version information"),
      new Entry("wait", "Block until one or more containers stop, then print their exit codes"));

  static final List<Entry> GROUPS = List.of(
      new Entry("container", "Manage containers"),
      new Entry("image", "Manage images"),
      new Entry("system", "Manage Docker"));

  static final List<Entry> IMAGE = List.of(
      new Entry("history", "Show the history of an image"),
      new Entry("import", "Import the contents from a tarball to create a filesystem image"),
      new Entry("inspect", "Display detailed information on one or more images"),
      new Entry("load", "Load an image from a tar archive or STDIN"),
      new Entry("ls", "List images"),
      new Entry("prune", "Remove unused images"),
      new Entry("pull", "Download an image from a registry"),
      new Entry("push", "Upload an image to a registry"),
      new Entry("rm", "Remove one or more images"),
      new Entry("save", "Save one or more images to a tar archive (streamed to STDOUT by default)"),
      new Entry("tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"));

  static final List<Entry> SYSTEM = List.of(
      new Entry("df", "Show docker disk usage"),
      new Entry("events", "Get real time events from the server"),
      new Entry("info", "Display system-wide information"));

  private Commands() {}

  static final List<Entry> CONTAINER = List.of(
      new Entry("attach", "Attach local standard input, output, and error streams to a running container"),
      new Entry("commit", "Create a new image from a container's changes"),
      new Entry("cp", "Copy files/folders between a container and the local filesystem"),
      new Entry("create", "Create a new container"),
      new Entry("diff", "Inspect changes to files or directories on a container's filesystem"),
      new Entry("exec", "Execute a command in a running container"),
      new Entry("export", "Export a container's filesystem as a tar archive"),
      new Entry("inspect", "Display detailed information on one or more containers"),
      new Entry("kill", "Kill one or more running containers"),
      new Entry("logs", "Fetch the logs of a container"),
      new Entry("ls", "List containers"),
      new Entry("pause", "Pause all processes within one or more containers"),
      new Entry("port", "List port mappings or a specific mapping for the container"),
      new Entry("prune", "Remove all stopped containers"),
      new Entry("rename", "Rename a container"),
      new Entry("restart", "Restart one or more containers"),
      new Entry("rm", "Remove one or more containers"),
      new Entry("run", "Create and run a new container from an image"),
      new Entry("start", "Start one or more stopped containers"),
      new Entry("stats", "Display a live stream of container(s) resource usage statistics"),
      new Entry("stop", "Stop one or more running containers"),
      new Entry("top", "Display the running processes of a container"),
      new Entry("unpause", "Unpause all processes within one or more containers"),
      new Entry("update", "Update configuration of one or more containers"),
      new Entry("wait", "Block until one or more containers stop, then print their exit codes"));

  static boolean isGroup(String name) {
    return name.equals("image") || name.equals("system") || name.equals("container");
  }

  static List<Entry> groupEntries(String group) {
    return switch (group) {
      case "image" -> IMAGE;
      case "container" -> CONTAINER;
      default -> SYSTEM;
    };
  }

  /** The command for a path such as {@code images} or {@code image ls}, or null if unknown. */
  static BerthCommand create(String path) {
    return switch (path) {
      case "version" -> new VersionCommand();
      case "run", "container run" -> new RunCommand();
      case "create", "container create" -> new CreateCommand();
      case "cp", "container cp" -> new CpCommand();
      case "start", "container start" -> new StartCommand();
      case "stop", "container stop" -> new StopCommand();
      case "restart", "container restart" -> new RestartCommand();
      case "kill", "container kill" -> new KillCommand();
      case "rm", "container rm", "container remove" -> new RmCommand();
      case "ps", "container ls", "container list", "container ps" -> new PsCommand();
      case "logs", "container logs" -> new LogsCommand();
      case "attach", "container attach" -> new AttachCommand();
      case "exec", "container exec" -> new ExecCommand();
      case "wait", "container wait" -> new WaitCommand();
      case "rename", "container rename" -> new RenameCommand();
      case "top", "container top" -> new TopCommand();
      case "stats", "container stats" -> new StatsCommand();
      case "port", "container port" -> new PortCommand();
      case "update", "container update" -> new UpdateCommand();
      case "pause", "container pause" -> new PauseCommand();
      case "unpause", "container unpause" -> new UnpauseCommand();
      case "container prune" -> new ContainerPruneCommand();
      case "diff", "container diff" -> new DiffCommand();
      case "commit", "container commit" -> new CommitCommand();
      case "export", "container export" -> new ExportCommand();
      case "info", "system info" -> new InfoCommand();
      case "images", "image ls", "image list" -> new ImagesCommand();
      case "tag", "image tag" -> new TagCommand();
      case "rmi", "image rm", "image remove" -> new RmiCommand();
      case "history", "image history" -> new HistoryCommand();
      case "inspect" -> new InspectCommand(null);
      case "image inspect" -> new InspectCommand("image");
      case "container inspect" -> new InspectCommand("container");
      case "import", "image import" -> new ImportCommand();
      case "save", "image save" -> new SaveCommand();
      case "load", "image load" -> new LoadCommand();
      case "pull", "image pull" -> new PullCommand();
      case "push", "image push" -> new PushCommand();
      case "login" -> new LoginCommand();
      case "search" -> new SearchCommand();
      case "logout" -> new LogoutCommand();
      case "image prune" -> new ImagePruneCommand();
      case "system df" -> new SystemDfCommand();
      case "events", "system events" -> new EventsCommand();
      default -> null;
    };
  }
}
