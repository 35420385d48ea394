package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.signal.engine.Engine;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Java Sound backend on a line that plays against the wall clock (this machine has no sound
 * card): the render thread is paced by the line, the song arrives through the ring, nothing allocates.
 */
class JavaSoundDriverTest {

    @Test
    void playsASongThroughAPacedLine() throws Exception {
        FakeLine line = new FakeLine();
        JavaSoundDriver driver = new JavaSoundDriver(AudioConfig.defaults("loophole").withMidiInputs(null), line);
        SineOrgan organ = new SineOrgan(driver.sampleRate());
        Engine engine = new Engine(driver.sampleRate(), AudioConfig.MAX_BLOCK);
        for (int c = 0; c < 16; c++) engine.route(c, organ);
        driver.stats().startAllocationProbe(300);
        long t0 = System.nanoTime();
        driver.start(new EngineCallback(engine));
        try (SongPlayer player = new SongPlayer(driver, JackDriverTest.song(), 0.1)) {
            player.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(player.finished() && driver.stats().voices() == 0) && System.nanoTime() < deadline) Thread.sleep(20);
        }
        driver.close();
        double wall = (System.nanoTime() - t0) / 1e9;
        DriverStats s = driver.stats();
        System.out.printf("Java Sound: %d blocks, %.2f s rendered in %.2f s wall; %s; line starved %d times; probe %d blocks, %d bytes%n",
                s.blocks(), s.frames() / 48_000.0, wall, s.line(), line.starved, s.probedBlocks(), s.probedBytes());
        assertThat(organ.noteOns).isEqualTo(JackDriverTest.NOTES);
        int exact = 0;
        for (int i = 1; i < JackDriverTest.NOTES; i++) if (organ.noteOnFrames[i] - organ.noteOnFrames[i - 1] == 12_000) exact++;
        assertThat(exact).as("the stream clock is the frames rendered: every note on its frame").isEqualTo(JackDriverTest.NOTES - 1);
        assertThat(s.frames()).isGreaterThanOrEqualTo(JackDriverTest.SONG_FRAMES);
        assertThat(wall).as("paced by the line, not faster than real time").isGreaterThan(9.5);
        assertThat(line.peak).as("sound reached the line").isGreaterThan(1000);
        // As in JackDriverTest: nothing steady, at most one block with a one-off JIT deoptimisation.
        // (Between blocks the thread is in the line's write, which is Java Sound's, so only the block itself counts.)
        assertThat(s.probedBytes()).as("bytes allocated by the render thread inside blocks after warm-up").isLessThan(4096); // no steady allocation (see JackDriverTest)
        assertThat(line.isOpen()).isFalse();
    }
}
