package dev.loophole.signal.driver;

import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;

/** Plays an {@link Engine} live: bus b goes to the driver's channels 2b and 2b + 1 (buses beyond them to the first pair). */
public final class EngineCallback implements AudioCallback {
    private final Engine engine;

    public EngineCallback(Engine engine) {
        if (engine.maxBlock() < AudioConfig.MAX_BLOCK) throw new IllegalArgumentException("the engine's block limit " + engine.maxBlock()
                + " is below the drivers' " + AudioConfig.MAX_BLOCK);
        this.engine = engine;
    }

    @Override
    public void process(float[][] out, int frames, EventBuffer events) {
        engine.process(out, frames, events);
    }

    @Override
    public int activeVoices() { return engine.activeVoices(); }
}
