package dev.loophole.signal.driver;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;

/**
 * JACK through JNAJack: one stereo output per named bus ({@code NAME_L}/{@code NAME_R}, default
 * {@code out_L}/{@code out_R}), one MIDI input {@code midi_in}.
 * JNAJack opens the client and registers and connects ports; every callback from JACK (process,
 * xrun, freewheel, shutdown) and the per-cycle calls go through {@link JackNative} (java.lang.foreign),
 * so a whole cycle allocates nothing and no JNA callback thread attaches and detaches. The stream clock follows JACK's
 * frame time, so after an xrun the song stays on the wall clock. Also runs on PipeWire's JACK layer.
 *
 * <p>With {@link AudioConfig#reconnect()}, a server that goes away does not stop the driver: the
 * engine stays, a control thread tries every {@link #RETRY_MILLIS} ms to open a new client with the
 * same ports and connections, and the stream clock continues where it stopped.
 */
public final class JackDriver implements AudioDriver {
    static final long RETRY_MILLIS = 500;
    private final AudioConfig config;
    private final BlockRunner runner;
    private final JackNative ffi;
    private final Jack jack;
    private final String server;
    private final int rate;
    private volatile int bufferSize;
    private volatile JackSession session;
    private final List<String> midiConnected = new CopyOnWriteArrayList<>();
    private final List<String> outConnected = new CopyOnWriteArrayList<>();
    // Held so JNA does not collect callbacks that native code still points at.
    private Thread watcher;
    private volatile boolean anySessionLost; // some server went away under us: keep the upcall stubs for good

    // Audio-thread state (one JACK process thread at a time: a new session starts after the old one's server died).
    private long prevFrameTime, lastBlockStart;
    private final float[] silence = new float[AudioConfig.MAX_BLOCK]; // the last cycle's output, on close
    private volatile long streamFrame, sessionBase, sessionFirstFrameTime = -1, lastFrameTime, lastCycleFrames;

    private volatile boolean running, closed;
    /** Tests: runs on the reconnect thread between opening a new client and activating it (a server dying just then). */
    static volatile Runnable beforeReactivation;
    /** Tests: runs inside the server-gone upcall once the session is flagged gone (a close overlapping the upcall). */
    static volatile Runnable afterServerGoneNotice;
    /** Set by close before it takes the lock: a reconnect holding the lock stops waiting for a notice's thread. */
    private volatile boolean closing;
    private volatile String stopReason;
    private static volatile String lastJackError;

    /** What a session calls back: JACK's process cycle and server-gone notice, and a client it had to leave open. */
    private final JackSession.Host host = new JackSession.Host() {
        @Override public int process(JackSession s, int nframes) { return JackDriver.this.process(s, nframes); }
        @Override public void serverGone(JackSession s) { JackDriver.this.serverGone(s); }
        @Override public void sessionLost() { anySessionLost = true; }
    };

    private JackDriver(AudioConfig config) {
        this.config = config;
        this.runner = new BlockRunner(config.outputs().size());
        if (config.jackServer() != null) setenv("JACK_DEFAULT_SERVER", config.jackServer());
        server = config.jackServer() != null ? config.jackServer() : envOr("JACK_DEFAULT_SERVER", "default");
        try {
            jack = Jack.getInstance();
        } catch (Throwable e) { // JackException, or UnsatisfiedLinkError without libjack
            throw new AudioUnavailableException("JACK is not installed (libjack not found)", e);
        }
        silenceLibjack();
        ffi = new JackNative();
        session = openSession(jack);
        rate = session.sampleRate;
    }

