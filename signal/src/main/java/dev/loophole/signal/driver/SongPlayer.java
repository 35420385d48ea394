package dev.loophole.signal.driver;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a MIDI song live: a control thread feeds the song's events into a {@link MidiRing} a
 * little ahead of the driver's clock, each with the frame it is due on (from the tempo map), so
 * the audio thread applies it sample-accurately whatever the thread's own jitter.
 */
public final class SongPlayer implements AutoCloseable {
    private final AudioDriver driver;
    private final MidiRing ring;
    private final List<MidiEvent> events;
    private final long[] due;
    private final long lookahead;
    private final Thread thread;
    private volatile long startFrame = -1;
    private volatile boolean stop, queuedAll;
    private long lastQueued;

    /** {@code prerollSeconds}: the song starts this long after {@link #start()}, so its first events are not late. */
    public SongPlayer(AudioDriver driver, MidiSong song, double prerollSeconds) {
        this.driver = driver;
        this.ring = driver.addMidiSource(8192);
        this.events = song.events();
        int rate = driver.sampleRate();
        TempoMap tempo = song.tempoMap();
        long preroll = Math.round(prerollSeconds * rate);
        due = new long[events.size()];
        for (int i = 0; i < due.length; i++) due[i] = preroll + tempo.frame(events.get(i).tick(), rate);
        // Far enough ahead to ride out a scheduler hiccup, short enough that the ring never fills on dense songs.
        lookahead = Math.max(rate / 5, 4L * driver.blockSize());
        thread = new Thread(this::feed, "loophole-song");
        thread.setDaemon(true);
    }

    public void start() {
        startFrame = driver.streamFrame();
        thread.start();
    }

    /** Stream frame on which the song's tick 0 plays (preroll included); -1 before start. */
    public long startFrame() { return startFrame < 0 ? -1 : startFrame; }

    /** Stream frame of the last event (the song's end before release tails); -1 before start. */
    public long lastEventFrame() {
        long s = startFrame;
        return s < 0 ? -1 : s + (due.length == 0 ? 0 : due[due.length - 1]);
    }

    /** True once every event is queued and the clock has passed the last one. */
    public boolean finished() {
        return queuedAll && driver.streamFrame() > lastEventFrame();
    }

    private void feed() {
        long base = startFrame;
        int i = 0;
        while (!stop && i < due.length && driver.isRunning()) {
            long horizon = driver.streamFrame() + lookahead;
            while (i < due.length && base + due[i] < horizon) {
                MidiEvent e = events.get(i);
                if (!ring.offer(base + due[i], e.status(), e.data1(), e.data2())) break; // full: the audio thread drains it
                lastQueued = base + due[i];
                i++;
            }
            LockSupport.parkNanos(2_000_000);
        }
        if (stop) silence();
        queuedAll = i == due.length;
    }

    /** All notes off on every channel, queued behind what is already queued (ring order stays sorted). */
    private void silence() {
        long at = Math.max(lastQueued, driver.streamFrame());
        for (int ch = 0; ch < 16; ch++) {
            ring.offer(at, 0xB0 | ch, 64, 0);  // sustain pedal up
            ring.offer(at, 0xB0 | ch, 123, 0); // all notes off: release tails still sound
        }
    }

    /** Stops feeding; notes still held are released. Waits briefly for the feeder thread. */
    @Override
    public void close() {
        stop = true;
        if (thread.isAlive()) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
