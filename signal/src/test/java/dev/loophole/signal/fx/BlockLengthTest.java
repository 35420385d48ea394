package dev.loophole.signal.fx;

import static dev.loophole.signal.fx.Signals.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.project.EffectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * An effect's output and state do not depend on how its caller cuts the blocks (offline renders run 1,024-frame blocks,
 * live ones 256 or fewer): the delay's damping filter and the compressor's detector flush tiny values every frame.
 * In each case a state decays through the flush range inside a block, where a flush once per call left a trace.
 */
class BlockLengthTest {
    static final int[] BLOCKS = {1, 256, 1024};

    private record Run(float[] left, float[] right, List<Double> state) { }

    private static Run run(Effect fx, float[] input, int block, ToDoubleFunction<Effect> state) {
        int frames = input.length;
        float[] l = input.clone(), r = input.clone();
        for (int i = 0; i < frames; i++) r[i] *= 0.5f;
        List<Double> seen = new ArrayList<>();
        for (int at = 0; at < frames; at += block) {
            fx.process(l, r, at, Math.min(frames, at + block));
            if ((at + block) % 1024 == 0) seen.add(state.applyAsDouble(fx)); // where every block length has a call end
        }
        return new Run(l, r, seen);
    }

    private static void sameForEveryBlockLength(Supplier<Effect> make, float[] input, ToDoubleFunction<Effect> state) {
        Run first = run(make.get(), input, BLOCKS[0], state);
        for (int b : BLOCKS) {
            Run r = run(make.get(), input, b, state);
            assertThat(java.util.Arrays.mismatch(r.left(), first.left())).as("first left frame differing, blocks of " + b).isEqualTo(-1);
            assertThat(java.util.Arrays.mismatch(r.right(), first.right())).as("first right frame differing, blocks of " + b).isEqualTo(-1);
            assertThat(r.state()).as("state every 1,024 frames, blocks of " + b).containsExactlyElementsOf(first.state());
        }
    }

    @Test
    void theDelaySoundsTheSameInBlocksOfAnyLength() {
        // A 10 ms burst, silence, then a very quiet tone from frame 10,000. The burst's echo (at 500 ms) leaves the loop's
        // low-pass decaying through 1e-20 around frame 28,600 while the line reads silence and the quiet tone goes in:
        // what the filter state adds to that tone is written into the line and heard an echo later.
        int frames = 64 * 1024;
        float[] in = new float[frames], burst = sine(1000, 0.5, 480), quiet = sine(700, 1e-17, frames);
        System.arraycopy(burst, 0, in, 0, burst.length);
        System.arraycopy(quiet, 10_000, in, 10_000, frames - 10_000);
        sameForEveryBlockLength(() -> make(EffectKind.DELAY, "time", 500, "feedback", 70, "mix", 50, "damping", 200),
                in, fx -> ((Delay) fx).dampState());
    }

    @Test
    void theCompressorSoundsTheSameInBlocksOfAnyLength() {
        // A 1 kHz tone decaying by 40 dB every 1,000 frames, to below 1e-30; a fast release and a slow attack: the held
        // reduction falls below 1e-12 inside a block while the smoothed one is still above.
        int frames = 16 * 1024;
        float[] in = sine(1000, 0.5, frames);
        for (int i = 0; i < frames; i++) in[i] *= (float) Math.pow(10, -2.0 * i / 1000);
        sameForEveryBlockLength(() -> make(EffectKind.COMPRESSOR, "threshold", -30, "ratio", 8, "knee", 0, "attack", 200, "release", 5),
                in, fx -> ((Compressor) fx).reductionDb());
    }
}
