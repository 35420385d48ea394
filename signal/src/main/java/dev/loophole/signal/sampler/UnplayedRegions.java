package dev.loophole.signal.sampler;

import dev.loophole.model.Program;
import dev.loophole.model.RegionConditions;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Trigger;

/**
 * When an offline render may leave a region out of the compile: only where nothing but a played key can start it or
 * change what the patch does. A note scans {@code Patch.byKey} of its own key alone, so a region whose key range holds
 * no played key is never read, provided the program has no key switches (their keys are gathered from every region),
 * no controller-started regions, and no round robins or random choice (per-region counters and draws); and the region
 * itself adds nothing the patch sizes or reports from all regions (modulation, filters, EQ, sends, mics, loop crossfade).
 */
final class UnplayedRegions {
    private UnplayedRegions() { }

    /** Every region of the program is chosen by key and velocity alone, started by its key's attack. */
    static boolean keyedOnly(Program program) {
        for (SampleRegion r : program.regions()) {
            RegionConditions c = r.conditions();
            boolean keyed = c.trigger() == Trigger.ATTACK && c.noteTriggered() && c.triggerCcRanges().isEmpty()
                    && c.keySwitchRange() == null && c.lastKeySwitchRange() == null
                    && c.swLast() < 0 && c.swDown() < 0 && c.swUp() < 0 && c.swPrevious() < 0
                    && c.seqLength() == 1 && c.randomLo() == 0 && c.randomHi() == 1;
            if (!keyed) return false;
        }
        return true;
    }

    /** The region carries nothing the patch gathers from all regions: one sample, no modulation, filters, EQ or sends. */
    static boolean plain(SampleRegion r) {
        return r.samples().size() == 1 && r.modulation().isEmpty() && r.lfos().isEmpty() && r.egs().isEmpty()
                && r.filters().isEmpty() && r.eq().isEmpty() && r.loop().crossfade() <= 0
                && CompiledMatrix.velocityRoutings(r.envelopes()).isEmpty() && Sends.of(r) == Sends.NONE;
    }
}
