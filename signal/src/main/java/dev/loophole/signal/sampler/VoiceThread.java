package dev.loophole.signal.sampler;

/**
 * Which thread runs an instrument's voices, and so when what a note may need is made.
 *
 * <p>{@link #AUDIO}: a real-time thread, which never allocates, locks or waits — everything any note could need (the
 * quality's sinc table and stretch tables, octave copies) is made on the control side before a voice can start, and the
 * vector kernels are compiled there first (until C2 has compiled them the Vector API allocates per frame).
 *
 * <p>{@link #OFFLINE}: a render thread that may allocate and wait. The control side makes the octave copies as for
 * {@link #AUDIO}; the quality's sinc table is built by the first voice that reads through the sinc (a voice playing its
 * sample's own frames at its own rate never does), the stretch tables by the first that reads between octaves; the
 * vector kernels are warmed up when first needed (the sinc's at a voice's first sinc read, the cubic's after the scalar
 * start, {@link ScalarStart}), so a render too short to use them never pays for it. The output is the same bits either way.
 */
public enum VoiceThread { AUDIO, OFFLINE }
