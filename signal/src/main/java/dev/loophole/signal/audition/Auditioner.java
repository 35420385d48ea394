package dev.loophole.signal.audition;

import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.LoopType;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Tuning;
import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.AudioDriver;
import dev.loophole.signal.driver.EngineCallback;
import dev.loophole.signal.driver.MidiRing;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SampleProvider;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Plays a sample, or a key of a program, through the engine right away (the media browser's preview). One audition
 * sounds at a time: starting one silences the previous one (all sound off, then the new patch, then its note, in
 * that order on the audio thread). Owns its driver's callback; control side only.
 */
public final class Auditioner implements AutoCloseable {
    /** The key a sample file is auditioned at: its own pitch. */
    public static final int KEY = 60;
    private static final int CC_ALL_SOUND_OFF = 120;

    private final AudioDriver driver;
    private final Engine engine;
    private final SamplerInstrument instrument;
    private final MidiRing ring;
    private final PatchCompiler compiler;
    private long auditions;

    public Auditioner(AudioDriver driver, SampleProvider samples) throws IOException {
        this.driver = driver;
        int rate = driver.sampleRate();
        compiler = new PatchCompiler(samples, rate);
        engine = new Engine(rate, AudioConfig.MAX_BLOCK);
        instrument = new SamplerInstrument(compiler.compile(program("silence", List.of())), rate, 32, 0);
        engine.route(0, instrument);
        ring = driver.addMidiSource(64);
        driver.start(new EngineCallback(engine));
    }

    /** Plays a whole sample file once at its own pitch (one shot), stopping the previous audition. */
    public void play(Path file) throws IOException {
        SampleRegion.Builder b = SampleRegion.builder("audition");
        b.samples.add(new SampleRef(file.toAbsolutePath().toString()));
        b.keyRange = IntRange.MIDI;
        b.velocityRange = new IntRange(1, 127);
        b.tuning = new Tuning(KEY, 0, 0, 100, 0, 200, -200);
        b.loop = new Loop(LoopMode.ONE_SHOT, LoopType.FORWARD, -1, -1, 0, 0);
        play(program(file.getFileName().toString(), List.of(b.build())), KEY, 127);
    }

    /** Plays {@code key} of {@code program} (a region audition), stopping the previous audition. */
    public void play(Program program, int key, int velocity) throws IOException {
        Patch patch = compiler.compile(program);
        if (patch.regionCount() == 0) throw new IOException(program.name() + ": nothing to audition (" + String.join("; ", patch.warnings()) + ")");
        stop();
        instrument.swapPatch(patch);
        ring.offer(MidiRing.NOW, 0x90, key, velocity);
        ring.offer(MidiRing.NOW, 0x80, key, 0); // a one-shot plays out; a looped region starts its release
        auditions++;
    }

    /** Silences whatever is auditioning. */
    public void stop() {
        ring.offer(MidiRing.NOW, 0xB0, CC_ALL_SOUND_OFF, 0);
    }

    /** Voices sounding now (0 once an audition has played out or was stopped). */
    public int voices() { return engine.activeVoices(); }

    /** Auditions started so far. */
    public long auditions() { return auditions; }

    public AudioDriver driver() { return driver; }

    private static Program program(String name, List<SampleRegion> regions) {
        return new Program("audition", name, List.of(new SampleGroup("audition", name, regions)), ProgramSettings.DEFAULT,
                Map.of(), Map.of(), List.of());
    }

    @Override
    public void close() {
        driver.close();
    }
}
