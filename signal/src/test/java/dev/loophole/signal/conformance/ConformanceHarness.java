package dev.loophole.signal.conformance;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.media.AudioData;
import dev.loophole.media.AudioFiles;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.OfflineRenderer;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SampleData;
import dev.loophole.signal.sampler.SampleProvider;
import dev.loophole.signal.sampler.SamplerInstrument;
import dev.loophole.signal.sampler.VoiceListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads an SFZ from the test resources next to a set of generated WAVs, plays events through the
 * real engine path (Engine + OfflineRenderer, 1 tick = 1 frame at 48 kHz) and records which
 * regions started and stopped, by {@code region_label}, plus the left channel.
 *
 * <p>The WAVs (48 kHz, mono, 32-bit float so values survive exactly):
 * <ul>
 *   <li>{@code dc.wav} — 2 s of 0.5: level checks read the gain directly;</li>
 *   <li>{@code short.wav} — 480 frames (10 ms) of 0.5: a voice that ends by itself;</li>
 *   <li>{@code ramp.wav} — 4800 frames, frame i = i/8192: which frame of the sample sounds where.</li>
 * </ul>
 */
final class ConformanceHarness {
    static final int RATE = 48_000;
    static final int BLOCK = 256;
    static final int POLYPHONY = 64;
    static final int RAMP_FRAMES = 4800;

    static double ramp(int frame) { return frame / 8192.0; }

    /** A voice start or stop the listener saw, with the region's label. */
    record Event(boolean start, String label, int channel, int key, int velocity, long frame) {}

    /** What one render produced. */
    record Result(Program program, List<Event> events, float[] left, List<String> warnings) {
        List<Event> starts() { return events.stream().filter(Event::start).toList(); }
    }

    /** Writes the sample set into {@code dir} (once per directory). */
    static void writeSamples(Path dir) throws IOException {
        if (Files.exists(dir.resolve("ramp.wav"))) return;
        float[] dc = new float[2 * RATE];
        java.util.Arrays.fill(dc, 0.5f);
        float[] shortDc = new float[480];
        java.util.Arrays.fill(shortDc, 0.5f);
        float[] ramp = new float[RAMP_FRAMES];
        for (int i = 0; i < ramp.length; i++) ramp[i] = (float) ramp(i);
        write(dir.resolve("dc.wav"), dc);
        write(dir.resolve("short.wav"), shortDc);
        write(dir.resolve("ramp.wav"), ramp);
    }

    private static void write(Path file, float[] mono) throws IOException {
        WavWriter.write(file, new AudioData(new float[][] {mono}, RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
    }

    /** Copies resource {@code conformance/<sfz>} into {@code dir} beside the samples and imports it. */
    static Program load(Path resourceDir, String sfz, Path dir) throws IOException {
        writeSamples(dir);
        Path copy = dir.resolve(sfz);
        Files.copy(resourceDir.resolve(sfz), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return SfzImporter.load(copy);
    }

    static SampleProvider diskSamples() {
        return ref -> new SampleData(ref.path(), AudioFiles.read(Path.of(ref.path())));
    }

    /** Plays {@code events} and renders {@code tail} frames after the last one. */
    static Result render(Program program, List<MidiEvent> events, long seed, long tail) {
        Patch patch = new PatchCompiler(diskSamples(), RATE).compile(program);
        SamplerInstrument inst = new SamplerInstrument(patch, RATE, POLYPHONY, seed);
        Map<String, String> labels = new HashMap<>();
        for (SampleRegion r : program.regions()) labels.put(r.regionId(), r.label() != null ? r.label() : r.regionId());
        List<Event> log = new ArrayList<>();
        inst.setVoiceListener(new VoiceListener() {
            @Override public void started(String id, int channel, int key, int velocity, long frame) {
                log.add(new Event(true, labels.getOrDefault(id, id), channel, key, velocity, frame));
            }

            @Override public void stopped(String id, int channel, int key, long frame) {
                log.add(new Event(false, labels.getOrDefault(id, id), channel, key, 0, frame));
            }
        });
        Engine engine = new Engine(RATE, BLOCK);
        for (int c = 0; c < 16; c++) engine.route(c, inst);
        // 24000 ppq at the default 500000 µs per quarter: 48000 ticks a second, one tick per frame.
        MidiSong song = new MidiSong("case", new TempoMap(24_000, List.of()), events);
        long last = events.isEmpty() ? 0 : song.events().getLast().tick() + 1;
        float[] left = new float[(int) (last + tail)];
        int[] pos = {0};
        new OfflineRenderer(engine, BLOCK).render(song, tail / (double) RATE, (l, r, n) -> {
            int k = Math.min(n, left.length - pos[0]);
            if (k > 0) System.arraycopy(l, 0, left, pos[0], k);
            pos[0] += n;
        }, null);
        List<String> warnings = new ArrayList<>(patch.warnings());
        program.diagnostics().forEach(d -> warnings.add(d.toString()));
        return new Result(program, log, left, warnings);
    }

    /**
     * Pairs each start with its stop: the first later stop of the same label, channel and key that is
     * not yet taken (voices of one region on one key are assumed to stop oldest first). Returns, per
     * start in {@link Result#starts()} order, the stop frame or {@link Long#MAX_VALUE} if none came.
     */
    static long[] stopFrames(Result r) {
        List<Event> log = r.events();
        List<Long> stops = new ArrayList<>();
        boolean[] taken = new boolean[log.size()];
        for (int s = 0; s < log.size(); s++) {
            Event st = log.get(s);
            if (!st.start()) continue;
            long stop = Long.MAX_VALUE;
            for (int i = s + 1; i < log.size(); i++) {
                Event e = log.get(i);
                if (e.start() || taken[i]) continue;
                if (!e.label().equals(st.label()) || e.channel() != st.channel() || e.key() != st.key()) continue;
                taken[i] = true;
                stop = e.frame();
                break;
            }
            stops.add(stop);
        }
        return stops.stream().mapToLong(Long::longValue).toArray();
    }
}
