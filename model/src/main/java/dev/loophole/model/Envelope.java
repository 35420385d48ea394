package dev.loophole.model;

/**
 * A DAHDSR envelope as SFZ's ampeg/fileg/pitcheg describe it. Times in seconds; {@code start} and
 * {@code sustain} are levels 0..1; {@code depth} is used by pitch (cents) and filter (cents) envelopes.
 * Velocity modulation of each stage ({@code *_vel2*}) is kept in {@code vel2*}.
 * The ARIA {@code *_attack_shape}, {@code *_decay_shape} and {@code *_release_shape} bend their stage:
 * 0 keeps the stage's natural curve (a straight attack, decay and release straight in dB); positive
 * values start slowly (x^(1+s)), negative ones start fast (1 − (1−x)^(1−s)).
 * {@code dynamic} (ARIA {@code *_dynamic}) re-reads the stage settings controllers move while the note plays;
 * otherwise they are read once, when it starts.
 */
public record Envelope(double delay, double start, double attack, double hold, double decay,
                       double sustain, double release, double depth,
                       double vel2delay, double vel2attack, double vel2hold, double vel2decay,
                       double vel2sustain, double vel2release, double vel2depth,
                       double attackShape, double decayShape, double releaseShape, boolean dynamic) {

    /** An envelope whose controller-set stages are read when the note starts. */
    public Envelope(double delay, double start, double attack, double hold, double decay,
                    double sustain, double release, double depth,
                    double vel2delay, double vel2attack, double vel2hold, double vel2decay,
                    double vel2sustain, double vel2release, double vel2depth,
                    double attackShape, double decayShape, double releaseShape) {
        this(delay, start, attack, hold, decay, sustain, release, depth, vel2delay, vel2attack, vel2hold, vel2decay,
                vel2sustain, vel2release, vel2depth, attackShape, decayShape, releaseShape, false);
    }

    /** An envelope with the default stage curves (shape 0 on every stage). */
    public Envelope(double delay, double start, double attack, double hold, double decay,
                    double sustain, double release, double depth,
                    double vel2delay, double vel2attack, double vel2hold, double vel2decay,
                    double vel2sustain, double vel2release, double vel2depth) {
        this(delay, start, attack, hold, decay, sustain, release, depth, vel2delay, vel2attack, vel2hold, vel2decay,
                vel2sustain, vel2release, vel2depth, 0, 0, 0);
    }

    /** SFZ defaults for ampeg: instant attack, full sustain, release 0.001 s. */
    public static final Envelope AMP_DEFAULT = new Envelope(0, 0, 0, 0, 0, 1, 0.001, 0, 0, 0, 0, 0, 0, 0, 0);
    /** SFZ defaults for fileg/pitcheg: zero depth, so they do nothing until given one. */
    public static final Envelope MOD_DEFAULT = new Envelope(0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Envelope {
        requireTime("delay", delay);
        requireTime("attack", attack);
        requireTime("hold", hold);
        requireTime("decay", decay);
        requireTime("release", release);
        if (sustain < 0 || sustain > 1) throw new IllegalArgumentException("sustain " + sustain + " is outside 0..1");
        if (start < 0 || start > 1) throw new IllegalArgumentException("start " + start + " is outside 0..1");
    }

    public Envelope withShapes(double attackShape, double decayShape, double releaseShape) {
        return new Envelope(delay, start, attack, hold, decay, sustain, release, depth,
                vel2delay, vel2attack, vel2hold, vel2decay, vel2sustain, vel2release, vel2depth,
                attackShape, decayShape, releaseShape, dynamic);
    }

    public Envelope withDynamic(boolean dynamic) {
        return new Envelope(delay, start, attack, hold, decay, sustain, release, depth,
                vel2delay, vel2attack, vel2hold, vel2decay, vel2sustain, vel2release, vel2depth,
                attackShape, decayShape, releaseShape, dynamic);
    }

    private static void requireTime(String stage, double t) {
        if (!(t >= 0) || Double.isInfinite(t)) throw new IllegalArgumentException(stage + " time " + t + " is not a time >= 0");
    }

    public Envelope withStages(double delay, double attack, double hold, double decay, double sustain, double release) {
        return new Envelope(delay, start, attack, hold, decay, sustain, release, depth,
                vel2delay, vel2attack, vel2hold, vel2decay, vel2sustain, vel2release, vel2depth,
                attackShape, decayShape, releaseShape, dynamic);
    }
}
