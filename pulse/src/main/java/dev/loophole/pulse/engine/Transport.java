package dev.loophole.pulse.engine;

import dev.loophole.signal.driver.AudioCallback;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.graph.GraphRuntime;
import dev.loophole.signal.timeline.Playhead;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays a {@link Schedule} into a {@link GraphRuntime}, block by block, with sample-accurate event
 * offsets: play, stop, locate, loop. It is the graph's {@link AudioCallback}: a live driver's own
 * events (MIDI in, an audition) are merged with the schedule's in time order. Stopping, locating,
 * wrapping round a loop and a new schedule end the notes the schedule started (and lift the sustain
 * pedal on the channels it used), so nothing hangs. Locating and wrapping then chase (as Bitwig and
 * Reaper chase controllers): every controller, bend, pressure, program, tempo and automated node
 * parameter the schedule moves takes the value it has at the new position before any note there
 * plays — the last one set before it, or its rest value where the transport had moved it and
 * nothing before the position sets it. Parameters jump there (no glide). Audio thread: no
 * allocation; controls are lock-free (the next block picks them up).
 */
public final class Transport implements AudioCallback {
    static final int CAPACITY = 4096;
    private static final int PORTS = 256, NOTE_SLOTS = PORTS * 16 * 128;

    private final GraphRuntime runtime;
    private final Playhead playhead;
    private final EventBuffer scheduled = new EventBuffer(CAPACITY), merged = new EventBuffer(CAPACITY);
    private final AtomicReference<Schedule> pendingSchedule = new AtomicReference<>();
    private final AtomicLong locateRequest = new AtomicLong(-1);
    private volatile boolean playing;
    private volatile long loopStart = -1, loopEnd = -1;
    private volatile long position;          // frames; written by the audio thread, read by anyone
    private Schedule schedule = Schedule.EMPTY;
    private int cursor;
    private boolean wasPlaying;
    // Notes the schedule started and has not ended yet: MIDI 1.0 and UMP ones apart (each ends its own way).
    private final long[] heldMidi1 = new long[NOTE_SLOTS / 64], heldUmp = new long[NOTE_SLOTS / 64];
    private final boolean[] channelUsed = new boolean[PORTS * 16];
    private long dropped;
    private boolean moved; // the schedule has sent controllers since the instruments were fresh

    public Transport(GraphRuntime runtime) { this(runtime, new Playhead()); }

    /** A transport that tells {@code playhead} where each block is on the timeline (audio lanes play from it). */
    public Transport(GraphRuntime runtime, Playhead playhead) {
        this.runtime = runtime;
        this.playhead = playhead;
    }

    public GraphRuntime runtime() { return runtime; }

    public Playhead playhead() { return playhead; }

    // --- control side ---

    /** Hands the next block a new schedule (clips edited); playback goes on from the same frame. */
    public void schedule(Schedule s) { pendingSchedule.set(s); }

    public void play() { playing = true; }

    public void stop() { playing = false; }

    public boolean playing() { return playing; }

    /** Moves the play position to {@code frame} at the next block. */
    public void locate(long frame) { locateRequest.set(Math.max(0, frame)); }

    /** Loops [{@code startFrame}, {@code endFrame}); an empty range turns looping off. */
    public void loop(long startFrame, long endFrame) {
        if (endFrame <= startFrame) { loopStart = loopEnd = -1; return; }
        loopStart = startFrame;
        loopEnd = endFrame;
    }

    /** The frame the next block starts at. */
    public long position() { return position; }

    /** Schedule events that did not fit a block's buffer (0 unless a block is crowded past {@value #CAPACITY}). */
    public long dropped() { return dropped; }

    // --- audio thread ---

    @Override
    public void process(float[][] out, int frames, EventBuffer live) {
        scheduled.clear();
        playhead.clear();
        long pos = position;
        Schedule next = pendingSchedule.getAndSet(null);
        if (next != null) {
            release(0);
            if (moved) Arrays.fill(next.touched, true); // what the old schedule moved, the new one may need to put back
            schedule = next;
            cursor = next.indexAt(pos);
        }
        long to = locateRequest.getAndSet(-1);
        if (to >= 0) { release(0); pos = to; cursor = schedule.indexAt(pos); chase(pos, 0); }
        boolean play = playing;
        if (!play && wasPlaying) release(0);
        wasPlaying = play;
        playhead.loop(loopStart, loopEnd);
        if (play) pos = emit(pos, frames);
        mergeInto(live);
        runtime.process(out, frames, merged);
        position = pos;
    }

