package io.berth.engine;

import io.berth.engine.container.ContainerService;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.events.EventBus;
import io.berth.engine.fs.AtomicFiles;
import io.berth.engine.image.ImageArchive;
import io.berth.engine.image.ImageImporter;
import io.berth.engine.image.ImageRemover;
import io.berth.engine.image.ImageService;
import io.berth.engine.image.ImageStore;
import io.berth.engine.image.Images;
import io.berth.engine.image.ReferenceStore;
import io.berth.engine.layer.LayerStore;
import io.berth.engine.storage.GraphDriver;
import io.berth.engine.system.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The engine: every store and service, opened from the data root with Docker's layout
 * ({@code image/<driver>/imagedb}, {@code image/<driver>/layerdb},
 * {@code image/<driver>/repositories.json}, {@code <driver>/}, {@code tmp/}). Opening it repairs
 * whatever a crash left behind. It knows nothing of HTTP.
 */
public final class Engine {
  private final EngineConfig config;
  private final EventBus events = new EventBus();
  private final GraphDriver driver;
  private final Images images;
  private final ImageService imageService;
  private final ImageRemover imageRemover;
  private final ImageImporter imageImporter;
  private final ImageArchive imageArchive;
  private final Host host;
  private final ContainerService containers;

  /** Where the engine keeps its state and which storage driver it was asked for. */
  public record EngineConfig(Path dataRoot, Path execRoot, String storageDriver) {}

  private Engine(EngineConfig config) throws IOException {
    this.config = config;
    Path root = config.dataRoot();
    Files.createDirectories(root);
    Path tmp = root.resolve("tmp");
    AtomicFiles.deleteTree(tmp); // staging areas of interrupted loads and imports
    Files.createDirectories(tmp);
    Files.createDirectories(config.execRoot());
    this.driver = GraphDriver.open(config.storageDriver(), root);
    Path imageRoot = root.resolve("image").resolve(driver.name());
    LayerStore layers = new LayerStore(imageRoot.resolve("layerdb"), driver);
    ImageStore store = new ImageStore(imageRoot.resolve("imagedb"));
    ReferenceStore refs = new ReferenceStore(imageRoot.resolve("repositories.json"));
    this.images = new Images(store, refs, layers, events, tmp);
    this.host = new Host(root);
    this.containers = new ContainerService(new ContainerStore(root.resolve("containers")), images, events,
        host.cpus());
    images.repair(); // after the containers are known: their layers must survive the sweep
    this.imageService = new ImageService(images);
    this.imageRemover = new ImageRemover(images);
    this.imageImporter = new ImageImporter(images);
    this.imageArchive = new ImageArchive(images);
  }

  public static Engine open(EngineConfig config) throws IOException {
    return new Engine(config);
  }

  public EngineConfig config() {
    return config;
  }

  public EventBus events() {
    return events;
  }

  public GraphDriver driver() {
    return driver;
  }

  public Images images() {
    return images;
  }

  public ImageService imageService() {
    return imageService;
  }

  public ImageRemover imageRemover() {
    return imageRemover;
  }

  public ImageImporter imageImporter() {
    return imageImporter;
  }

  public ImageArchive imageArchive() {
    return imageArchive;
  }

  public ContainerService containers() {
    return containers;
  }

  public Host host() {
    return host;
  }
}
