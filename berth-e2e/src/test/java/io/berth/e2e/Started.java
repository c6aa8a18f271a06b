package io.berth.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A static fixture field the class gets started, the default way for its type, before its {@code @BeforeAll}
 * methods, and stopped after the class, also when it fails (see {@link StartedExtension}).
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StartedExtension.class)
@interface Started {}
