package dev.loophole.signal.driver;

import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackProcessCallback;

/**
 * A JNAJack test client's process callback that can be stopped before its client closes (signal's and cli's tests). jack_deactivate (JACK2)
 * cancels the client's thread asynchronously wherever it is, possibly inside this Java callback, which can hang the JVM
 * (see {@link JackCloseTest}); answering false instead makes libjack deactivate the client and end the thread itself.
 */
public final class StoppableProcess implements JackProcessCallback {
    private final JackProcessCallback body;
    private volatile boolean stop, answered;

    public StoppableProcess(JackProcessCallback body) { this.body = body; }

    @Override
    public boolean process(JackClient client, int frames) {
        if (stop) {
            answered = true;
            return false;
        }
        return body.process(client, frames);
    }

    /** Stops the callbacks (waiting ≤ 2 s for the answer), then closes the client. */
    public void close(JackClient client) throws InterruptedException {
        stop = true;
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!answered && System.nanoTime() < deadline) Thread.sleep(1);
        Thread.sleep(20); // libjack marks the client inactive first thing after the answer; then close cancels nothing
        client.close();
    }
}
