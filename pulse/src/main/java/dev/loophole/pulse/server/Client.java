package dev.loophole.pulse.server;

import dev.loophole.ipc.Notification;

/** One connected client, as handlers see it: something to send notifications to alone. */
public interface Client {
    /** Sends a notification to this client only (after the response to the request being handled). */
    void notify(Notification n);

    /** A short name for logs and errors: the client's {@code initialize} name or its address. */
    String name();
}
