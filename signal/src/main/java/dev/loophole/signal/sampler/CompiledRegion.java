package dev.loophole.signal.sampler;

import dev.loophole.media.SampleMetadata;
import dev.loophole.model.Envelope;
import dev.loophole.model.LoopMode;
import dev.loophole.model.OffMode;
import dev.loophole.model.RegionConditions;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Trigger;
import java.util.Map;

/**
 * A region flattened for the audio thread: every value a voice needs, resolved against its sample
 * and the engine rate once, on the control side. Fields are final and read without indirection.
 */
final class CompiledRegion {
    final SampleRegion source;
    final int index;
    final SampleData sample;
    /** The instrument output (stereo pair) this region's sample plays on, 0 = main. */
    final int output;
    /** A multi-mic region's other samples, started with this one; set once by the compiler before the patch is shared. */
    CompiledRegion[] mics = NO_MICS;
    static final CompiledRegion[] NO_MICS = new CompiledRegion[0];

    // Selection
    final int keyLo, keyHi, velLo, velHi, chanLo, chanHi, bendLo, bendHi;
    final int[] ccNumbers, ccLo, ccHi;
    final double randLo, randHi;
    final int seqLength, seqPosition;
    final Trigger trigger;

    // Pitch, in cents
    final int pitchKeycenter;
    final double baseCents, keytrack, veltrack;
    final int bendUp, bendDown, bendStep;
    final double bendSmoothSeconds, pitchRandom;
    final double rateRatio; // sample rate / engine rate

    // Level
    final float gain;
    final double ampVeltrack, ampKeytrack, ampRandom, rtDecay;
    final int ampKeycenter;
    final float[] velCurve;      // amp_velcurve_N over velocities 0..127, or null for the standard curve

    // Sample reading, in frames
    final LoopMode loopMode;
    final dev.loophole.model.LoopType loopType; // forward for count=N repeats, whatever the region says
    final LoopTail loopTail;     // loop_crossfade of a forward loop, or null
    final long offset, offsetRandom, lastFrame, loopStart, loopEnd;
    final int count;
    final boolean reverse;
    final double delay, delayRandom;

    // Envelope, in frames
    final CompiledModulation.EnvelopeFrames ampEg;
    final double[] egShapes;     // ampeg attack, decay and release shapes

    final CompiledModulation mod;
    final int sampleQuality;     // SFZ sample_quality mapped to an Interpolation code, or -1 for the instrument's
    volatile OctaveCopies octaves; // the sample's octave copies for a sinc pitched up (Patch.prepareOctaves), or null

    // Selection beyond key/velocity, and crossfades
    final CompiledConditions when;
    final CrossfadeGains xf;
    final boolean disabled;      // end=0: the region never sounds

    // Lifecycle
    final boolean rtDead, noteSelfmask;
    final int loopCount;         // loop repetitions before playing on (loop_count), 0 = endless
    final boolean loopsAtStart;  // the voice starts out looping (a loop mode, or count > 1)
    final long chokeGroup, offBy;
    final OffMode offMode;
    final int offFrames;
    final int polyphony, notePolyphony;
    final Sends sends;           // effect1/effect2: what the voice feeds the graph's reverb and chorus

    CompiledRegion(SampleRegion r, int index, SampleData s, int engineRate) {
        this(r, index, s, engineRate, Map.of(), w -> { });
    }

    /** @param warn receives what the engine cannot play of the region's modulation */
    CompiledRegion(SampleRegion r, int index, SampleData s, int engineRate, Map<Integer, dev.loophole.model.Curve> curves,
                   java.util.function.Consumer<String> warn) {
        this(r, index, s, engineRate, curves, warn, new java.util.HashMap<>());
    }

