package dev.loophole.signal.driver;

import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Synthesizer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * For desktops without JACK: a {@link SourceDataLine} (16-bit stereo) fed by our own render thread,
 * and {@code javax.sound.midi} inputs. The line's blocking write paces the thread; the stream
 * clock is the frames rendered so far.
 */
public final class JavaSoundDriver implements AudioDriver {
    private static final int LINE_BLOCKS = 4; // latency: the line holds this many blocks

    private final AudioConfig config;
    private final BlockRunner runner = new BlockRunner(1); // one line: the engine mixes every bus into it
    private final SourceDataLine line;
    private final int rate, block;
    private final byte[] bytes;
    private final List<MidiDevice> devices = new ArrayList<>();
    private final List<String> midiNames = new ArrayList<>();
    private volatile long streamFrame;
    private volatile boolean running, closed;
    private volatile String stopReason;
    private Thread thread;

    private JavaSoundDriver(AudioConfig config) {
        this(config, defaultLine(config));
    }

    /** With a given line (tests; a chosen mixer's line). The line is opened here if it is not open yet. */
    JavaSoundDriver(AudioConfig config, SourceDataLine line) {
        this.config = config;
        this.line = line;
        rate = config.sampleRate();
        block = config.blockSize();
        AudioFormat format = format(config);
        try {
            if (!line.isOpen()) line.open(format, block * 4 * LINE_BLOCKS);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new AudioUnavailableException("Java Sound output line cannot play " + rate + " Hz 16-bit stereo (" + e.getMessage() + ")", e);
        }
        bytes = new byte[block * 4];
    }

    private static AudioFormat format(AudioConfig config) {
        return new AudioFormat(config.sampleRate(), 16, AudioConfig.CHANNELS, true, false);
    }

    private static SourceDataLine defaultLine(AudioConfig config) {
        try {
            return AudioSystem.getSourceDataLine(format(config));
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new AudioUnavailableException("Java Sound has no output line for " + config.sampleRate() + " Hz 16-bit stereo (" + e.getMessage() + ")", e);
        }
    }

    /** Opens the default output line (does not start it). */
    public static JavaSoundDriver open(AudioConfig config) {
        return new JavaSoundDriver(config);
    }

    @Override public String kind() { return "javasound"; }

    @Override public int sampleRate() { return rate; }

    @Override public int blockSize() { return block; }

    @Override public long streamFrame() { return streamFrame; }

    @Override public MidiRing addMidiSource(int capacity) { return runner.inbox.addSource(capacity); }

    @Override public DriverStats stats() { return runner.stats; }

    @Override public boolean isRunning() { return running; }

    @Override public String stopReason() { return stopReason; }

    @Override public List<String> midiInputs() { return List.copyOf(midiNames); }

    @Override
    public String describe() {
        return String.format("Java Sound line %s, %d Hz, %d frames (%.1f ms) × %d, MIDI ← %s", line.getLineInfo(), rate, block,
                1000.0 * block / rate, LINE_BLOCKS, midiNames.isEmpty() ? "nothing connected" : String.join(", ", midiNames));
    }

    @Override
    public synchronized void start(AudioCallback callback) {
        if (running || closed) throw new IllegalStateException("already started or closed");
        runner.setCallback(callback);
        openMidiInputs();
        running = true;
        line.start();
        thread = new Thread(this::loop, "loophole-javasound");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** The render thread: render a block, convert, then block in write until the line has room. */
    private void loop() {
        long period = block * 1_000_000_000L / rate;
        try {
            while (running) {
                runner.enter();
                int voices = runner.render(streamFrame, block);
                float[] l = runner.out[0], r = runner.out[1];
                for (int i = 0, b = 0; i < block; i++) {
                    int sl = toPcm16(l[i]), sr = toPcm16(r[i]);
                    bytes[b++] = (byte) sl; bytes[b++] = (byte) (sl >> 8);
                    bytes[b++] = (byte) sr; bytes[b++] = (byte) (sr >> 8);
                }
                runner.exit(block, voices, period);
                // A line that ran dry since the last write played silence: an underrun.
                if (runner.stats.blocks() > LINE_BLOCKS && line.available() >= line.getBufferSize()) runner.stats.underruns.incrementAndGet();
                line.write(bytes, 0, bytes.length);
                streamFrame = streamFrame + block;
            }
        } catch (RuntimeException e) {
            stopReason = "Java Sound output failed: " + e;
            running = false;
        }
    }

    private static int toPcm16(float x) {
        float c = x > 1f ? 1f : x < -1f ? -1f : x;
        return Math.round(c * 32767f);
    }

    /** Hardware MIDI inputs (not the JDK's sequencer or synthesizer) whose names match. */
    private void openMidiInputs() {
        if (config.midiInputs() == null) return;
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            try {
                MidiDevice d = MidiSystem.getMidiDevice(info);
                if (d instanceof Sequencer || d instanceof Synthesizer || d.getMaxTransmitters() == 0) continue;
                if (!config.wantsMidiSource(info.getName() + " " + info.getDescription(), true)) continue;
                MidiRing ring = runner.inbox.addSource(1024);
                d.open();
                d.getTransmitter().setReceiver(new RingReceiver(ring));
                devices.add(d);
                midiNames.add(info.getName());
            } catch (MidiUnavailableException | IllegalStateException e) {
                // A busy or vanished device is skipped; the rest still play.
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        running = false;
        if (thread != null) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (MidiDevice d : devices) d.close();
        line.stop();
        line.close();
    }

    /** Java Sound's MIDI thread → the ring, as "now" (Java Sound timestamps are not on our clock). */
    private record RingReceiver(MidiRing ring) implements Receiver {
        @Override
        public void send(MidiMessage m, long timeStamp) {
            if (m instanceof ShortMessage s && s.getStatus() >= 0x80 && s.getStatus() < 0xF0)
                ring.offer(MidiRing.NOW, s.getStatus(), s.getData1(), s.getData2());
        }

        @Override
        public void close() { }
    }
}
