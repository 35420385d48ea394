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
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;
import org.jaudiolibs.jnajack.lowlevel.JackLibrary;

/**
 * JACK through JNAJack: stereo outputs {@code out_L}/{@code out_R}, one MIDI input {@code midi_in}.
 * JNAJack opens the client and registers and connects ports; every callback from JACK (process,
 * xrun, freewheel, shutdown) and the per-cycle calls go through {@link JackNative} (java.lang.foreign),
 * so a whole cycle allocates nothing and no JNA callback thread attaches and detaches. The stream clock follows JACK's
 * frame time, so after an xrun the song stays on the wall clock. Also runs on PipeWire's JACK layer.
 */
public final class JackDriver implements AudioDriver {
    private final AudioConfig config;
    private final BlockRunner runner = new BlockRunner();
    private final JackClient client;
    private final JackPort outL, outR, midiIn;
    private final int rate, bufferSize;
    private final List<String> midiConnected = new ArrayList<>();
    private final List<String> outConnected = new ArrayList<>();
    // Held so JNA does not collect callbacks that native code still points at.
    private final Object[] nativeCallbacks = new Object[2];

    // Audio-thread state.
    private final JackNative ffi;
    private final long clientAddress, outLAddress, outRAddress, midiInAddress;
    private boolean first = true;
    private long prevFrameTime, lastBlockStart;
    private volatile long streamFrame, firstFrameTime = -1, lastFrameTime, lastCycleFrames;

    private volatile boolean running, closed;
    private volatile String stopReason;
    private static volatile String lastJackError;

