package io.berth.template;

import static io.berth.template.TemplateTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the CLI uses the engine for --format: table headers, rows through the tabwriter, and speed. */
class DockerFormatTest {
  @Test
  void headerFunctionsKeepColumnNames() {
    Template t = Template.parse("{{.ID}}\t{{json .Names}}\t{{upper .Image}}\t{{truncate .Command 5}}\t{{pad .Size 1 1}}");
    var header = map("ID", "CONTAINER ID", "Names", "NAMES", "Image", "IMAGE", "Command", "COMMAND", "Size", "SIZE");
    assertEquals("CONTAINER ID\tNAMES\tIMAGE\tCOMMAND\t SIZE ", t.withHeaderFunctions().execute(header));
    // the basic functions still apply to rows
    var row = map("ID", "abc", "Names", "web", "Image", "nginx", "Command", "nginx -g daemon", "Size", "1kB");
    assertEquals("abc\t\"web\"\tNGINX\tnginx\t 1kB ", t.execute(row));
  }

  @Test
  void tableOutputAsDockerPrintsIt() {
    // docker/cli formatter.postFormat: header, then a newline, then the rows, through NewWriter(out, 10, 1, 3, ' ', 0).
    Template t = Template.parse("{{.ID}}\t{{.Image}}\t{{.Status}}");
    TabWriter w = TabWriter.forDockerTable();
    w.write(t.withHeaderFunctions().execute(map("ID", "CONTAINER ID", "Image", "IMAGE", "Status", "STATUS")));
    w.write("\n");
    for (var row : List.of(map("ID", "4c01db0b339c", "Image", "ubuntu:24.04", "Status", "Up 2 minutes"),
        map("ID", "d7886598dbe2", "Image", "busybox", "Status", "Exited (0) 5 seconds ago"))) {
      w.write(t.execute(row) + "\n");
    }
    assertEquals("""
            CONTAINER ID   IMAGE          STATUS
            4c01db0b339c   ubuntu:24.04   Up 2 minutes
            d7886598dbe2   busybox        Exited (0) 5 seconds ago
            """, w.flush());
  }
}
