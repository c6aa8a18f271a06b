package io.berth.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CLI's commands, one row each: the paths that name it (in the order Docker's "Aliases:" help line lists
 * them), its usage line, its description and how to make it. Dispatch, help pages and the listings of the root
 * and of the management commands all read this table; a command class holds only its flags and its behaviour.
 * <p>
 * The factories are lambdas, not constructor references, and return the interface {@link BerthCommand}: a
 * lambda's body is a method of this class that neither linking nor verification resolves until it runs, so a
 * command's class is loaded only when that command runs (a constructor reference, or a class as the return
 * type, would load all of them at start-up).
 */
final class CommandTable {
  /**
   * @param paths the names that run it, "group command" for a management command's; the first of a scope is
   *              the one its listing shows
   */
  record Row(List<String> paths, String use, String description, Supplier<BerthCommand> factory) {
    /** Docker's "Aliases:" line, without the program names: every path when there is more than one. */
    String aliases() {
      return paths.size() > 1 ? String.join(", ", paths) : null;
    }

    BerthCommand create() {
      return factory.get();
    }
  }

  /** A line of a listing: the name in its scope and the description. */
  record Entry(String name, String description) {}

  /** The management commands. */
  static final List<Entry> GROUPS = List.of(
      new Entry("builder", "Manage builds"),
      new Entry("container", "Manage containers"),
      new Entry("image", "Manage images"),
      new Entry("network", "Manage networks"),
      new Entry("registry", "Run berth's built-in registry"),
      new Entry("system", "Manage Docker"),
      new Entry("volume", "Manage volumes"));

  /** Docker's Long help text, where a command has one beside its description (by the command's first path). */
  private static final java.util.Map<String, String> LONG = java.util.Map.of(
      "volume rm", "Remove one or more volumes. You cannot remove a volume that is in use by a container.");

  static String longDescription(Row row) {
    return LONG.getOrDefault(row.paths().getFirst(), row.description());
  }

