package dev.loophole.pulse.engine;

import dev.loophole.model.Program;
import dev.loophole.model.project.SamplerOutputs;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.project.InstrumentKind;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.NoMidi;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import dev.loophole.signal.sampler.VoiceThread;
import dev.loophole.signal.store.Streamer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine instrument behind each instrument node, kept across compiles: a Sampler node's
 * program is compiled (samples resolved through the store) only when its state changed, and then
 * swapped into the same {@link SamplerInstrument}, so sounding notes play on. Control side.
 */
public final class NodeInstruments {
    /** How samplers are made: rate, voices, seed, interpolation quality, and what runs their voices (live or a render). */
    public record Settings(int rate, int polyphony, long seed, int quality, VoiceThread voices) {}

    private record Entry(Program program, Instrument instrument) {}

    private final PatchCompiler compiler;
    private final Settings settings;
    private final Streamer streamer;
    private final Map<String, Entry> byNode = new HashMap<>();
    private final Map<String, Instrument> overrides = new HashMap<>();
    private int compiledPatches;

    public NodeInstruments(PatchCompiler compiler, Settings settings, Streamer streamer) {
        this.compiler = compiler;
        this.settings = settings;
        this.streamer = streamer;
    }

    /**
     * Plays node {@code nodeId} through {@code instrument} instead of what its state says: how an
     * ad-hoc project plays a SoundFont bank (bank select and program change pick presets live).
     */
    public void override(String nodeId, Instrument instrument) { overrides.put(nodeId, instrument); }

    /** Patches compiled so far (a measure of "recompile only what changed"). */
    public int compiledPatches() { return compiledPatches; }

    /** The engine instrument for {@code node}; {@code warn} hears what cannot play. */
    public Instrument instrumentFor(InstrumentNode node, Consumer<String> warn) {
        Instrument o = overrides.get(node.nodeId());
        if (o != null) return o;
        if (node.kind() != InstrumentKind.SAMPLER) {
            warn.accept("node " + node.nodeId() + ": " + node.kind() + " instruments cannot play yet; it stays silent");
            return byNode.computeIfAbsent(node.nodeId(), k -> new Entry(null, new Silent())).instrument();
        }
        Program program = played(node);
        Entry e = byNode.get(node.nodeId());
        if (e != null && e.program() != null && (e.program() == program || e.program().equals(program))) return e.instrument();
        Patch patch = compiler.compile(program);
        compiledPatches++;
        for (String w : patch.warnings()) warn.accept("node " + node.nodeId() + ": " + w);
        if (e != null && e.instrument() instanceof SamplerInstrument s && s.programOutputs() == patch.outputs()) {
            s.swapPatch(patch); // the same voices play on; new notes use the new program
            byNode.put(node.nodeId(), new Entry(program, s));
            return s;
        }
        SamplerInstrument s = new SamplerInstrument(patch, settings.rate(), settings.polyphony(), settings.seed(), streamer, settings.voices());
        s.setQuality(settings.quality());
        byNode.put(node.nodeId(), new Entry(program, s));
        return s;
    }

    /**
     * The program as the node's parameters play it, compiled into the patch so new notes take it (sounding ones keep
     * what they started with): each mic level ({@code micN}, dB) the level of every sample on that mic's output in
     * multi-mic regions. The program itself when all are at rest. (Its tune is not compiled in: the graph moves it
     * live, {@code GraphRuntime.TUNE}.)
     */
    static Program played(InstrumentNode node) {
        Program program = node.program();
        Map<Integer, Double> micDb = new HashMap<>();
        for (int o : SamplerOutputs.mics(program)) {
            String id = SamplerOutputs.micParameter(o);
            double db = node.parameters().contains(id) ? node.value(id) : 0;
            if (db != 0) micDb.put(o, db);
        }
        if (micDb.isEmpty()) return program;
        return program.mapRegions(r -> {
            SampleRegion.Builder b = r.toBuilder();
            if (r.samples().size() > 1)
                b.samples = new ArrayList<>(r.samples().stream().map(m -> micDb.containsKey(m.output())
                        ? m.asMic(m.volume() + micDb.get(m.output()), m.pan(), m.output()) : m).toList());
            return b.build();
        });
    }

    /** Forgets nodes no longer in the project. */
    public void retain(Set<String> nodeIds) {
        byNode.keySet().retainAll(nodeIds);
    }

    /** Voices sounding in each node's instrument now (a moment's count, read on the control side). */
    public Map<String, Integer> voicesByNode() {
        Map<String, Integer> m = new HashMap<>();
        byNode.forEach((id, e) -> m.put(id, Math.max(0, e.instrument().activeVoices())));
        overrides.forEach((id, i) -> m.put(id, Math.max(0, i.activeVoices())));
        return m;
    }

    /** Every instrument made so far (for a render's voice count). */
    public List<Instrument> all() {
        List<Instrument> l = new ArrayList<>();
        byNode.values().forEach(e -> l.add(e.instrument()));
        l.addAll(overrides.values());
        return l;
    }

    /** An instrument that makes no sound: a node kind the engine cannot play yet. */
    static final class Silent implements NoMidi {
        @Override public void render(float[] left, float[] right, int from, int to) { }
        @Override public int activeVoices() { return 0; }
        @Override public void allSoundOff() { }
    }
}
