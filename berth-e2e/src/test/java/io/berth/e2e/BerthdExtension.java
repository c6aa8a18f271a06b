package io.berth.e2e;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives an e2e class its daemon: a {@link Berthd} parameter of a {@code @BeforeAll} method is a berthd started
 * for the class on temporary paths with its own bridge, with busybox imported as {@code busybox} (CMD sh). It
 * is stopped, and every trace of it removed, after the class, also when the class fails.
 */
final class BerthdExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Berthd.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(ExtensionContext.Namespace.create(BerthdExtension.class,
        context.getRequiredTestClass()));
    return store.getOrComputeIfAbsent("daemon", key -> new Resource(start()), Resource.class).daemon;
  }

  private static Berthd start() {
    try {
      Berthd daemon = Berthd.startWithBridge();
      try {
        daemon.dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-c", "CMD [\"sh\"]", "-", "busybox")
            .ok();
      } catch (RuntimeException | Error e) {
        daemon.close();
        throw e;
      }
      return daemon;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Closed by JUnit when the class's store goes. */
  private record Resource(Berthd daemon) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      daemon.close();
    }
  }
}
