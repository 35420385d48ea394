package dev.loophole.pulse.engine;

import dev.loophole.signal.sampler.VoiceThread;
import static dev.loophole.pulse.engine.Sounds.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.Program;
import dev.loophole.model.project.EffectKind;
import dev.loophole.model.project.EffectNode;
import dev.loophole.model.project.Project;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second offline render on the same engine gives the first's audio, sample for sample — also when the first ended (no tail) with a note still sounding and a reverb after it ringing. */
class RenderAgainTest {
    @TempDir Path dir;

    @Test
    void aSecondRenderOnOneEngineEqualsTheFirst() throws IOException {
        Program plain = sineInstrument(dir, "plain", 0);
        Project p = NodeParameterSoundTest.project(sampler("A", plain), List.of(EffectNode.of("room", EffectKind.REVERB)), 4, List.of());
        ProjectEngine.Settings s = new ProjectEngine.Settings(RATE, 256, 64, 1, dev.loophole.signal.dsp.Interpolation.CUBIC, 1 << 20, true, 1L << 28, VoiceThread.AUDIO);
        try (ProjectEngine e = new ProjectEngine(p, s, w -> { })) {
            float[] first = once(e, p), second = once(e, p);
            int differ = -1;
            for (int i = 0; i < first.length && differ < 0; i++) if (first[i] != second[i]) differ = i;
            assertThat(differ).as("first frame where the second render differs").isEqualTo(-1);
            // and neither is silence: the first sounds, and is still sounding where it stops (what the second must not inherit)
            assertThat(peak(first, 0, first.length)).as("peak of the first render").isGreaterThan(0.01f);
            assertThat(peak(first, first.length - 256, first.length)).as("peak of its last 256 frames").isGreaterThan(1e-4f);
        }
    }

    private static float[] once(ProjectEngine e, Project p) {
        float[] all = new float[(int) Math.round((p.lengthSeconds() + 0.3) * RATE) + 1024];
        int[] at = {0};
        e.render(false, 0, (out, n) -> { System.arraycopy(out[0], 0, all, at[0], n); at[0] += n; }, null);
        return java.util.Arrays.copyOf(all, at[0]);
    }

    private static float peak(float[] x, int from, int to) {
        float p = 0;
        for (int i = from; i < to; i++) p = Math.max(p, Math.abs(x[i]));
        return p;
    }
}
