package io.berth.e2e;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a test class's static {@link Started} fields in the order the class declares them: a {@link Berthd}
 * with {@code Berthd.start()} (no bridge, no image), a {@link LocalRegistry} with no auth, a {@link BerthRegistry}
 * with no flags, a {@link ReferenceDockerd}. After the class they are closed, the last started first, also when
 * the class or a start failed. Fixtures that need arguments are started by the class itself.
 */
final class StartedExtension implements BeforeAllCallback {
  private interface Starter {
    AutoCloseable start() throws IOException;
  }

  private static final Map<Class<?>, Starter> STARTERS = Map.of(
      Berthd.class, Berthd::start,
      LocalRegistry.class, () -> LocalRegistry.start(""),
      BerthRegistry.class, BerthRegistry::start,
      ReferenceDockerd.class, ReferenceDockerd::start);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Class<?> testClass = context.getRequiredTestClass();
    ExtensionContext.Store store = context.getStore(ExtensionContext.Namespace.create(StartedExtension.class,
        testClass));
    if (store.get("fixtures") != null) {
      return; // started already: each @Started field names this extension, and one call starts them all
    }
    List<AutoCloseable> started = new ArrayList<>();
    // JUnit closes what the class's store holds when the class is done
    store.put("fixtures", (ExtensionContext.Store.CloseableResource) () ->
        Fixtures.closeAll(started.reversed().toArray(AutoCloseable[]::new)));
    for (Field field : testClass.getDeclaredFields()) {
      if (!field.isAnnotationPresent(Started.class)) {
        continue;
      }
      Starter starter = STARTERS.get(field.getType());
      if (starter == null || !Modifier.isStatic(field.getModifiers())) {
        throw new IllegalStateException(testClass.getSimpleName() + "." + field.getName()
            + ": @Started is for static fields of type " + STARTERS.keySet());
      }
      AutoCloseable fixture = starter.start();
      started.add(fixture);
      field.setAccessible(true);
      field.set(null, fixture);
    }
  }
}
