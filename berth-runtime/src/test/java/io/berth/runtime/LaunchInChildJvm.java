package io.berth.runtime;

import java.nio.file.Path;

/** The JVM ConmonTest kills: launches and starts one container, reports its pids, then waits to die. */
public final class LaunchInChildJvm {
  private LaunchInChildJvm() {
  }

  public static void main(String[] args) throws Exception {
    String id = args[0];
    OciRuntimeClient runtime = new OciRuntimeClient(new OciRuntime("runc", Path.of("/usr/sbin/runc")), Path.of(args[2]));
    Launch spec = new Launch(id, Path.of(args[1]), runtime, false, false, false, Path.of(args[3]), 0,
        Path.of(args[4]), Path.of(args[5]));
    ContainerProcess p = Conmon.installed().orElseThrow().launch(spec);
    runtime.start(id, runtime.state(id).pid());
    System.out.println("started " + p.pid() + " " + p.conmonPid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
