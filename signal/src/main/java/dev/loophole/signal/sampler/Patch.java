package dev.loophole.signal.sampler;

import dev.loophole.model.Program;
import dev.loophole.model.project.SamplerOutputs;
import java.util.List;

/**
 * A program compiled for one engine rate: the flat region table and a per-key index of candidate
 * regions, so a note-on scans only the regions that can answer it. Immutable; swapped whole.
 */
public final class Patch {
    final Program program;
    final CompiledRegion[] regions;
    /** For each key 0..127, indexes into {@link #regions} of regions whose key range holds it. */
    final int[][] byKey;
    final int sustainCc, sustainLo, sostenutoCc;
    /** The program's own voice cap (SFZ global polyphony), 0 when it sets none. */
    final int polyphony;
    /** Round-robin counters, one per region; allocated here on the control side, carried over on a swap. */
    final int[] seqCounters;
    /** How a round-robin cycle is chosen, and per key the position a random choice played last (-1: none yet). */
    final dev.loophole.model.RoundRobin roundRobin;
    final int[] lastRandomPosition = new int[128];
    /** Keys inside any region's key-switch range: pressing one selects an articulation (sw_last). */
    final boolean[] switchKeys = new boolean[128];
    final int swDefault;
    /** Regions started by controllers (on_loccN), scanned on CC events only. */
    final int[] ccTriggered;
    /** CC values at load (SFZ set_ccN), 0..127. */
    final int[] initialCc = new int[128];
    final List<String> warnings;
    /** The program's per-note expression mapping, flattened for the voices. */
    final CompiledExpression expression;
    private final int outputs;
    /** The modulation state a voice needs to play any of the regions. */
    final VoiceNeeds voiceNeeds;

    /** Regions of the program an offline render left out (no played key reaches them): they count, they never play. */
    private final int leftOut;

    Patch(Program program, CompiledRegion[] regions, List<String> warnings, int leftOut) {
        this.program = program;
        this.leftOut = leftOut;
        this.regions = regions;
        this.voiceNeeds = VoiceNeeds.of(regions);
        this.expression = new CompiledExpression(program.expression(), warnings);
        this.warnings = List.copyOf(warnings);
        this.outputs = SamplerOutputs.used(program).getLast() + 1;
        this.sustainCc = program.settings().sustainCc();
        this.sustainLo = program.settings().sustainLo();
        this.sostenutoCc = program.settings().sostenutoCc();
        this.polyphony = program.settings().polyphony();
        seqCounters = new int[regions.length];
        roundRobin = program.settings().roundRobin();
        java.util.Arrays.fill(lastRandomPosition, -1);
        swDefault = program.settings().swDefault();
        for (CompiledRegion r : regions)
            if (r.when.swLo >= 0) for (int k = Math.max(0, r.when.swLo); k <= Math.min(127, r.when.swHi); k++) switchKeys[k] = true;
        ccTriggered = java.util.Arrays.stream(regions).filter(r -> r.when.ccTriggered()).mapToInt(r -> r.index).toArray();
        // MIDI's resting controller values, unity for volume and expression, centred pan; set_ccN may change them.
        initialCc[7] = 127;
        initialCc[10] = 64;
        initialCc[11] = 127;
        program.settings().initialCc().forEach((cc, v) -> { if (cc >= 0 && cc < 128) initialCc[cc] = (int) Math.round(v * 127); });
        byKey = new int[128][];
        for (int k = 0; k < 128; k++) {
            int n = 0;
            for (CompiledRegion r : regions) if (k >= r.keyLo && k <= r.keyHi) n++;
            int[] idx = new int[n];
            n = 0;
            for (CompiledRegion r : regions) if (k >= r.keyLo && k <= r.keyHi) idx[n++] = r.index;
            byKey[k] = idx;
        }
    }

    /**
     * Control side: the octave copies each region's sample needs when it plays at {@code quality} (a sinc) or its own
     * {@code sample_quality}: as many octaves as its highest key, full velocity tracking, pitch randomness and bend up
     * reach above the sample's own rate, and one more where modulation can move the pitch. A voice pitched beyond them
     * reads the deepest copy with a wider kernel (right, only dearer). Also, for live play, the quality's stretch tables
     * (shared, built once) and its vector kernels compiled; offline, a voice builds the tables if it needs them.
     */
    public void prepareOctaves(int quality, VoiceThread thread) {
        for (CompiledRegion r : regions) {
            prepareOctaves(r, quality, thread);
            for (CompiledRegion m : r.mics) prepareOctaves(m, quality, thread);
        }
    }

    private static void prepareOctaves(CompiledRegion r, int quality, VoiceThread thread) {
        int q = r.sampleQuality >= 0 ? r.sampleQuality : quality;
        if (q < dev.loophole.signal.dsp.Interpolation.SINC_8) return;
        // every pitch between octaves reads a stretch table from the first note (offline: from the first that needs one)
        if (thread == VoiceThread.AUDIO) SincReader.interpolator(q).prepareStretches().warmUp();
        double keys = Math.max((r.keyHi - r.pitchKeycenter) * r.keytrack, (r.keyLo - r.pitchKeycenter) * r.keytrack);
        double cents = r.baseCents + keys + Math.max(0, r.veltrack) + Math.abs(r.pitchRandom) + Math.max(0, r.bendUp);
        double octaves = cents / 1200 + Math.log(r.rateRatio) / Math.log(2);
        int levels = (int) Math.floor(octaves) + (r.mod.active ? 1 : 0);
        if (levels < 1 || r.octaves != null && r.octaves.depth() >= Math.min(levels, SampleData.MAX_OCTAVES)) return;
        // As heard: with the region's forward loop; other loops (turns, crossfades, counted repeats) read the sample at its rate.
        boolean loops = r.loopsAtStart || r.loopMode.loops();
        boolean plainLoop = r.loopType == dev.loophole.model.LoopType.FORWARD && r.loopTail == null && r.loopCount == 0 && r.loopEnd > r.loopStart;
        if (loops && !plainLoop) return;
        r.octaves = loops ? r.sample.octaves(r.loopStart, r.loopEnd, levels) : r.sample.octaves(-1, -1, levels);
    }

    public Program program() { return program; }

    /** The program's playable regions, counting those an offline render left out as unplayed. */
    public int regionCount() { return regions.length + leftOut; }

    /** Program outputs its samples play on: 1 + the highest output any names (SFZ {@code output=N}, a mic's output). */
    public int outputs() { return outputs; }

    /** Problems found while compiling (missing samples, regions that cannot play), one line each. */
    public List<String> warnings() { return warnings; }
}
