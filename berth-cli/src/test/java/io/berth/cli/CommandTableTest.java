package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one table of commands: every path names one row, every row makes its command, listings come from it. */
class CommandTableTest {
  @Test
  void eachPathNamesOneRowWhoseFactoryMakesItsCommand() {
    Set<String> seen = new HashSet<>();
    for (CommandTable.Row row : CommandTable.ROWS) {
      for (String path : row.paths()) {
        assertTrue(seen.add(path), "named twice: " + path);
        assertEquals(row, CommandTable.find(path));
        String group = path.contains(" ") ? path.substring(0, path.indexOf(' ')) : null;
        assertTrue(group == null || CommandTable.group(group) != null, path);
      }
      BerthCommand command = row.create();
      assertNotNull(command.flags(), row.use());
      assertTrue(command != row.create(), "a fresh command for each run: " + row.use());
    }
    assertNull(CommandTable.find("nosuch"));
    assertNull(CommandTable.find("container images"));
  }

  @Test
  void aliasesAreEveryPathInDockersOrder() {
    assertEquals("container ls, container list, container ps, ps", CommandTable.find("ps").aliases());
    assertEquals("image rm, image remove, rmi", CommandTable.find("image remove").aliases());
    assertNull(CommandTable.find("container prune").aliases());
    assertNull(CommandTable.find("version").aliases());
    assertEquals("image build, build, builder build", CommandTable.find("build").aliases());
  }

  @Test
  void listingsShowEachRowOnceUnderItsFirstNameInTheScope() {
    List<String> system = CommandTable.listing("system").stream().map(CommandTable.Entry::name).toList();
    assertEquals(List.of("df", "events", "info", "prune"), system);
    assertEquals(List.of("create", "inspect", "ls", "prune", "rm"),
        CommandTable.listing("volume").stream().map(CommandTable.Entry::name).toList());
    List<String> image = CommandTable.listing("image").stream().map(CommandTable.Entry::name).toList();
    assertEquals(List.of("build", "history", "import", "inspect", "load", "ls", "prune", "pull", "push", "rm", "save",
        "tag"), image);
    assertEquals(List.of("build", "prune"),
        CommandTable.listing("builder").stream().map(CommandTable.Entry::name).toList());
    List<CommandTable.Entry> root = CommandTable.listing("");
    assertEquals(40, root.size());
    assertTrue(root.contains(new CommandTable.Entry("ps", "List containers")));
    assertTrue(root.contains(new CommandTable.Entry("inspect", "Return low-level information on Docker objects")));
    assertEquals(25, CommandTable.listing("container").size());
  }
}
