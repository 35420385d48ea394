package dev.loophole.signal.dsp;

/**
 * A DAHDSR envelope with sample-accurate stage boundaries. Attack rises linearly; decay and release
 * fall geometrically (straight lines in dB), decay reaching the sustain level and release reaching
 * {@link #FLOOR} exactly at the end of their stage, where the envelope snaps and ends.
 * One instance per voice; {@link #next()} is called once per output frame.
 */
public final class EnvelopeGenerator {
    /** -90 dB: where a release counts as silent. */
    public static final float FLOOR = 3.1622776e-5f;

    public enum Stage { DELAY, ATTACK, HOLD, DECAY, SUSTAIN, RELEASE, DONE }

    private Stage stage = Stage.DONE;
    private float level;
    private int remaining;      // frames left in a timed stage
    private float step;         // additive (attack) or multiplicative (decay/release) per frame
    private float startLevel;
    private float sustain;
    private int attackFrames, holdFrames, decayFrames, releaseFrames;
    // ARIA stage shapes (0: the stage's natural curve); a shaped stage runs per frame from these
    private float attackShape, decayShape, releaseShape;
    private float shape;        // the current stage's shape, 0 when it uses the step above
    private float stageFrom, stageTo;
    private int stageTotal;     // frames of the current timed stage
    private boolean ownRelease; // the running release is the envelope's own (not a choke's or a fade's length)
    private boolean heldAtZero; // done by reaching a sustain of 0, not by a release

    /** Stage curves for the next triggers ({@link Shape}); 0 keeps the natural ones. */
    public void setShapes(double attack, double decay, double release) {
        attackShape = (float) attack;
        decayShape = (float) decay;
        releaseShape = (float) release;
    }

    /**
     * Starts the envelope. Times are in frames; {@code start} and {@code sustain} are levels 0..1.
     */
    public void trigger(int delayFrames, float start, int attackFrames, int holdFrames, int decayFrames,
                        float sustain, int releaseFrames) {
        stages(start, attackFrames, holdFrames, decayFrames, sustain, releaseFrames);
        level = 0;
        heldAtZero = false;
        if (delayFrames > 0) {
            stage = Stage.DELAY;
            remaining = stageTotal = delayFrames;
        } else {
            enterAttack();
        }
    }

    /**
     * New stage settings while the envelope runs (ARIA {@code *_dynamic}, a controller moved). Stages still to come take
     * them as they are; the running one keeps the frames it has run, ends at its new length (at the earliest on the next
     * frame) and heads from its level now to its new target, so nothing jumps but a sustain level moved while sustaining.
     * A release of another length than the envelope's own (a choke's {@code off_time}) keeps its length.
     */
    public void retune(int delayFrames, float start, int attackFrames, int holdFrames, int decayFrames,
                       float sustain, int releaseFrames) {
        stages(start, attackFrames, holdFrames, decayFrames, sustain, releaseFrames);
        int elapsed = stageTotal - remaining;
        switch (stage) {
            case DELAY -> remaining = Math.max(1, (stageTotal = delayFrames) - elapsed);
            case HOLD -> remaining = Math.max(1, (stageTotal = holdFrames) - elapsed);
            case ATTACK -> {
                remaining = Math.max(1, attackFrames - elapsed);
                stageTotal = elapsed + remaining;
                step = (1f - level) / remaining;
            }
            case DECAY -> {
                remaining = Math.max(1, decayFrames - elapsed);
                stageTotal = elapsed + remaining;
                geometricStep((float) Math.exp(Math.log(Math.max(sustain, FLOOR) / level) / remaining));
                stageTo = sustain;
            }
            case SUSTAIN -> {
                level = sustain;
                if (sustain <= 0) { stage = Stage.DONE; heldAtZero = true; }
            }
            case DONE -> { // a sustain of 0 ended it while the note holds: a higher one brings it back
                if (heldAtZero && sustain > 0) { stage = Stage.SUSTAIN; level = sustain; }
            }
            case RELEASE -> {
                if (!ownRelease) return;
                remaining = Math.max(1, releaseFrames - elapsed);
                stageTotal = elapsed + remaining;
                geometricStep((float) Math.exp(Math.log(FLOOR / level) / remaining));
            }
        }
    }

    private void stages(float start, int attackFrames, int holdFrames, int decayFrames, float sustain, int releaseFrames) {
        this.startLevel = start;
        this.sustain = sustain;
        this.attackFrames = attackFrames;
        this.holdFrames = holdFrames;
        this.decayFrames = decayFrames;
        this.releaseFrames = releaseFrames;
    }

    /** Note-off: go to release from wherever the envelope is now. */
    public void release() { release(releaseFrames); }

    /** Release over a given time (choke {@code off_time}, fast fades). */
    public void release(int frames) {
        heldAtZero = false;
        if (stage == Stage.DONE || stage == Stage.RELEASE && frames >= remaining) return;
        if (stage == Stage.DELAY || level <= FLOOR) { // nothing audible yet or any more
            stage = Stage.DONE;
            level = 0;
            return;
        }
        stage = Stage.RELEASE;
        remaining = Math.max(1, frames);
        ownRelease = frames == releaseFrames;
        geometricStep((float) Math.exp(Math.log(FLOOR / level) / remaining));
        shaped(releaseShape, level, 0);
    }

