package dev.loophole.signal.driver;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;

/**
 * One JACK client of a {@link JackDriver} with its ports and callbacks: replaced as a whole when the server restarts,
 * and closed without ever letting libjack cancel one of its threads inside the JVM ({@link ProcessThreadStop},
 * {@link ServerGoneNotice}).
 */
final class JackSession {
    /** The driver side of a session's callbacks. */
    interface Host {
        /** JACK's process cycle, on its thread. */
        int process(JackSession s, int nframes);

        /** The server went away (libjack's notice, on one of its threads). */
        void serverGone(JackSession s);

        /** A client left open: its threads may still call the upcall stubs, which must then be kept for good. */
        void sessionLost();
    }

    final JackClient client;
    final JackPort[] outs;
    final JackPort midiIn;
    final long clientAddress, midiInAddress;
    final int sampleRate;
    final long[] outAddress, outBuffer; // outBuffer: audio-thread scratch, this cycle's port buffers
    boolean first = true;               // audio thread
    volatile boolean gone;
    final ProcessThreadStop stop;       // the close handshake with JACK's thread
    final ServerGoneNotice notice;      // the threads that said the server went away
    boolean clientClosed;               // guarded by the driver's lock
    private final DriverStats stats;
    private final Host host;

    JackSession(JackClient client, JackNative ffi, List<String> outputs, DriverStats stats, Host host) throws JackException {
        this.client = client;
        this.stats = stats;
        this.host = host;
        stop = new ProcessThreadStop(ffi);
        notice = new ServerGoneNotice(ffi);
        sampleRate = client.getSampleRate();
        outs = new JackPort[2 * outputs.size()];
        outAddress = new long[outs.length];
        outBuffer = new long[outs.length];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = client.registerPort(AudioConfig.portName(outputs.get(i / 2), i % 2), JackPortType.AUDIO, JackPortFlags.JackPortIsOutput);
            outAddress[i] = JackNative.address(outs[i]);
        }
        midiIn = client.registerPort("midi_in", JackPortType.MIDI, JackPortFlags.JackPortIsInput);
        clientAddress = JackNative.address(client);
        midiInAddress = JackNative.address(midiIn);
        ffi.setProcessCallback(clientAddress, (n, arg) -> host.process(this, n));
        ffi.setNotifications(clientAddress, stats.xruns::incrementAndGet, () -> host.serverGone(this),
                starting -> stats.freewheel(starting != 0));
    }

    void closeClient() { closeClient(false, () -> false); }

    /**
     * Driver's lock held.
     *
     * @param suspectGone the server may have died (an activation failed): wait for its notice before closing
     * @param abandon once true, stop waiting for the notice's threads and leave the client open if they may still run
     */
    void closeClient(boolean suspectGone, BooleanSupplier abandon) {
        if (clientClosed) return;
        clientClosed = true;
        if (!gone) {
            if (!stop.run(stats.freewheeling())) {
                host.sessionLost(); // its thread may still call the stubs: keep them
                return;             // and never cancel it inside Java (ProcessThreadStop.run)
            }
            client.deactivate();
        }
        // jack_client_close would cancel them, maybe inside the JVM (ServerGoneNotice): if the wait was cut short
        // by a close, the client is left to the process's exit and its stubs kept
        if (!notice.awaitThreadGone(suspectGone, abandon)) {
            host.sessionLost();
            return;
        }
        client.close(); // returns once JACK's thread will not call the process stub again
        stop.forget();
    }
}