    /** {@code tails}: loop crossfades already made in this compile, shared between regions with the same loop. */
    CompiledRegion(SampleRegion r, int index, SampleData s, int engineRate, Map<Integer, dev.loophole.model.Curve> curves,
                   java.util.function.Consumer<String> warn, Map<LoopTail.Key, LoopTail> tails) {
        this.source = r;
        this.index = index;
        this.sample = s;
        this.output = r.sample() == null ? 0 : r.sample().output();
        RegionConditions c = r.conditions();
        keyLo = r.keyRange().lo(); keyHi = r.keyRange().hi();
        velLo = r.velocityRange().lo(); velHi = r.velocityRange().hi();
        chanLo = c.channelRange().lo(); chanHi = c.channelRange().hi();
        bendLo = c.bendRange().lo(); bendHi = c.bendRange().hi();
        int n = c.ccRanges().size();
        ccNumbers = new int[n]; ccLo = new int[n]; ccHi = new int[n];
        int i = 0;
        for (Map.Entry<Integer, dev.loophole.model.IntRange> e : c.ccRanges().entrySet()) {
            ccNumbers[i] = e.getKey(); ccLo[i] = e.getValue().lo(); ccHi[i] = e.getValue().hi(); i++;
        }
        randLo = c.randomLo(); randHi = c.randomHi();
        seqLength = c.seqLength(); seqPosition = c.seqPosition();
        trigger = c.trigger();

        SampleMetadata meta = s.metadata();
        pitchKeycenter = r.tuning().pitchKeycenter();
        // The smpl pitch fraction says how far the recording sits above its unity note: correct by it.
        baseCents = r.tuning().transpose() * 100.0 + r.tuning().tune() - meta.fineTune();
        keytrack = r.tuning().pitchKeytrack();
        veltrack = r.tuning().pitchVeltrack();
        bendUp = r.tuning().bendUp();
        bendDown = r.tuning().bendDown();
        bendStep = r.tuning().bendStep();
        bendSmoothSeconds = r.tuning().bendSmooth() / 1000;
        pitchRandom = r.tuning().pitchRandom();
        rateRatio = (double) s.sampleRate() / engineRate;

        mod = new CompiledModulation(r, engineRate, curves, warn);
        sends = Sends.of(r);
        // A controller routing on amplitude adds to the region's amplitude, so the matrix applies it then.
        gain = (float) (Math.pow(10, r.amp().volume() / 20) * (mod.matrix.additiveAmplitude ? 1 : r.amp().amplitude() / 100.0));
        velCurve = velocityCurve(r.amp().velocityCurve());
        ampVeltrack = r.amp().ampVeltrack();
        ampKeytrack = r.amp().ampKeytrack();
        ampKeycenter = r.amp().ampKeycenter();
        ampRandom = r.amp().ampRandom();
        rtDecay = r.amp().rtDecay();

        long last = s.frames() - 1L;
        long end = r.playback().end();
        lastFrame = end < 0 ? last : Math.min(end, last);
        offset = r.playback().offset();
        offsetRandom = r.playback().offsetRandom();
        count = r.playback().count();
        reverse = r.playback().reverse();
        delay = r.playback().delay();
        delayRandom = r.playback().delayRandom();

        // Loop points: the region's own, else the file's first loop (SFZ rule).
        SampleMetadata.SampleLoop fileLoop = meta.loops().isEmpty() ? null : meta.loops().getFirst();
        long ls = r.loop().start() >= 0 ? r.loop().start() : fileLoop != null ? fileLoop.start() : 0;
        long le = r.loop().end() >= 0 ? r.loop().end() : fileLoop != null ? fileLoop.end() : lastFrame;
        le = Math.min(le, lastFrame);
        ls = Math.min(ls, le);
        LoopMode mode = r.loop().mode();
        if (mode == null) mode = fileLoop != null ? LoopMode.LOOP_CONTINUOUS : LoopMode.NO_LOOP;
        int repeats = r.loop().count();
        if (r.playback().count() > 1) {
            // count=N: the sample plays N times through, as a one-shot (SFZ)
            mode = LoopMode.ONE_SHOT;
            ls = r.playback().offset();
            le = lastFrame;
            repeats = r.playback().count() - 1;
        }
        loopStart = ls; loopEnd = le;
        if (mode.loops() && loopEnd <= loopStart) mode = LoopMode.NO_LOOP; // a loop of one frame cannot play
        loopMode = mode;
        loopCount = repeats;
        loopsAtStart = loopEnd > loopStart && (mode.loops() || r.playback().count() > 1);
        loopType = mode.loops() ? r.loop().type() : dev.loophole.model.LoopType.FORWARD;
        // Backward and alternate loops turn round by mirroring, which is continuous already: they take no crossfade.
        loopTail = mode.loops() && loopType == dev.loophole.model.LoopType.FORWARD && r.loop().crossfade() > 0
                ? LoopTail.of(s, loopStart, loopEnd, r.loop().crossfade(), tails) : null;

        Envelope a = r.envelopes().amp();
        ampEg = CompiledModulation.EnvelopeFrames.of(a, engineRate);
        egShapes = new double[]{a.attackShape(), a.decayShape(), a.releaseShape()};

        when = new CompiledConditions(c);
        String q = r.otherOpcodes().get("sample_quality");
        int quality = -1;
        if (q != null) {
            try { quality = dev.loophole.signal.dsp.Interpolation.fromSampleQuality(Integer.parseInt(q.trim())); }
            catch (NumberFormatException e) { quality = -1; } // the importer already warned about the value
        }
        sampleQuality = quality;
        xf = new CrossfadeGains(r.crossfades());
        disabled = r.playback().end() == 0;
        rtDead = r.choke().rtDead();
        noteSelfmask = r.choke().noteSelfmask();
        chokeGroup = r.choke().group();
        offBy = r.choke().offBy();
        offMode = r.choke().offMode();
        offFrames = Math.max(1, frames(r.choke().offTime(), engineRate));
        polyphony = r.choke().polyphony();
        notePolyphony = r.choke().notePolyphony();
    }


