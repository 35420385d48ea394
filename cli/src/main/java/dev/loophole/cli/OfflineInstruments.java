package dev.loophole.cli;

import dev.loophole.formats.sf2.Sf2Catalog;
import dev.loophole.formats.sf2.Sf2Preset;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.Program;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.pulse.engine.Samples;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.ProgramBank;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import dev.loophole.signal.sampler.VoiceThread;
import dev.loophole.signal.store.SampleStore;
import dev.loophole.signal.store.Streamer;
import java.io.IOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How an offline render of a MIDI song builds its instruments — the one place {@code render --midi} and {@code bench}
 * take it from (a project's render builds its own through pulse's NodeInstruments, on the same offline voices). The song is known: a program is compiled for the keys its notes play (samples no note reaches are opened for
 * their headers, regions no note reaches are left out where key and velocity alone choose), a SoundFont for the
 * presets the song reaches ({@link SongPresets}), each for the keys played on it; the voices run on the render thread
 * ({@link VoiceThread#OFFLINE}: tables and warm-ups when first needed).
 */
final class OfflineInstruments {
    /** A SoundFont's instrument: {@code regions} can play; {@code defined} is how many the reachable presets have. */
    record Bank(Instrument instrument, int regions, int defined) {}

    private final RenderJob.Options options;
    private final PatchCompiler compiler;
    private final Streamer streamer;
    private final MidiSong song;
    private final BitSet keys = new BitSet(128);

    /** Instruments for {@code song}, their samples from {@code store} (heads at the options' preload; the rest streams by {@code streamer}). */
    OfflineInstruments(RenderJob.Options options, SampleStore store, Streamer streamer, MidiSong song) {
        this.options = options;
        this.compiler = new PatchCompiler(new Samples(store), options.rate(), options.preloadFrames());
        this.streamer = streamer;
        this.song = song;
        for (MidiEvent e : song.events()) if (e.isNoteOn()) keys.set(e.data1());
    }

    /** An SFZ, kit or Decent Sampler program, compiled for the song's keys. */
    Patch compile(Program program) {
        return compiler.compile(program, new PatchCompiler.Played(keys, true));
    }

    /**
     * The presets of {@code bank} the song reaches, each compiled for the keys played on it, as one instrument
     * ({@link SongPresets#reach}). {@code report} hears the bank's diagnostics (the file's and the built presets') then
     * each patch's warnings.
     */
    Bank bank(Sf2Catalog bank, Consumer<List<String>> report) throws IOException {
        return bank(bank, SongPresets.reach(bank, song), report);
    }

    /** As {@link #bank(Sf2Catalog, Consumer)}, with the presets reached already built (read ahead: {@link RenderPrefetch}). */
    Bank bank(Sf2Catalog bank, SongPresets.Reached reached, Consumer<List<String>> report) {
        Map<Integer, SongPresets.Chosen> chosen = reached.chosen();
        Map<Integer, Sf2Preset> built = reached.built();
        report.accept(bank.diagnostics().stream().map(Diagnostic::toString).toList());
        Map<Integer, Instrument> programs = new HashMap<>();
        int regions = 0, defined = 0;
        for (var e : built.entrySet()) {
            defined += e.getValue().program().regions().size();
            Patch patch = compiler.compile(e.getValue().program(), new PatchCompiler.Played(chosen.get(e.getKey()).keys(), false));
            report.accept(patch.warnings());
            regions += patch.regionCount();
            programs.put(e.getKey(), sampler(patch));
        }
        return new Bank(new ProgramBank(programs), regions, defined);
    }

    /** The render thread may allocate: tables the notes need are made when first read, nothing is warmed up for it. */
    SamplerInstrument sampler(Patch patch) {
        SamplerInstrument inst = new SamplerInstrument(patch, options.rate(), options.polyphony(), options.seed(), streamer, VoiceThread.OFFLINE);
        inst.setQuality(options.quality());
        return inst;
    }
}
