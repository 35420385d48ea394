package dev.loophole.cli;

import dev.loophole.formats.FilePrefetch;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramEffect;
import dev.loophole.model.project.ProgramControls;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.pulse.engine.ProjectEngine;
import dev.loophole.signal.graph.GraphRuntime;
import dev.loophole.signal.engine.OfflineRenderer;
import dev.loophole.signal.expression.MpeDecoder;
import dev.loophole.signal.expression.NoteIds;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.RenderWorkers;
import dev.loophole.formats.sf2.Sf2Catalog;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.signal.store.SampleStore;
import dev.loophole.signal.store.Streamer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Renders a MIDI file through instruments into a WAV file: the work behind {@code render} and {@code demo}. */
final class RenderJob {
    static final int BLOCK = ProjectEngine.Settings.RENDER_BLOCK;
    /**
     * A render's blocks when nothing streams: four {@link #BLOCK}s, the instruments split on the BLOCK grid so the output is
     * the same bits, with a quarter of the per-block work (the render threads' handoff above all: ≈ 6 % of a General MIDI
     * song's CPU at BLOCK). A streamed sample keeps BLOCK: its rings are filled once before each block.
     */
    static final int LONG_BLOCK = 4 * BLOCK;

    /** @param sends feed what instruments send (SoundFont CC91/CC93, SFZ effect1/effect2) to a reverb and a chorus; off: the dry render */
    record Options(int rate, SampleFormat format, double tailSeconds, long seed, int quality, int polyphony,
                   boolean progress, boolean verbose, double gainDb, int preloadFrames,
                   double maxSeconds, boolean sends) {}

    /**
     * How a render runs, for a song as for a project ({@link ProjectRenderJob}). {@code strict}: damaged audio fails the
     * render (nothing is written) instead of being a warning. {@code threads}: threads that render each block's
     * instruments side by side (and a SoundFont's programs, a project's effect chains), this one included
     * ({@link RenderWorkers}); the same bits for any number.
     */
    record Mode(boolean strict, int threads) {
        /** Not strict, on one thread. */
        static final Mode DEFAULT = new Mode(false, 1);
    }

    record Summary(Path out, double seconds, double peakDbfs, int maxVoices, double speed, int damagedSamples) {
        String line() {
            String peak = Double.isInfinite(peakDbfs) ? "-inf" : String.format("%.1f", peakDbfs);
            return String.format("%s: %.1f s, peak %s dBFS, %d voices max, %.1f× realtime", out, seconds, peak, maxVoices, speed)
                    + DamageReport.countText(damagedSamples);
        }
    }

    /** Decoded sample memory the store keeps before letting go of the least recently used (a project render's too). */
    static final long MEMORY_BUDGET = ProjectEngine.Settings.MEMORY_BUDGET;

    private final Options options;
    private final PrintWriter err;
    private Streamer streamer;
    private final boolean strict;
    private final int threads;
    private RenderWorkers workers;
    private DamageReport damage;

    RenderJob(Options options, Mode mode, PrintWriter err) {
        this.options = options;
        this.strict = mode.strict();
        this.threads = mode.threads();
        this.err = err;
    }

    Summary run(Path midi, List<InstrumentSpec> instruments, Path out) throws IOException {
        try {
            return runWithStreamer(midi, instruments, out);
        } finally {
            if (streamer != null) streamer.close();
            if (workers != null) workers.close();
        }
    }