    /** Opens a client and registers its ports and callbacks (not activated). */
    private JackSession openSession(Jack jack) {
        EnumSet<JackStatus> status = EnumSet.noneOf(JackStatus.class);
        JackClient client;
        try {
            client = jack.openClient(config.clientName(), EnumSet.of(JackOptions.JackNoStartServer), status);
        } catch (JackException e) {
            throw new AudioUnavailableException("no JACK server '" + server + "' is running", new JackException(status + ": " + e.getMessage(), e));
        }
        try {
            bufferSize = client.getBufferSize();
            return new JackSession(client, ffi, config.outputs(), runner.stats, host);
        } catch (JackException | AudioUnavailableException e) {
            client.close();
            throw new AudioUnavailableException("JACK refused the client '" + config.clientName() + "': " + e.getMessage(), e);
        }
    }

    /** Connects to the running JACK server (never starts one). */
    public static JackDriver open(AudioConfig config) {
        return new JackDriver(config);
    }

    @Override public String kind() { return "jack"; }

    @Override public int sampleRate() { return rate; }

    @Override public int blockSize() { return bufferSize; }

    @Override public long streamFrame() { return streamFrame; }

    @Override public MidiRing addMidiSource(int capacity) { return runner.inbox.addSource(capacity); }

    @Override public DriverStats stats() { return runner.stats; }

    @Override public boolean isRunning() { return running; }

    @Override public String stopReason() { return stopReason; }

    @Override public List<String> midiInputs() { return List.copyOf(midiConnected); }

    /** JACK's own clock: frames from the start of the first cycle we processed to the end of the latest one (summed over reconnects). */
    public long jackFramesElapsed() {
        long f = sessionFirstFrameTime;
        return f < 0 ? 0 : sessionBase + ((lastFrameTime - f) & 0xFFFF_FFFFL) + lastCycleFrames;
    }

    /** The JACK client's full name (JACK may have made it unique). */
    public String clientName() { return session.client.getName(); }

    /** Our output ports' full names, in bus order (L, R, L, R, …). */
    public List<String> outputPorts() {
        List<String> names = new ArrayList<>();
        for (JackPort p : session.outs) names.add(p.getName());
        return names;
    }

    @Override
    public String describe() {
        String extra = config.outputs().size() < 2 ? "" : ", also outputs " + String.join(", ", outputPorts().subList(2, session.outs.length).stream()
                .map(p -> p.substring(p.indexOf(':') + 1)).toList());
        return String.format("JACK client %s, %d Hz, %d frames (%.1f ms), outputs → %s%s, MIDI ← %s", clientName(), rate, bufferSize,
                1000.0 * bufferSize / rate, outConnected.isEmpty() ? "not connected" : String.join(", ", outConnected), extra,
                midiConnected.isEmpty() ? "nothing connected" : String.join(", ", midiConnected));
    }

