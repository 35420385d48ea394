package dev.loophole.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Level crossfades of a region (SFZ {@code xfin_*}/{@code xfout_*}). A fade-in range rises from
 * silence at {@code lo} to full level at {@code hi}; a fade-out range falls from full level at
 * {@code lo} to silence at {@code hi}. A null range (or an absent CC) means no fade on that axis.
 *
 * @param ccIn  CC number → fade-in range of its value
 * @param ccOut CC number → fade-out range of its value
 */
public record Crossfades(IntRange keyIn, IntRange keyOut, IntRange velIn, IntRange velOut,
                         Map<Integer, IntRange> ccIn, Map<Integer, IntRange> ccOut,
                         CrossfadeCurve keyCurve, CrossfadeCurve velCurve, CrossfadeCurve ccCurve) {
    public static final Crossfades NONE = new Crossfades(null, null, null, null, Map.of(), Map.of(),
            CrossfadeCurve.POWER, CrossfadeCurve.POWER, CrossfadeCurve.POWER);

    public Crossfades {
        ccIn = Map.copyOf(new TreeMap<>(ccIn));
        ccOut = Map.copyOf(new TreeMap<>(ccOut));
        if (keyCurve == null) keyCurve = CrossfadeCurve.POWER;
        if (velCurve == null) velCurve = CrossfadeCurve.POWER;
        if (ccCurve == null) ccCurve = CrossfadeCurve.POWER;
    }

    public boolean any() {
        return keyIn != null || keyOut != null || velIn != null || velOut != null || !ccIn.isEmpty() || !ccOut.isEmpty();
    }
}