    /** amp_velcurve_N points, linear between them, from (0, 0) to (127, 1) unless given: a gain per velocity. */
    private static float[] velocityCurve(java.util.SortedMap<Integer, Double> points) {
        if (points.isEmpty()) return null;
        java.util.TreeMap<Integer, Double> p = new java.util.TreeMap<>(points);
        p.putIfAbsent(0, 0.0);
        p.putIfAbsent(127, 1.0);
        float[] t = new float[128];
        for (int v = 0; v < 128; v++) {
            var lo = p.floorEntry(v);
            var hi = p.ceilingEntry(v);
            double x = lo.getKey().equals(hi.getKey()) ? lo.getValue()
                    : lo.getValue() + (hi.getValue() - lo.getValue()) * (v - lo.getKey()) / (hi.getKey() - lo.getKey());
            t[v] = (float) x;
        }
        return t;
    }

    /**
     * SFZ velocity tracking with the default curve, gain = (vel/127)²: at amp_veltrack 100 the level
     * follows that curve, at 0 velocity is ignored, negative values invert it.
     */
    static float velocityGain(double veltrackPercent, int velocity) {
        return velocityCurve(veltrackPercent, velocity / 127.0);
    }

    /** The default curve at velocity {@code v} in 0..1. */
    private static float velocityCurve(double veltrackPercent, double v) {
        double t = veltrackPercent / 100.0;
        double curve = t >= 0 ? v * v : (1 - v) * (1 - v);
        return (float) (1 + Math.abs(t) * (curve - 1));
    }

    /**
     * A 16-bit velocity picks regions by its 7-bit part but sets the level at full resolution: the factor that turns
     * the 7-bit velocity's gain into the 16-bit one's.
     */
    static float fineVelocityGain(double veltrackPercent, int velocity7, int velocity16) {
        float coarse = velocityGain(veltrackPercent, velocity7);
        float fine = velocityCurve(veltrackPercent, velocity16 / 65535.0);
        return coarse > 0 ? fine / coarse : 1f;
    }

    /** Whether the channel's controllers lie in the region's locc/hicc ranges. */
    boolean ccsMatch(int[] cc) {
        for (int i = 0; i < ccNumbers.length; i++) {
            int v = cc[ccNumbers[i]];
            if (v < ccLo[i] || v > ccHi[i]) return false;
        }
        return true;
    }

    /**
     * The region's velocity curve ({@code amp_velcurve_N}) where it has one, scaled by amp_veltrack like the standard one;
     * {@code veltrackAdded} is what controllers add to amp_veltrack at note-on (percent), the sum held to ±100 %.
     */
    float velocityGain(int velocity, double veltrackAdded) {
        double veltrack = veltrackAdded == 0 ? ampVeltrack : Math.clamp(ampVeltrack + veltrackAdded, -100, 100);
        if (velCurve == null) return velocityGain(veltrack, velocity);
        double t = veltrack / 100.0;
        double curve = t >= 0 ? velCurve[velocity] : velCurve[127 - velocity];
        return (float) (1 + Math.abs(t) * (curve - 1));
    }

    static int frames(double seconds, int rate) {
        return (int) Math.min(Integer.MAX_VALUE, Math.round(seconds * rate));
    }

    boolean matchesChannel(int channel1) { return channel1 >= chanLo && channel1 <= chanHi; }

    boolean matchesKeyVel(int channel1, int key, int vel) {
        return key >= keyLo && key <= keyHi && vel >= velLo && vel <= velHi && channel1 >= chanLo && channel1 <= chanHi;
    }
}