    private Summary runWithStreamer(Path midi, List<InstrumentSpec> instruments, Path out) throws IOException {
        requireWritable(out);
        MidiSong song = RenderPrefetch.song(InputFiles.require(midi, "a MIDI file (.mid)")); // read while picocli set up, if it was
        SongLength.check(midi, song, options.tailSeconds(), options.maxSeconds());
        if (options.progress() || options.verbose()) {
            err.println(SongLength.describe(midi, song) + "; rendering to " + out);
            err.flush();
        }
        Instrument[] byChannel = new Instrument[16];
        // Only sample heads are decoded up front; the rest streams, and the offline render waits for it. Samples only
        // reached by keys the song never plays are opened for their headers, not decoded (a FLAC's cut is then not
        // looked for); --strict opens those in full too and reads their heads through without keeping them, so damage
        // that a played sample's load would meet fails the render in every sample.
        SampleStore store = new SampleStore(MEMORY_BUDGET, true, strict);
        damage = new DamageReport(store::problems, err, strict);
        streamer = new Streamer(store);
        OfflineInstruments made = new OfflineInstruments(options, store, streamer, song);
        Map<Path, Instrument> loaded = new LinkedHashMap<>();
        Map<Instrument, List<ProgramEffect>> chains = new java.util.IdentityHashMap<>();
        int playableRegions = 0;
        List<String> silent = new ArrayList<>();
        for (InstrumentSpec spec : instruments) {
            Instrument inst = loaded.get(spec.file());
            if (inst == null && InstrumentLoader.isSoundFont(spec.file())) {
                OfflineInstruments.Bank bank = loadBank(spec.file(), song, made, store);
                playableRegions += bank.regions();
                if (bank.regions() == 0) silent.add(InstrumentLoader.noRegion(spec.file(), bank.defined()));
                inst = bank.instrument();
                loaded.put(spec.file(), inst);
            }
            if (inst == null) {
                Program program = InstrumentLoader.load(spec.file());
                report(program.diagnostics().stream().map(Diagnostic::toString).toList());
                // The song is known: regions no note of it can reach are not compiled (the same output, sooner).
                Patch patch = made.compile(program);
                report(patch.warnings());
                playableRegions += patch.regionCount();
                if (patch.regionCount() == 0) silent.add(InstrumentLoader.noRegion(spec.file(), program.regions().size()));
                inst = made.sampler(patch);
                chains.put(inst, ProgramControls.chain(program, k -> program.controls().get(k).value()));
                loaded.put(spec.file(), inst);
            }
            if (spec.channel() == InstrumentSpec.ALL) {
                for (int c = 0; c < 16; c++) if (byChannel[c] == null) byChannel[c] = inst;
            } else {
                byChannel[spec.channel() - 1] = inst;
            }
        }
        // Channel-specific instruments win over an "all channels" one given earlier.
        for (InstrumentSpec spec : instruments)
            if (spec.channel() != InstrumentSpec.ALL) byChannel[spec.channel() - 1] = loaded.get(spec.file());
        damage.check("nothing was rendered");
        if (playableRegions == 0) throw new Errors.UserError("nothing to render: " + String.join("; ", silent));
        report(silent.stream().map(s -> s + "; its channels stay silent").toList());
        warnUnrouted(song, byChannel);

        int block = store.streamedAny() ? BLOCK : LONG_BLOCK;
        if (options.verbose())
            err.println("rendering in blocks of " + block + " frames" + (block == BLOCK ? " (samples stream)" : " on a grid of " + BLOCK + " (nothing streams)"));
        GraphRuntime graph = new GraphRuntime(options.rate(), block);
        // Each instrument (and a SoundFont's every program) renders its block apart, on the render thread and helpers,
        // and the blocks are summed in a fixed order: the same bits for any number of threads.
        if (threads > 1) workers = RenderWorkers.forRender(threads);
        graph.offline(workers);
        graph.publish(MidiGraph.of(byChannel, options.sends(), chains));
        OfflineRenderer.Result result = renderTo(out, graph, block, song);
        double peakDb = result.peakDbfs() + options.gainDb();
        if (peakDb > 0 && !options.format().floatingPoint())
            err.printf("warning: the mix peaks at %+.1f dBFS and was clipped in %s; use --gain %.0f or --float%n",
                    peakDb, options.format(), -Math.ceil(peakDb + 1));
        double seconds = result.seconds(options.rate());
        return new Summary(out, seconds, peakDb, result.maxVoices(), seconds / Math.max(result.wallSeconds(), 1e-9), damage.count());
    }

