package dev.loophole.ipc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON-RPC method a message record travels as. On a request, {@code result} is the record its
 * response carries ({@link Ack} when it has nothing to say but "done").
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Rpc {
    String value();

    Class<? extends Record> result() default Ack.class;

    /** One sentence for the docs and the schema's description. */
    String doc();
}
