package dev.loophole.signal.driver;

import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;

/** Plays an {@link Engine} live: its stereo output is the driver's first two channels. */
public final class EngineCallback implements AudioCallback {
    private final Engine engine;

    public EngineCallback(Engine engine) {
        if (engine.maxBlock() < AudioConfig.MAX_BLOCK) throw new IllegalArgumentException("the engine's block limit " + engine.maxBlock()
                + " is below the drivers' " + AudioConfig.MAX_BLOCK);
        this.engine = engine;
    }

    @Override
    public void process(float[][] out, int frames, EventBuffer events) {
        engine.process(out[0], out[1], frames, events);
    }

    @Override
    public int activeVoices() { return engine.activeVoices(); }
}