    /** A SoundFont: the presets the song's notes reach, as {@link OfflineInstruments#bank} builds them. */
    private OfflineInstruments.Bank loadBank(Path file, MidiSong song, OfflineInstruments made, SampleStore store) throws IOException {
        Path checked = InputFiles.require(file, "a SoundFont bank (.sf2, .sf3)");
        RenderPrefetch.Bank ahead = RenderPrefetch.bank(checked, song); // opened, its presets built, while picocli set up
        Sf2Catalog bank = ahead != null ? ahead.catalog() : Sf2Importer.open(checked);
        bank.damage().forEach(store::report);
        return ahead != null ? made.bank(bank, FilePrefetch.result(ahead.reached()), this::report) : made.bank(bank, this::report);
    }

    private void report(List<String> warnings) {
        Warnings.print(err, warnings, options.verbose());
    }

    private void warnUnrouted(MidiSong song, Instrument[] byChannel) {
        TreeSet<Integer> silent = new TreeSet<>();
        // MPE member-channel notes play on their zone's manager channel: follow the file's zone messages.
        MpeDecoder zones = new MpeDecoder(c -> null, new NoteIds());
        for (MidiEvent e : song.events()) {
            if (e.isNoteOn()) {
                int z = zones.memberZone(e.channel());
                int ch = z < 0 ? e.channel() : z == MpeDecoder.LOWER ? 0 : 15;
                if (byChannel[ch] == null) silent.add(e.channel() + 1);
            }
            zones.accept(e.status(), e.data1(), e.data2());
        }
        if (!silent.isEmpty()) err.println("warning: MIDI channel(s) " + silent + " have notes but no instrument; they stay silent");
    }

    /** Fails before any work when the output cannot be written, so a long render is never thrown away. */
    static void requireWritable(Path out) {
        Path dir = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) throw new Errors.UserError(out + ": is a folder, expected a .wav file path");
        if (dir == null || !Files.isDirectory(dir)) throw new Errors.UserError(out + ": cannot write, folder " + dir + " does not exist");
        if (!Files.isWritable(dir)) throw new Errors.UserError(out + ": cannot write, folder " + dir + " is not writable");
        if (Files.exists(out) && !Files.isWritable(out)) throw new Errors.UserError(out + ": cannot write, the file is read-only");
    }

    /** Streams the render into a {@link PartFile} and moves it onto the target at the end. */
    private OfflineRenderer.Result renderTo(Path out, GraphRuntime engine, int blockSize, MidiSong song) throws IOException {
        try (PartFile part = PartFile.nextTo(out)) {
            OfflineRenderer.Result result;
            try (WavWriter wav = WavWriter.open(part.path(), options.format(), 2, options.rate(), SampleMetadata.NONE);
                 Progress progress = options.progress() ? new Progress(options.rate()) : null) {
                float[][] block = new float[2][];
                float gain = (float) Math.pow(10, options.gainDb() / 20);
                result = new OfflineRenderer(engine, blockSize).grid(BLOCK).beforeEachBlock(streamer::fillAll).render(song, options.tailSeconds(), (l, r, n) -> {
                    if (part.cancelled()) throw new Errors.UserError("stopped; " + out + " was not written");
                    if (gain != 1f) for (int i = 0; i < n; i++) { l[i] *= gain; r[i] *= gain; }
                    block[0] = l;
                    block[1] = r;
                    try {
                        wav.write(block, 0, n);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, progress == null ? null : progress::update);
                // Never expected (the renderer sizes its event buffer to the fullest block), but never silent either.
                if (result.droppedMessage() != null) err.println("warning: " + result.droppedMessage());
                if (Float.isNaN(result.peak())) throw new Errors.UserError("the render produced invalid samples (NaN); nothing was written");
                // Streaming may have met damage the sample heads did not show.
                damage.check("nothing was written");
            } catch (IOException | UncheckedIOException e) {
                IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                throw new Errors.UserError(out + ": cannot write: " + io.getMessage(), io);
            }
            try {
                part.commit();
            } catch (IOException e) {
                throw new Errors.UserError(out + ": cannot write: " + e.getMessage(), e);
            }
            return result;
        }
    }
}
