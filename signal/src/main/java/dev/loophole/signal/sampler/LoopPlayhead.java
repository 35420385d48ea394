package dev.loophole.signal.sampler;

import dev.loophole.model.LoopType;

/**
 * Where a looping voice reads: the loop logic of {@link Voice}, for every SFZ {@code loop_type}.
 *
 * <p><b>Unwrapped coordinates.</b> The voice's position always advances (by the pitch ratio) in an
 * unwrapped coordinate; {@link #map} turns an unwrapped frame number into the sample frame it plays.
 * Interpolators take their neighbours in unwrapped coordinates too, so across a wrap or a turn they
 * read the frames that really sound on either side of it, whatever the kernel's width. Frames below
 * the loop's periodic part map to themselves until the voice has been round once ({@code wrapped}).
 *
 * <p><b>The turns, defined</b> (L = loop_start, E = loop_end, each inclusive):
 * <ul>
 * <li>forward: … E−1, E, L, L+1 … — period E−L+1.
 * <li>backward: the sample plays forward to E, then … E, E−1 … L+1, L, E, E−1 … — the first arrival at E
 *     turns round like a mirror (E is not played twice), after that L jumps to E. Period E−L+1.
 * <li>alternate: … E−1, E, E−1 … L+1, L, L+1 … — a mirror at both ends: each end frame sounds once per
 *     pass, never twice (a doubled frame is a flat step in the waveform) and never skipped. Period 2(E−L).
 * </ul>
 * Mirroring at a frame keeps the wave continuous at the turn; interpolated between frames, the
 * neighbours are mirrored as well, so the turn is as smooth as the wave itself.
 *
 * <p><b>Leaving the loop</b> (loop_sustain release, loop_count used up) is only done where the
 * mapping is the plain sample going forward, so the voice goes on past E without a jump: at once
 * while the head travels forward ahead of any crossfade, else when it next comes round to the loop's
 * periodic start (L going forward; for backward loops, E going forward). loop_count counts periods, so
 * one repeat of an alternate loop is a pass there and back.
 */
final class LoopPlayhead {
    private LoopType type = LoopType.FORWARD;
    private long ls, le, n, base, period;
    private LoopTail tail;
    private boolean active, wrapped, exitAtFold;
    private int loopsLeft;

    // The last fastRun(): sample position = runSign * unwrapped position + runOffset, in the tail's frames if runTail.
    int runSign;
    double runOffset;
    boolean runTail;

    void start(CompiledRegion r, boolean looping) {
        type = r.loopType;
        ls = r.loopStart;
        le = r.loopEnd;
        n = le - ls + 1;
        base = type == LoopType.BACKWARD ? le : ls;
        period = type == LoopType.ALTERNATE ? 2 * (n - 1) : n;
        tail = r.loopTail;
        active = looping && n >= 2;
        wrapped = false;
        exitAtFold = false;
        loopsLeft = r.loopCount;
    }

    boolean active() { return active; }

    /** The sample frame played at unwrapped frame {@code v}. */
    long map(long v) {
        if (!active || (v < base && !wrapped)) return v;
        long t = Math.floorMod(v - base, period);
        return switch (type) {
            case FORWARD -> ls + t;
            case BACKWARD -> le - t;
            case ALTERNATE -> t < n ? ls + t : le - (t - (n - 1));
        };
    }

    /** Whether sample frame {@code f} (as {@link #map} returns it) reads from the crossfaded tail. */
    boolean blended(long f) {
        return active && tail != null && f >= tail.start && f <= le;
    }

    float blendedFrame(int channel, long f) {
        return tail.blended(Math.min(channel, tail.ext.length - 1), f);
    }

    float[] tailChannel(int channel) { return tail.ext[Math.min(channel, tail.ext.length - 1)]; }

    /** {@link #straight}'s (and {@link OctaveCopies#origin}'s) answer when a stretch of frames is not one straight run. */
    static final long NOT_STRAIGHT = Long.MIN_VALUE;

    /**
     * When unwrapped frames {@code first … last} play sample frames {@code first + t … last + t} — one straight forward
     * run, no turn, no crossfaded frame — that {@code t} (0 outside a loop); else {@link #NOT_STRAIGHT}. Only forward
     * loops are judged (a backward loop's jump up could cancel its steps down).
     */
    long straight(long first, long last) {
        if (!active) return 0;
        if (type != LoopType.FORWARD) return NOT_STRAIGHT;
        long a = map(first), b = map(last);
        if (b - a != last - first || tail != null && b >= tail.start && a <= le) return NOT_STRAIGHT;
        return a - first;
    }

    /** Folds position {@code u} back by whole periods once it has gone round; counts repeats and leaves when due. */
    double fold(double u) {
        if (!active || u < base + period) return u;
        long cycles = (long) Math.floor((u - base) / period);
        u -= cycles * (double) period;
        wrapped = true;
        if (exitAtFold || (loopsLeft > 0 && (loopsLeft -= (int) Math.min(cycles, loopsLeft)) <= 0)) active = false;
        return u;
    }

    /** loop_sustain let go at position {@code u}: leave the loop now if the head can go straight on, else at the next fold. */
    void release(double u) {
        if (!active) return;
        boolean straightOn = switch (type) {
            case FORWARD -> tail == null || u < tail.start - 2;
            case ALTERNATE -> u < base + n; // up to and on loop_end, travelling forward
            case BACKWARD -> u < base + 1;  // before or on loop_end, the next frame can be loop_end + 1
        };
        if (straightOn) active = false;
        else exitAtFold = true;
    }

    /**
     * How many of the next {@code max} positions from {@code u} (stepping {@code step} &gt; 0) have all
     * four kernel neighbours on one straight stretch of memory — the sample forward, the sample
     * backward, or the crossfaded tail — so the plain kernels can run; 0 if none. Sets the run* fields.
     * {@code lastInMemory}: the last sample frame held in the arrays.
     */
    int fastRun(double u, double step, int max, long lastInMemory) {
        long i = (long) Math.floor(u);
        long lo = !wrapped ? 0 : type == LoopType.BACKWARD ? Long.MAX_VALUE : ls;
        long hi = Math.min(tail != null ? tail.start - 1 : le, lastInMemory);
        if (i - 1 >= lo && i + 2 <= hi) return run(1, 0, false, u, hi - 1, step, max);
        if (tail != null && i - 1 >= Math.max(lo, tail.start - LoopTail.GUARD) && i + 2 <= le + LoopTail.AFTER)
            return run(1, -(tail.start - LoopTail.GUARD), true, u, le + 1, step, max);
        if (type != LoopType.FORWARD && le <= lastInMemory) {
            long top = type == LoopType.BACKWARD ? le + n - 1 : ls + period; // unwrapped frames [le, top] run backward through the sample
            if (i - 2 >= le && i + 2 <= top) return run(-1, 2.0 * le, false, u, top - 1, step, max);
        }
        return 0;
    }

    private int run(int sign, double offset, boolean inTail, double u, double bound, double step, int max) {
        runSign = sign;
        runOffset = offset;
        runTail = inTail;
        return (int) Math.min(max, Math.ceil((bound - u) / step));
    }
}
