package io.berth.runtime;

import io.berth.common.AtomicFiles;
import io.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link ContainerRuntime} of conmon (the monitor) and one OCI runtime. Each container's bundle is
 * {@code <exec-root>/c/<id>/}: config.json, conmon's pid, attach socket, control FIFO and persisted exit
 * files. conmon reports exits in the daemon's shared exit directory ({@link ConmonRuntimes#watchExits}).
 */
record ConmonRuntime(Conmon conmon, OciRuntimeClient client, Path bundles, Path exitDir) implements ContainerRuntime {
  @Override
  public String name() {
    return client.runtime().name();
  }

  @Override
  public Path bundle(String id) {
    return bundles.resolve(id);
  }

  private MonitorFiles files(String id) {
    return new MonitorFiles(id, bundle(id), bundle(id), exitDir);
  }

  @Override
  public Created create(CreateSpec spec) throws IOException {
    Path bundle = bundle(spec.id());
    AtomicFiles.deleteTree(bundle);
    Files.createDirectories(bundle);
    AtomicFiles.writeVolatile(bundle.resolve("config.json"), Json.bytes(spec.config()));
    ExitFiles.remove(exitDir, spec.id());
    Launch launch = new Launch(spec.id(), bundle, client, spec.tty(), spec.openStdin(), spec.stdinOnce(),
        spec.logPath(), spec.logSizeMax(), exitDir, bundle);
    ContainerProcess process = conmon.launch(launch);
    return new Created(process.pid(), process.conmonPid());
  }

  @Override
  public void start(String id) throws IOException {
    client.start(id, Conmon.readPid(files(id).pidFile()).orElse(0));
  }

  @Override
  public void kill(String id, int signal, boolean all) throws IOException {
    if (all) {
      client.killAll(id, signal);
    } else {
      client.kill(id, signal);
    }
  }

  @Override
  public void pause(String id) throws IOException {
    client.pause(id);
  }

  @Override
  public void resume(String id) throws IOException {
    client.resume(id);
  }

  @Override
  public void update(String id, Map<String, Object> limits) throws IOException {
    client.update(id, Json.string(limits));
  }

  @Override
  public void delete(String id) throws IOException {
    client.delete(id, true);
    ExitFiles.remove(exitDir, id);
    AtomicFiles.deleteTree(bundle(id));
  }

  @Override
  public ProcessStdio attach(String id) throws IOException {
    return AttachSocket.open(files(id).attachSocket());
  }

  @Override
  public void resize(String id, int height, int width) throws IOException {
    Conmon.resize(files(id), height, width);
  }

  @Override
  public void reopenLog(String id) throws IOException {
    Conmon.reopenLogs(files(id));
  }

  @Override
  public MonitorState monitor(String id) throws IOException {
    return Conmon.inspect(files(id));
  }

  @Override
  public boolean oomKilled(String id) {
    return Files.exists(files(id).oomFile());
  }

  /** The runtime's own state (runc list), for the start-up sweep. */
  java.util.List<String> runtimeState() throws IOException {
    return client.list();
  }
}
