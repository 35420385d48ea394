package dev.loophole.cli;

import dev.loophole.formats.sf2.Sf2Catalog;
import dev.loophole.formats.sf2.Sf2Preset;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.Program;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.ProgramBank;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import dev.loophole.signal.sampler.VoiceThread;
import dev.loophole.signal.store.Streamer;
import java.io.IOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    private final BitSet keys = new BitSet(128);

    OfflineInstruments(RenderJob.Options options, PatchCompiler compiler, Streamer streamer, MidiSong song) {
        this.options = options;
        this.compiler = compiler;
        this.streamer = streamer;
        for (MidiEvent e : song.events()) if (e.isNoteOn()) keys.set(e.data1());
    }

    /** An SFZ, kit or Decent Sampler program, compiled for the song's keys. */
    Patch compile(Program program) {
        return compiler.compile(program, new PatchCompiler.Played(keys, true));
    }

    /**
     * The presets of {@code bank} the song reaches, each compiled for the keys played on it, as one instrument. Only those
     * are built from the bank's tables ({@link Sf2Catalog}): the rest of the bank's regions are never made. {@code report}
     * hears the bank's diagnostics (the file's and the built presets') then each patch's warnings.
     */
    Bank bank(Sf2Catalog bank, MidiSong song, Consumer<List<String>> report) throws IOException {
        Map<Integer, SongPresets.Chosen> chosen = SongPresets.choose(bank, song);
        Map<Integer, Sf2Preset> built = new TreeMap<>();
        for (var e : chosen.entrySet()) built.put(e.getKey(), bank.preset(e.getValue().header().index()));
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
