package io.berth.e2e;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives an e2e class its daemon: before the class's {@code @BeforeAll} methods, its one static {@link Berthd}
 * field is set to a berthd started for the class on temporary paths with its own bridge, with busybox imported
 * as {@code busybox} (CMD sh). It is stopped, and every trace of it removed, after the class, also when the
 * class fails.
 */
final class BerthdExtension implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Class<?> testClass = context.getRequiredTestClass();
    List<Field> fields = Stream.of(testClass.getDeclaredFields())
        .filter(f -> f.getType() == Berthd.class && Modifier.isStatic(f.getModifiers())).toList();
    if (fields.size() != 1) {
      throw new IllegalStateException(testClass.getSimpleName() + " has " + fields.size()
          + " static Berthd fields: BerthdExtension sets exactly one");
    }
    Berthd daemon = Berthd.startWithBridge();
    // JUnit closes what the class's store holds when the class is done, also when what follows fails
    context.getStore(ExtensionContext.Namespace.create(BerthdExtension.class))
        .put("daemon", (ExtensionContext.Store.CloseableResource) daemon::close);
    daemon.importBusybox();
    fields.getFirst().setAccessible(true);
    fields.getFirst().set(null, daemon);
  }
}
