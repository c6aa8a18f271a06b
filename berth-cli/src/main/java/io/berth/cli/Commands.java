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
      new Entry("events", "Get real time events from the server"),
      new Entry("history", "Show the history of an image"),
      new Entry("images", "List images"),
      new Entry("import", "Import the contents from a tarball to create a filesystem image"),
      new Entry("info", "Display system-wide information"),
      new Entry("inspect", "Return low-level information on Docker objects"),
      new Entry("load", "Load an image from a tar archive or STDIN"),
      new Entry("rmi", "Remove one or more images"),
      new Entry("save", "Save one or more images to a tar archive (streamed to STDOUT by default)"),
      new Entry("tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"),
      new Entry("version", "Show the Docker version information"));

  static final List<Entry> GROUPS = List.of(
      new Entry("image", "Manage images"),
      new Entry("system", "Manage Docker"));

  static final List<Entry> IMAGE = List.of(
      new Entry("history", "Show the history of an image"),
      new Entry("import", "Import the contents from a tarball to create a filesystem image"),
      new Entry("inspect", "Display detailed information on one or more images"),
      new Entry("load", "Load an image from a tar archive or STDIN"),
      new Entry("ls", "List images"),
      new Entry("prune", "Remove unused images"),
      new Entry("rm", "Remove one or more images"),
      new Entry("save", "Save one or more images to a tar archive (streamed to STDOUT by default)"),
      new Entry("tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"));

  static final List<Entry> SYSTEM = List.of(
      new Entry("df", "Show docker disk usage"),
      new Entry("events", "Get real time events from the server"),
      new Entry("info", "Display system-wide information"));

  private Commands() {}

  static boolean isGroup(String name) {
    return name.equals("image") || name.equals("system");
  }

  static List<Entry> groupEntries(String group) {
    return group.equals("image") ? IMAGE : SYSTEM;
  }

  /** The command for a path such as {@code images} or {@code image ls}, or null if unknown. */
  static BerthCommand create(String path) {
    return switch (path) {
      case "version" -> new VersionCommand();
      case "info", "system info" -> new InfoCommand();
      case "images", "image ls", "image list" -> new ImagesCommand();
      case "tag", "image tag" -> new TagCommand();
      case "rmi", "image rm", "image remove" -> new RmiCommand();
      case "history", "image history" -> new HistoryCommand();
      case "inspect" -> new InspectCommand(false);
      case "image inspect" -> new InspectCommand(true);
      case "import", "image import" -> new ImportCommand();
      case "save", "image save" -> new SaveCommand();
      case "load", "image load" -> new LoadCommand();
      case "image prune" -> new ImagePruneCommand();
      case "system df" -> new SystemDfCommand();
      case "events", "system events" -> new EventsCommand();
      default -> null;
    };
  }
}