    /** Events of [pos, pos + frames) at their offsets, wrapping round the loop; returns the next block's position. */
    private long emit(long pos, int frames) {
        int done = 0;
        while (done < frames) {
            long ls = loopStart, le = loopEnd;
            boolean looping = le > ls && pos < le;
            int n = looping ? (int) Math.min(frames - done, le - pos) : frames - done;
            long end = pos + n;
            playhead.add(done, n, pos);
            Schedule s = schedule;
            while (cursor < s.size() && s.frame[cursor] < end) {
                if (s.frame[cursor] >= pos) {
                    add(s.port[cursor], done + (int) (s.frame[cursor] - pos), s.status[cursor], s.data1[cursor], s.data2[cursor]);
                    touch(s, s.keyOf[cursor]);
                }
                cursor++;
            }
            done += n;
            pos = end;
            if (looping && pos == le) {
                int at = Math.min(done, frames - 1);
                release(at);
                pos = ls;
                cursor = s.indexAt(ls);
                chase(ls, at);
            }
        }
        return pos;
    }

    private void touch(Schedule s, int key) {
        if (key < 0) return;
        s.touched[key] = true;
        moved = true;
    }

    /**
     * Puts every chase key at its value for position {@code pos}, at {@code offset}: the last event
     * before it, else (where this transport moved the key) its rest value. Parameters jump.
     */
    private void chase(long pos, int offset) {
        Schedule s = schedule;
        for (int k = 0, n = s.chaseKeys(); k < n; k++) {
            int i = s.lastBefore(k, pos);
            if (i >= 0) {
                int status = s.status[i] == GraphRuntime.PARAMETER ? GraphRuntime.PARAMETER_JUMP : s.status[i];
                add(s.port[i], offset, status, s.data1[i], s.data2[i]);
                touch(s, k);
            } else if (s.touched[k] && s.restStatus[k] != 0) {
                add(s.restPort[k], offset, s.restStatus[k], s.restData1[k], s.restData2[k]);
            }
        }
    }

    private void add(int port, int offset, int status, int d1, int d2) {
        if (!scheduled.add(port, offset, status, d1, d2)) { dropped++; return; }
        if (port >= PORTS || GraphRuntime.isParameter(status)) return;
        if (status == Engine.UMP) {
            if (d1 >>> 28 != 4) return;
            int kind = (d1 >>> 20) & 0xF, ch = (d1 >>> 16) & 0xF, key = (d1 >>> 8) & 0x7F;
            if (kind == 0x9) set(heldUmp, slot(port, ch, key), true);
            else if (kind == 0x8) set(heldUmp, slot(port, ch, key), false);
            channelUsed[port * 16 + ch] = true;
            return;
        }
        int kind = status & 0xF0, ch = status & 0x0F;
        if (kind == 0x90 && d2 > 0) set(heldMidi1, slot(port, ch, d1), true);
        else if (kind == 0x80 || kind == 0x90) set(heldMidi1, slot(port, ch, d1), false);
        if (kind >= 0x80 && kind <= 0xE0) channelUsed[port * 16 + ch] = true;
    }

    private static int slot(int port, int ch, int key) { return (port * 16 + ch) * 128 + key; }

    private static void set(long[] bits, int i, boolean on) {
        if (on) bits[i >> 6] |= 1L << (i & 63);
        else bits[i >> 6] &= ~(1L << (i & 63));
    }

    /** Ends every note the schedule started and lifts the sustain pedal where it played, at {@code offset}. */
    private void release(int offset) {
        for (int w = 0; w < heldMidi1.length; w++) {
            long m = heldMidi1[w], u = heldUmp[w];
            if ((m | u) == 0) continue;
            heldMidi1[w] = heldUmp[w] = 0;
            for (int b = 0; b < 64; b++) {
                int i = w * 64 + b, port = i / (16 * 128), ch = (i / 128) % 16, key = i % 128;
                if ((m >>> b & 1) != 0) scheduled.add(port, offset, 0x80 | ch, key, 0);
                if ((u >>> b & 1) != 0) scheduled.add(port, offset, Engine.UMP, dev.loophole.signal.expression.UmpDecoder.word0(0x8, ch, key, 0), 0);
            }
        }
        for (int pc = 0; pc < channelUsed.length; pc++)
            if (channelUsed[pc]) { scheduled.add(pc / 16, offset, 0xB0 | (pc % 16), 64, 0); channelUsed[pc] = false; }
    }

    /** {@link #merged} = {@link #scheduled} and {@code live}, in offset order (schedule first on ties). */
    private void mergeInto(EventBuffer live) {
        merged.clear();
        int a = 0, b = 0, na = scheduled.size(), nb = live == null ? 0 : live.size();
        while (a < na || b < nb) {
            boolean takeA = b >= nb || (a < na && scheduled.offset(a) <= live.offset(b));
            EventBuffer src = takeA ? scheduled : live;
            int i = takeA ? a++ : b++;
            if (!merged.add(src.port(i), src.offset(i), src.status(i), src.data1(i), src.data2(i))) dropped++;
        }
    }

    @Override
    public int activeVoices() { return runtime.activeVoices(); }
}