  static final List<Row> ROWS = List.of(
      row("attach [OPTIONS] CONTAINER",
          "Attach local standard input, output, and error streams to a running container",
          () -> new AttachCommand(), "container attach", "attach"),
      row("commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]", "Create a new image from a container's changes",
          () -> new CommitCommand(), "container commit", "commit"),
      row("cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tberth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
          "Copy files/folders between a container and the local filesystem",
          () -> new CpCommand(), "container cp", "cp"),
      row("create [OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container",
          () -> new CreateCommand(), "container create", "create"),
      row("diff CONTAINER", "Inspect changes to files or directories on a container's filesystem",
          () -> new DiffCommand(), "container diff", "diff"),
      row("exec [OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container",
          () -> new ExecCommand(), "container exec", "exec"),
      row("export [OPTIONS] CONTAINER", "Export a container's filesystem as a tar archive",
          () -> new ExportCommand(), "container export", "export"),
      row("container inspect [OPTIONS] CONTAINER [CONTAINER...]",
          "Display detailed information on one or more containers",
          () -> new InspectCommand("container"), "container inspect"),
      row("kill [OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers",
          () -> new KillCommand(), "container kill", "kill"),
      row("logs [OPTIONS] CONTAINER", "Fetch the logs of a container",
          () -> new LogsCommand(), "container logs", "logs"),
      row("ps [OPTIONS]", "List containers",
          () -> new PsCommand(), "container ls", "container list", "container ps", "ps"),
      row("pause CONTAINER [CONTAINER...]", "Pause all processes within one or more containers",
          () -> new PauseCommand(true), "container pause", "pause"),
      row("port CONTAINER [PRIVATE_PORT[/PROTO]]", "List port mappings or a specific mapping for the container",
          () -> new PortCommand(), "container port", "port"),
      row("container prune [OPTIONS]", "Remove all stopped containers",
          () -> new ContainerPruneCommand(), "container prune"),
      row("rename CONTAINER NEW_NAME", "Rename a container",
          () -> new RenameCommand(), "container rename", "rename"),
      row("restart [OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers",
          () -> new StopCommand(true), "container restart", "restart"),
      row("rm [OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers",
          () -> new RmCommand(), "container rm", "container remove", "rm"),
      row("run [OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image",
          () -> new RunCommand(), "container run", "run"),
      row("start [OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers",
          () -> new StartCommand(), "container start", "start"),
      row("stats [OPTIONS] [CONTAINER...]", "Display a live stream of container(s) resource usage statistics",
          () -> new StatsCommand(), "container stats", "stats"),
      row("stop [OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers",
          () -> new StopCommand(false), "container stop", "stop"),
      row("top CONTAINER [ps OPTIONS]", "Display the running processes of a container",
          () -> new TopCommand(), "container top", "top"),
      row("unpause CONTAINER [CONTAINER...]", "Unpause all processes within one or more containers",
          () -> new PauseCommand(false), "container unpause", "unpause"),
      row("update [OPTIONS] CONTAINER [CONTAINER...]", "Update configuration of one or more containers",
          () -> new UpdateCommand(), "container update", "update"),
      row("wait CONTAINER [CONTAINER...]", "Block until one or more containers stop, then print their exit codes",
          () -> new WaitCommand(), "container wait", "wait"),

      row("build [OPTIONS] PATH | URL | -", "Build an image from a Dockerfile",
          () -> new BuildCommand(), "image build", "build", "builder build"),
      row("builder prune", "Remove build cache", () -> new BuilderPruneCommand(), "builder prune"),
      row("history [OPTIONS] IMAGE", "Show the history of an image",
          () -> new HistoryCommand(), "image history", "history"),
      row("import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
          "Import the contents from a tarball to create a filesystem image",
          () -> new ImportCommand(), "image import", "import"),
      row("image inspect [OPTIONS] IMAGE [IMAGE...]", "Display detailed information on one or more images",
          () -> new InspectCommand("image"), "image inspect"),
      row("load [OPTIONS]", "Load an image from a tar archive or STDIN",
          () -> new LoadCommand(), "image load", "load"),
      row("images [OPTIONS] [REPOSITORY[:TAG]]", "List images",
          () -> new ImagesCommand(), "image ls", "image list", "images"),
      row("image prune [OPTIONS]", "Remove unused images",
          () -> new ImagePruneCommand(), "image prune"),
      row("pull [OPTIONS] NAME[:TAG|@DIGEST]", "Download an image from a registry",
          () -> new PullCommand(), "image pull", "pull"),
      row("push [OPTIONS] NAME[:TAG]", "Upload an image to a registry",
          () -> new PushCommand(), "image push", "push"),
      row("rmi [OPTIONS] IMAGE [IMAGE...]", "Remove one or more images",
          () -> new RmiCommand(), "image rm", "image remove", "rmi"),
      row("save [OPTIONS] IMAGE [IMAGE...]", "Save one or more images to a tar archive (streamed to STDOUT by default)",
          () -> new SaveCommand(), "image save", "save"),
      row("tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
          () -> new TagCommand(), "image tag", "tag"),

      row("network connect [OPTIONS] NETWORK CONTAINER", "Connect a container to a network",
          () -> new NetworkConnectCommand(true), "network connect"),
      row("network create [OPTIONS] NETWORK", "Create a network", () -> new NetworkCreateCommand(), "network create"),
      row("network disconnect [OPTIONS] NETWORK CONTAINER", "Disconnect a container from a network",
          () -> new NetworkConnectCommand(false), "network disconnect"),
      row("network inspect [OPTIONS] NETWORK [NETWORK...]", "Display detailed information on one or more networks",
          () -> new InspectCommand("network"), "network inspect"),
      row("network ls [OPTIONS]", "List networks", () -> new NetworkListCommand(), "network ls", "network list"),
      row("network prune [OPTIONS]", "Remove all unused networks", () -> new NetworkPruneCommand(), "network prune"),
      row("network rm NETWORK [NETWORK...]", "Remove one or more networks", () -> new NetworkRemoveCommand(),
          "network rm", "network remove"),
      row("system df [OPTIONS]", "Show docker disk usage", () -> new SystemDfCommand(), "system df"),
      row("system prune [OPTIONS]", "Remove unused data", () -> new SystemPruneCommand(), "system prune"),
      row("events [OPTIONS]", "Get real time events from the server",
          () -> new EventsCommand(), "system events", "events"),
      row("info [OPTIONS]", "Display system-wide information", () -> new InfoCommand(), "system info", "info"),

      row("volume create [OPTIONS] [VOLUME]", "Create a volume", () -> new VolumeCreateCommand(), "volume create"),
      row("volume inspect [OPTIONS] VOLUME [VOLUME...]", "Display detailed information on one or more volumes",
          () -> new VolumeInspectCommand(), "volume inspect"),
      row("volume ls [OPTIONS]", "List volumes", () -> new VolumeLsCommand(), "volume ls", "volume list"),
      row("volume prune [OPTIONS]", "Remove unused local volumes", () -> new VolumePruneCommand(), "volume prune"),
      row("volume rm [OPTIONS] VOLUME [VOLUME...]", "Remove one or more volumes", () -> new VolumeRmCommand(),
          "volume rm", "volume remove"),

      row("login [OPTIONS] [SERVER]", "Authenticate to a registry", () -> new LoginCommand(), "login"),
      row("logout [SERVER]", "Log out from a registry", () -> new LogoutCommand(), "logout"),
      row("search [OPTIONS] TERM", "Search Docker Hub for images", () -> new SearchCommand(), "search"),

      row("inspect [OPTIONS] NAME|ID [NAME|ID...]", "Return low-level information on Docker objects",
          () -> new InspectCommand(null), "inspect"),
      row("version [OPTIONS]", "Show the Docker version information", () -> new VersionCommand(), "version"));

  private CommandTable() {}

  private static Row row(String use, String description, Supplier<BerthCommand> factory, String... paths) {
    return new Row(List.of(paths), use, description, factory);
  }

  /** The row of a path such as {@code images} or {@code image ls}, or null if unknown. */
  static Row find(String path) {
    for (Row row : ROWS) {
      if (row.paths().contains(path)) {
        return row;
      }
    }
    return null;
  }

  static Entry group(String name) {
    for (Entry group : GROUPS) {
      if (group.name().equals(name)) {
        return group;
      }
    }
    return null;
  }

  /**
   * The listing of a scope, sorted by name: {@code ""} for the root's commands, else a group's. A row is listed
   * under the first of its paths in that scope.
   */
  static List<Entry> listing(String scope) {
    String prefix = scope.isEmpty() ? "" : scope + " ";
    List<Entry> entries = new ArrayList<>();
    for (Row row : ROWS) {
      for (String path : row.paths()) {
        String name = path.startsWith(prefix) ? path.substring(prefix.length()) : null;
        if (name != null && !name.contains(" ")) {
          entries.add(new Entry(name, row.description()));
          break;
        }
      }
    }
    entries.sort(BY_NAME);
    return entries;
  }

  /** A class, not a lambda: a comparator lambda would be spun at run time, outside the AOT cache. */
  private static final Comparator<Entry> BY_NAME = new Comparator<>() {
    @Override
    public int compare(Entry a, Entry b) {
      return a.name().compareTo(b.name());
    }
  };
}
