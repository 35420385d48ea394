package dev.loophole.signal.sampler;

import dev.loophole.model.CrossfadeCurve;
import dev.loophole.model.Crossfades;
import dev.loophole.model.IntRange;
import java.util.Map;

/** SFZ xfin/xfout: a region's level as a function of key, velocity and CC values. */
final class CrossfadeGains {
    private final int keyInLo, keyInHi, keyOutLo, keyOutHi, velInLo, velInHi, velOutLo, velOutHi;
    private final boolean keyPower, velPower, ccPower;
    private final int[] ccInNum, ccInLo, ccInHi, ccOutNum, ccOutLo, ccOutHi;
    final boolean any, anyCc;

    CrossfadeGains(Crossfades x) {
        keyInLo = lo(x.keyIn()); keyInHi = hi(x.keyIn()); keyOutLo = lo(x.keyOut()); keyOutHi = hi(x.keyOut());
        velInLo = lo(x.velIn()); velInHi = hi(x.velIn()); velOutLo = lo(x.velOut()); velOutHi = hi(x.velOut());
        keyPower = x.keyCurve() == CrossfadeCurve.POWER;
        velPower = x.velCurve() == CrossfadeCurve.POWER;
        ccPower = x.ccCurve() == CrossfadeCurve.POWER;
        ccInNum = nums(x.ccIn()); ccInLo = los(x.ccIn()); ccInHi = his(x.ccIn());
        ccOutNum = nums(x.ccOut()); ccOutLo = los(x.ccOut()); ccOutHi = his(x.ccOut());
        any = x.any();
        anyCc = ccInNum.length + ccOutNum.length > 0;
    }

    /** The key and velocity part, fixed for the life of a voice. */
    float noteGain(int key, int velocity) {
        if (!any) return 1f;
        return fade(key, keyInLo, keyInHi, true, keyPower) * fade(key, keyOutLo, keyOutHi, false, keyPower)
                * fade(velocity, velInLo, velInHi, true, velPower) * fade(velocity, velOutLo, velOutHi, false, velPower);
    }

    /** The CC part, which follows the controllers while the voice plays. */
    float ccGain(int[] cc) {
        float g = 1f;
        for (int i = 0; i < ccInNum.length; i++) g *= fade(cc[ccInNum[i]], ccInLo[i], ccInHi[i], true, ccPower);
        for (int i = 0; i < ccOutNum.length; i++) g *= fade(cc[ccOutNum[i]], ccOutLo[i], ccOutHi[i], false, ccPower);
        return g;
    }

    /** Fade-in: 0 at or below lo, 1 at or above hi; fade-out the mirror. lo < 0 means no fade. */
    static float fade(int v, int lo, int hi, boolean in, boolean power) {
        if (lo < 0) return 1f;
        double x;
        if (hi <= lo) x = in ? (v >= hi ? 1 : 0) : (v <= lo ? 1 : 0);
        else x = Math.min(1, Math.max(0, (v - lo) / (double) (hi - lo)));
        if (!in && hi > lo) x = 1 - x;
        return (float) (power ? Math.sqrt(x) : x);
    }

    private static int lo(IntRange r) { return r == null ? -1 : r.lo(); }
    private static int hi(IntRange r) { return r == null ? -1 : r.hi(); }
    private static int[] nums(Map<Integer, IntRange> m) { return m.keySet().stream().mapToInt(Integer::intValue).toArray(); }
    private static int[] los(Map<Integer, IntRange> m) { return m.values().stream().mapToInt(IntRange::lo).toArray(); }
    private static int[] his(Map<Integer, IntRange> m) { return m.values().stream().mapToInt(IntRange::hi).toArray(); }
}
