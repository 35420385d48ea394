package dev.loophole.ipc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds on a string's length or a list's items. Every string and list on the wire has one
 * (defaults below), so no single field can make the server hold an unbounded amount.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Size {
    int min() default 0;

    int max();

    int DEFAULT_STRING = 4096;
    int DEFAULT_LIST = 100_000;
}