    private void shaped(float s, float from, float to) {
        shape = s;
        stageFrom = from;
        stageTo = to;
        stageTotal = remaining;
    }

    /** A shaped stage's level after {@code remaining} more frames. */
    private float shapedLevel() {
        double x = (double) (stageTotal - remaining) / stageTotal;
        return (float) (stageFrom + (stageTo - stageFrom) * Shape.apply(x, shape));
    }

    public float next() {
        switch (stage) {
            case SUSTAIN -> { return level; }
            case DONE -> { return 0f; }
            case DELAY -> {
                if (--remaining <= 0) enterAttack();
                return 0f;
            }
            case ATTACK -> {
                float out = level;
                if (--remaining <= 0) enterHold();
                else level = shape != 0 ? shapedLevel() : level + step;
                return out;
            }
            case HOLD -> {
                if (--remaining <= 0) enterDecay();
                return level;
            }
            case DECAY -> {
                float out = level;
                if (--remaining <= 0) { level = sustain; stage = sustain > 0 ? Stage.SUSTAIN : Stage.DONE; heldAtZero = sustain <= 0; }
                else level = shape != 0 ? shapedLevel() : level * step;
                return out;
            }
            case RELEASE -> {
                float out = level;
                if (--remaining <= 0) { level = 0; stage = Stage.DONE; }
                else level = shape != 0 ? shapedLevel() : level * step;
                return out;
            }
        }
        return 0f;
    }

    /**
     * Writes the next {@code n} levels into {@code out[off..off+n)}; the same values {@link #next()}
     * would give, computed stage by stage so the per-frame work is one multiply or add.
     */
    public void process(float[] out, int off, int n) {
        int end = off + n, i = off;
        while (i < end) {
            switch (stage) {
                case SUSTAIN -> { java.util.Arrays.fill(out, i, end, level); return; }
                case DONE -> { java.util.Arrays.fill(out, i, end, 0f); return; }
                case ATTACK, DECAY, RELEASE -> {
                    if (shape != 0) { out[i++] = next(); continue; }
                    if (stage != Stage.ATTACK) { i = geometric(out, i, end); continue; }
                    int k = Math.min(remaining - 1, end - i); // frames before the last one of the stage
                    float lv = level, st = step;
                    for (int j = 0; j < k; j++) { out[i++] = lv; lv += st; }
                    level = lv; remaining -= k;
                    if (i < end) out[i++] = next();
                }
                default -> out[i++] = next();
            }
        }
    }

    private int geometric(float[] out, int i, int end) {
        int k = Math.min(remaining - 1, end - i);
        float lv = level, st = step;
        for (int j = 0; j < k; j++) { out[i++] = lv; lv *= st; }
        level = lv; remaining -= k;
        if (i < end) out[i++] = next();
        return i;
    }

    /**
     * Moves on {@code n} frames without writing them, for an envelope read at control rate (fileg, pitcheg).
     * Inside a decay or release a whole chunk is one multiply by the stage's per-chunk factor; the level may
     * differ from {@link #process}'s in its last bits, which a modulation source does not hear.
     */
    public void skip(int n, float[] scratch) {
        if ((stage == Stage.DECAY || stage == Stage.RELEASE) && shape == 0 && n < remaining) {
            if (n != chunkN) { // a block's last, shorter chunk and then full ones again: both factors are kept
                int on = otherN; float of = otherFactor;
                otherN = chunkN; otherFactor = chunkFactor;
                chunkN = n; chunkFactor = n == on ? of : (float) Math.pow(step, n);
            }
            level *= chunkFactor;
            remaining -= n;
            return;
        }
        if (stage == Stage.SUSTAIN || stage == Stage.DONE) return;
        process(scratch, 0, n);
    }

    /** A decay's or release's per-frame factor; the per-chunk factors made from the last one are forgotten. */
    private void geometricStep(float s) {
        step = s;
        chunkN = otherN = -1;
    }

    private int chunkN = -1;       // the n chunkFactor was made for, for this stage (-1: none yet)
    private float chunkFactor;     // step^chunkN
    private int otherN = -1;       // the n before chunkN, and its factor (-1: none)
    private float otherFactor;

        public boolean isDone() { return stage == Stage.DONE; }

    public boolean isReleasing() { return stage == Stage.RELEASE; }

    public Stage stage() { return stage; }

    public float level() { return level; }

    private void enterAttack() {
        if (attackFrames <= 0) { level = 1f; enterHold(); return; }
        stage = Stage.ATTACK;
        level = startLevel;
        remaining = attackFrames;
        step = (1f - startLevel) / attackFrames;
        shaped(attackShape, startLevel, 1f);
    }

    private void enterHold() {
        level = 1f;
        if (holdFrames <= 0) { enterDecay(); return; }
        stage = Stage.HOLD;
        remaining = stageTotal = holdFrames;
    }

    private void enterDecay() {
        level = 1f;
        if (decayFrames <= 0 || sustain >= 1f) {
            level = sustain;
            stage = sustain > 0 ? Stage.SUSTAIN : Stage.DONE;
            heldAtZero = sustain <= 0;
            return;
        }
        stage = Stage.DECAY;
        remaining = decayFrames;
        float target = Math.max(sustain, FLOOR);
        geometricStep((float) Math.exp(Math.log(target) / decayFrames));
        shaped(decayShape, 1f, sustain);
    }
}
