package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The instrument renders only the pool's front, up to the last sounding slot: a note that takes a slot past the front
 * after the slots before it emptied must still sound. Constant samples at unity level, so the output is the number of
 * sounding voices times 0.25, exactly.
 */
class VoicePoolFrontTest {
    @Test
    void aVoiceStartedPastTheFrontSoundsWithTheOthers() {
        // key 60: 2,000 frames; key 62: a long one (17,800 frames at +2 semitones), so slot 1 outlives slots 0 and 2
        Fixtures f = new Fixtures().sample("short", Fixtures.constant(0.25f, 2_000)).sample("long", Fixtures.constant(0.25f, 20_000))
                .region("short", b -> b.keyRange = new IntRange(60, 60))
                .region("long", b -> b.keyRange = new IntRange(62, 62));
        float[][] out = f.render(f.instrument(1), events(
                0, 0x90, 60, 127,       // slot 0, ends at 2,000
                0, 0x90, 62, 127,       // slot 1, sounds throughout
                1_000, 0x90, 60, 127,   // slot 2, ends at 3,000: the front is then slots 0-1
                5_000, 0x90, 60, 127,   // slot 0
                5_000, 0x90, 60, 127),  // slot 2, past the front
                8_000);
        assertThat(out[0][1_500]).as("three voices").isEqualTo(0.75f);
        assertThat(out[0][4_000]).as("slot 1 alone").isEqualTo(0.25f);
        assertThat(out[0][5_500]).as("slot 1 and both new voices").isEqualTo(0.75f);
        assertThat(out[1][5_500]).isEqualTo(0.75f);
    }
}