    private JackDriver(AudioConfig config) {
        this.config = config;
        if (config.jackServer() != null) setenv("JACK_DEFAULT_SERVER", config.jackServer());
        String server = config.jackServer() != null ? config.jackServer() : envOr("JACK_DEFAULT_SERVER", "default");
        Jack jack;
        try {
            jack = Jack.getInstance();
        } catch (Throwable e) { // JackException, or UnsatisfiedLinkError without libjack
            throw new AudioUnavailableException("JACK is not installed (libjack not found)", e);
        }
        silenceLibjack(jack);
        ffi = new JackNative();
        EnumSet<JackStatus> status = EnumSet.noneOf(JackStatus.class);
        try {
            client = jack.openClient(config.clientName(), EnumSet.of(JackOptions.JackNoStartServer), status);
        } catch (JackException e) {
            throw new AudioUnavailableException("no JACK server '" + server + "' is running", new JackException(status + ": " + e.getMessage(), e));
        }
        try {
            rate = client.getSampleRate();
            bufferSize = client.getBufferSize();
            outL = client.registerPort("out_L", JackPortType.AUDIO, JackPortFlags.JackPortIsOutput);
            outR = client.registerPort("out_R", JackPortType.AUDIO, JackPortFlags.JackPortIsOutput);
            midiIn = client.registerPort("midi_in", JackPortType.MIDI, JackPortFlags.JackPortIsInput);
            clientAddress = JackNative.address(client);
            outLAddress = JackNative.address(outL);
            outRAddress = JackNative.address(outR);
            midiInAddress = JackNative.address(midiIn);
            ffi.setProcessCallback(clientAddress, (n, arg) -> process(n));
            ffi.setNotifications(clientAddress, runner.stats.xruns::incrementAndGet,
                    () -> { stopReason = "the JACK server shut down"; running = false; },
                    starting -> runner.stats.freewheel(starting != 0));
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

    /** JACK's own clock: frames from the start of the first cycle we processed to the end of the latest one. */
    public long jackFramesElapsed() {
        long f = firstFrameTime;
        return f < 0 ? 0 : ((lastFrameTime - f) & 0xFFFF_FFFFL) + lastCycleFrames;
    }

    /** The JACK client's full name (JACK may have made it unique). */
    public String clientName() { return client.getName(); }

    @Override
    public String describe() {
        return String.format("JACK client %s, %d Hz, %d frames (%.1f ms), outputs → %s, MIDI ← %s", client.getName(), rate, bufferSize,
                1000.0 * bufferSize / rate, outConnected.isEmpty() ? "not connected" : String.join(", ", outConnected),
                midiConnected.isEmpty() ? "nothing connected" : String.join(", ", midiConnected));
    }

    @Override
    public synchronized void start(AudioCallback callback) {
        if (running || closed) throw new IllegalStateException("already started or closed");
        runner.setCallback(callback);
        try {
            client.activate();
            running = true;
            Jack jack = Jack.getInstance();
            if (config.connectOutputs()) {
                String[] playback = jack.getPorts(client, null, JackPortType.AUDIO, EnumSet.of(JackPortFlags.JackPortIsInput, JackPortFlags.JackPortIsPhysical));
                JackPort[] ours = {outL, outR};
                for (int i = 0; i < Math.min(2, playback.length); i++) {
                    jack.connect(client, ours[i].getName(), playback[i]);
                    outConnected.add(playback[i]);
                }
                if (playback.length == 1) { jack.connect(client, outR.getName(), playback[0]); } // mono system: both sides
            }
            if (config.midiInputs() != null) {
                Set<String> physical = new HashSet<>(Arrays.asList(jack.getPorts(client, null, JackPortType.MIDI,
                        EnumSet.of(JackPortFlags.JackPortIsOutput, JackPortFlags.JackPortIsPhysical))));
                for (String p : jack.getPorts(client, null, JackPortType.MIDI, EnumSet.of(JackPortFlags.JackPortIsOutput))) {
                    if (p.startsWith(client.getName() + ":") || !config.wantsMidiSource(p, physical.contains(p))) continue;
                    jack.connect(client, p, midiIn.getName());
                    midiConnected.add(p);
                }
            }
        } catch (JackException e) {
            close();
            throw new AudioUnavailableException("JACK: cannot start the client: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        running = false;
        boolean serverGone = stopReason != null;
        if (!serverGone) client.deactivate();
        client.close(); // returns once JACK's thread will not call the process stub again
        if (!serverGone) ffi.close(); // after a server shutdown its thread's fate is unknown: keep the stub (a few bytes)
    }

    /** Audio thread (JACK's process thread, through an FFM upcall): must not throw or allocate. */
    private int process(int nframes) {
        try {
            runner.enter();
            long ft = ffi.lastFrameTime(clientAddress);
            long blockStart;
            if (first) {
                first = false;
                firstFrameTime = ft;
                blockStart = 0;
            } else {
                blockStart = lastBlockStart + ((ft - prevFrameTime) & 0xFFFF_FFFFL); // jack_nframes_t wraps at 2^32
            }
            lastBlockStart = blockStart;
            prevFrameTime = ft;
            ffi.readMidi(ffi.buffer(midiInAddress, nframes), nframes, runner.direct);
            long l = ffi.buffer(outLAddress, nframes), r = ffi.buffer(outRAddress, nframes);
            int voices = -1;
            for (int done = 0; done < nframes; ) { // JACK periods above MAX_BLOCK are rendered in parts
                int n = Math.min(nframes - done, AudioConfig.MAX_BLOCK);
                voices = runner.render(blockStart + done, n);
                if (l != 0 && r != 0) {
                    JackNative.write(runner.out[0], l, done, n);
                    JackNative.write(runner.out[1], r, done, n);
                }
                done += n;
            }
            lastFrameTime = ft;
            lastCycleFrames = nframes;
            streamFrame = blockStart + nframes;
            runner.exit(nframes, voices, nframes * 1_000_000_000L / rate);
        } catch (Throwable t) {
            // An exception escaping an upcall would end the JVM; a glitch is the lesser harm.
        }
        return 0;
    }

    /** libjack prints to stderr when no server runs; keep the last message instead (the CLI prints one line). */
    private void silenceLibjack(Jack jack) {
        try {
            var f = Jack.class.getDeclaredField("jackLib");
            f.setAccessible(true);
            JackLibrary lib = (JackLibrary) f.get(jack);
            JackLibrary.func keep = msg -> lastJackError = msg == null ? null : msg.getPointer().getString(0);
            nativeCallbacks[1] = keep;
            lib.jack_set_error_function(keep);
            JackLibrary.func quiet = msg -> { };
            nativeCallbacks[0] = quiet; // JNA holds callbacks weakly: without this reference the stub could be collected
            lib.jack_set_info_function(quiet);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // libjack keeps printing to stderr; harmless.
        }
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