    @Override
    public synchronized void start(AudioCallback callback) {
        if (running || closed) throw new IllegalStateException("already started or closed");
        runner.setCallback(callback);
        try {
            activate(session);
        } catch (JackException e) {
            close();
            throw new AudioUnavailableException("JACK: cannot start the client: " + e.getMessage(), e);
        }
        running = true;
        if (config.reconnect()) {
            watcher = new Thread(this::watch, "loophole-jack-reconnect");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    /** Activates a session's client and makes our connections: main outputs to the system, matching MIDI sources to midi_in. */
    private void activate(JackSession s) throws JackException {
        s.client.activate();
        s.stop.activated = true;
        outConnected.clear();
        midiConnected.clear();
        if (config.connectOutputs()) {
            String[] playback = jack.getPorts(s.client, null, JackPortType.AUDIO, EnumSet.of(JackPortFlags.JackPortIsInput, JackPortFlags.JackPortIsPhysical));
            for (int i = 0; i < Math.min(2, playback.length); i++) {
                jack.connect(s.client, s.outs[i].getName(), playback[i]);
                outConnected.add(playback[i]);
            }
            if (playback.length == 1) { jack.connect(s.client, s.outs[1].getName(), playback[0]); } // mono system: both sides
        }
        if (config.midiInputs() != null) {
            Set<String> physical = new HashSet<>(Arrays.asList(jack.getPorts(s.client, null, JackPortType.MIDI,
                    EnumSet.of(JackPortFlags.JackPortIsOutput, JackPortFlags.JackPortIsPhysical))));
            for (String p : jack.getPorts(s.client, null, JackPortType.MIDI, EnumSet.of(JackPortFlags.JackPortIsOutput))) {
                if (p.startsWith(s.client.getName() + ":") || !config.wantsMidiSource(p, physical.contains(p))) continue;
                jack.connect(s.client, p, s.midiIn.getName());
                midiConnected.add(p);
            }
        }
    }

    /** JACK's notification thread: the server is going away. Only flags; the reconnect thread does the work. */
    private void serverGone(JackSession s) {
        s.notice.delivered();
        try {
            flagGone(s);
            Runnable seam = afterServerGoneNotice; // after the flags: the reconnect's close starts while this upcall runs
            if (seam != null) seam.run();
        } finally {
            s.notice.left();
        }
    }

    private void flagGone(JackSession s) {
        anySessionLost = true; // keeps the upcall stubs even for a notice we ignore: a few bytes
        // Closing: JACK1 answers the callback's "stop" with jack_client_thread_suicide, which calls this handler
        // although the server runs on. The close finishes either way.
        if (s.stop.requested) return;
        s.gone = true;
        if (!config.reconnect() || watcher == null) {
            stopReason = "the JACK server '" + server + "' shut down";
            running = false;
            return;
        }
        runner.stats.reconnecting(server);
        LockSupport.unpark(watcher);
    }

    /** The reconnect thread: waits for the session to be lost, then retries until a server with our name is back. */
    private void watch() {
        while (!closed && stopReason == null) {
            if (session.gone) {
                try {
                    reconnect();
                } catch (RuntimeException e) {
                    runner.stats.retryFailed(e.getMessage()); // not back yet, or it refused us: said, and tried again next round
                }
            }
            LockSupport.parkNanos(RETRY_MILLIS * 1_000_000);
        }
    }

    private synchronized void reconnect() {
        JackSession old = session;
        if (closed || stopReason != null || !old.gone) return;
        old.closeClient(false, () -> closing); // frees libjack's side; the callbacks' stubs stay (a few bytes) as its thread's fate is unknown
        if (closing) return; // a close is waiting for the lock: no new client for it to stop
        JackSession s = openSession(jack);
        Runnable seam = beforeReactivation;
        if (seam != null) seam.run();
        if (s.sampleRate != rate) {
            s.closeClient(false, () -> closing);
            stopReason = "the JACK server '" + server + "' came back at " + s.sampleRate + " Hz instead of " + rate + " Hz";
            running = false;
            return;
        }
        session = s;
        try {
            activate(s);
        } catch (JackException e) {
            s.closeClient(true, () -> closing); // while not gone: its thread may be running our callback, so it stops as on close
            s.gone = true;   // the next round retries with a fresh client
            throw new AudioUnavailableException("the JACK server '" + server + "' refused the restarted client: " + e.getMessage(), e);
        }
        runner.stats.reconnected();
    }

    @Override
    public void close() {
        // From JACK's own process thread (an AudioCallback closing its driver) the close would wait for that very
        // thread to leave: refused. Checked before taking the lock, which the close itself may hold.
        if (session.stop.onProcessThread())
            throw new IllegalStateException("JackDriver.close() called from JACK's process thread (inside the audio callback)");
        closing = true; // a reconnect holding the lock (up to 3 s in its waits for a notice) lets go at once
        closeFromControl();
    }

    private synchronized void closeFromControl() {
        if (closed) {
            if (watcher != null) LockSupport.unpark(watcher);
            return;
        }
        closed = true;
        running = false;
        if (watcher != null) LockSupport.unpark(watcher);
        session.closeClient();
        if (!anySessionLost) ffi.close(); // after a server shutdown its thread's fate is unknown: keep the stubs
    }

    /**
     * Whether close saw JACK's process thread end (and reaped it) before closing the client; always true where that
     * cannot be seen (no pthread_tryjoin_np, or not JACK2). For tests.
     */
    boolean processThreadEndedBeforeClose() { return session.stop.endSeen(); }

    /** Callbacks of the current client that answered the close's "stop". For tests. */
    int stopAnswers() { return session.stop.answers(); }

    /** Audio thread (JACK's process thread, through an FFM upcall): must not throw or allocate. */
    private int process(JackSession s, int nframes) {
        s.stop.inside = true; // cleared as the callback returns: a close waits for a cycle that is still running
        if (s.stop.requested) { // closing: libjack deactivates and ends this thread once we return (ProcessThreadStop)
            // Silence, not whatever the ports held: JACK may still play this cycle's buffers. Through the same (hot,
            // compiled) write as every cycle: this branch runs once, interpreted, and must not allocate either.
            for (int i = 0; i < s.outAddress.length; i++) {
                long b = ffi.buffer(s.outAddress[i], nframes);
                for (int done = 0; b != 0 && done < nframes; done += AudioConfig.MAX_BLOCK)
                    JackNative.write(silence, b, done, Math.min(nframes - done, AudioConfig.MAX_BLOCK));
            }
            s.stop.answered(); // read as "the callback is leaving": the close then waits for the thread's end or a grace
            s.stop.inside = false;
            return 1;
        }
        try {
            runner.enter();
            long ft = ffi.lastFrameTime(s.clientAddress);
            long blockStart;
            if (s.first) { // a new client (first start or after a reconnect): the stream clock continues where it stopped
                s.first = false;
                s.stop.noteThread();
                blockStart = streamFrame;
                sessionBase = blockStart;
                sessionFirstFrameTime = ft;
            } else {
                blockStart = lastBlockStart + ((ft - prevFrameTime) & 0xFFFF_FFFFL); // jack_nframes_t wraps at 2^32
            }
            lastBlockStart = blockStart;
            prevFrameTime = ft;
            ffi.readMidi(ffi.buffer(s.midiInAddress, nframes), nframes, runner.direct);
            long[] buf = s.outBuffer;
            boolean all = true;
            for (int i = 0; i < buf.length; i++) { buf[i] = ffi.buffer(s.outAddress[i], nframes); all &= buf[i] != 0; }
            int voices = -1;
            for (int done = 0; done < nframes; ) { // JACK periods above MAX_BLOCK are rendered in parts
                int n = Math.min(nframes - done, AudioConfig.MAX_BLOCK);
                voices = runner.render(blockStart + done, n);
                if (all) for (int i = 0; i < buf.length; i++) JackNative.write(runner.out[i], buf[i], done, n);
                done += n;
            }
            lastFrameTime = ft;
            lastCycleFrames = nframes;
            streamFrame = blockStart + nframes;
            runner.exit(nframes, voices, nframes * 1_000_000_000L / rate);
        } catch (Throwable t) {
            // An exception escaping an upcall would end the JVM; a glitch is the lesser harm.
        }
        s.stop.inside = false;
        return 0;
    }

    /** libjack prints to stderr when no server runs; keep the last message instead (the CLI prints one line). */
    private static void silenceLibjack() {
        JackNative.setMessageHandlers(msg -> lastJackError = msg);
    }

    /** The last message libjack reported (for diagnostics), or null. */
    public static String lastJackError() { return lastJackError; }

    private static String envOr(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    /**
     * libjack reads the server name from the C environment when a client opens, and JNAJack cannot
     * pass JackServerName; so a chosen server is set there (java.lang.foreign, no JNI).
     */
    private static void setenv(String key, String value) {
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle h = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            try (Arena a = Arena.ofConfined()) {
                int rc = (int) h.invokeExact(a.allocateFrom(key), a.allocateFrom(value), 1);
                if (rc != 0) throw new IllegalStateException("setenv returned " + rc);
            }
        } catch (Throwable e) {
            throw new AudioUnavailableException("cannot select JACK server '" + value + "': " + e.getMessage(), e);
        }
    }
}
