package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.formats.hydrogen.HydrogenImporter;
import dev.loophole.formats.realcontent.HydrogenKitXml;
import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.model.Program;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import dev.loophole.signal.sampler.VoiceListener;
import dev.loophole.media.AudioData;
import dev.loophole.media.AudioFiles;
import dev.loophole.media.WavReader;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's hydrogen-drumkits rendered through {@code loophole render --instrument KIT/drumkit.xml}: the render is
 * held to a mix the test builds itself from the kit's own sample files and the levels its XML gives (read by hand
 * and written below), so each pad's sound, its layer, its level, its pan and its onset frame are all checked.
 */
class HydrogenKitRenderTest {
    static final Path KITS = Path.of("/usr/share/hydrogen/data/drumkits");
    static final int RATE = 44_100; // the kits' own rate: no resampling between the files and the render
    @TempDir Path dir;

    /** A hit: note, velocity, the layer's file, and the left/right gains the XML gives (volume × pan_L / pan_R). */
    record Hit(double seconds, int note, int velocity, String file, double left, double right) {
        int onset() { return (int) Math.round(seconds * RATE); }
    }

    @Test
    void aGmPatternPlaysEachPadsOwnSampleAtItsNote() throws Exception {
        Path kit = KITS.resolve("The Black Pearl 1.0");
        assumeTrue(Files.isDirectory(kit), "hydrogen-drumkits is not installed; skipping");
        // From the kit's drumkit.xml: Pearl Kick is instrument 0 (note 36), Pearl Snare 2 (38), Sabian Hat Closed 6 (42),
        // Sabian Hat Semi-Open 10 (46). Velocity v picks the layer whose min..max holds v/127: 127 → kick "Hardest"
        // (0.855..1), 100 = 0.787 → snare "Hardest" (0.7826..1), 90 = 0.709 → closed hat "Hard" (0.576..0.786),
        // 110 = 0.866 → semi-open "Hardest" (0.7826..1). Level: volume × v/127; pan_L 1 / pan_R 0.7 or 0.48 per side.
        List<Hit> hits = List.of(
                new Hit(0.25, 36, 127, "PearlKick-Hardest.wav", 1, 1),
                new Hit(0.75, 38, 100, "PearlSnare-Hardest.wav", 1.02155, 1.02155 * 0.7),
                new Hit(1.25, 42, 90, "SabianHatClosed-Hard.wav", 0.685345, 0.685345 * 0.48),
                new Hit(1.75, 46, 110, "SabianHatSemiOpen-Hardest.wav", 0.69, 0.69 * 0.48));
        float[][] out = render(kit, hits);
        float[][] expected = mix(kit, hits, out[0].length, Double.POSITIVE_INFINITY);
        for (Hit h : hits) {
            int from = h.onset(), to = from + RATE / 4;
            for (int c = 0; c < 2; c++) {
                double signal = rms(expected[c], from, to), residual = rmsDiff(out[c], expected[c], from, to);
                System.out.printf("hit note %d ch %d: %.1f dBFS, render − kit's sample %.1f dB below it%n", h.note(), c,
                        db(signal), db(signal) - db(residual));
                assertThat(db(signal)).as("note %d channel %d level", h.note(), c).isGreaterThan(-40);
                assertThat(db(residual) - db(signal)).as("note %d channel %d: render minus the kit's own sample", h.note(), c).isLessThan(-60);
            }
        }
        // Silence up to the first onset, and the whole render is the mix to within float rounding: every hit on its frame.
        assertThat(firstNonZero(out[0], 0)).isEqualTo(hits.getFirst().onset());
        for (int c = 0; c < 2; c++)
            assertThat(firstDifference(out[c], expected[c], 0)).as("channel %d: first frame where render and mix differ", c).isEqualTo(-1);
    }

    @Test
    void theClosedHatChokesTheOpenHatOfItsMuteGroup() throws Exception {
        Path kit = KITS.resolve("VariBreaks");
        assumeTrue(Files.isDirectory(kit), "hydrogen-drumkits is not installed; skipping");
        // VariBreaks puts instruments 9 "Hat 1 Cl" (note 45), 10 "Hat 1 Pd" (46) and 11 "Hat 1 Op" (47) in muteGroup 0;
        // all three are volume 1, centred, one layer 0..1, Release 1000 frames.
        Hit open = new Hit(0.25, 47, 127, "VP Hat 1 Op.flac", 1, 1);
        Hit closed = new Hit(0.5, 45, 127, "VP Hat 1 Cl.flac", 1, 1);
        float[][] openAlone = render(kit, List.of(open));
        float[][] both = render(kit, List.of(open, closed));
        int release = 1000, after = closed.onset() + release + 64;
        // the open hat is still ringing when the closed one comes: it is what the choke has to cut
        float[][] closedOnly = mix(kit, List.of(closed), both[0].length, Double.POSITIVE_INFINITY);
        double ringing = rms(openAlone[0], after, after + RATE / 10);
        double leftOver = rmsDiff(both[0], closedOnly[0], after, after + RATE / 10);
        System.out.printf("open hat 0.1 s after the closed hit: %.1f dBFS alone, %.1f dBFS once choked%n", db(ringing), db(leftOver));
        assertThat(db(ringing)).as("open hat alone still rings").isGreaterThan(-40);
        assertThat(db(leftOver)).as("after the choke only the closed hat sounds").isLessThan(db(ringing) - 60);
        // before the closed hit, both renders are the open hat alone
        assertThat(firstDifference(both[0], openAlone[0], 0)).isEqualTo(closed.onset());
    }

    /**
     * Every Debian kit: `inspect` names its pads, and each pad played alone (the engine silenced between pads)
     * starts a voice of one of its own regions and sounds within 0.1 s.
     */
    @Test
    void everyDebianKitInspectsAndPlaysEveryPad() throws Exception {
        assumeTrue(Files.isDirectory(KITS), "hydrogen-drumkits is not installed; skipping");
        List<Path> kits;
        try (var s = Files.list(KITS)) { kits = s.filter(k -> Files.isRegularFile(k.resolve("drumkit.xml"))).sorted().toList(); }
        assertThat(kits).hasSizeGreaterThanOrEqualTo(14);
        int pads = 0;
        for (Path kit : kits) {
            Program p = HydrogenImporter.load(kit.resolve("drumkit.xml"));
            CliRun inspect = CliRun.of("inspect", kit.resolve("drumkit.xml").toString());
            assertThat(inspect.status()).as(inspect.err()).isZero();
            SamplerInstrument inst = new SamplerInstrument(new PatchCompiler(InstrumentLoader.samplesFromDisk(), RATE).compile(p), RATE, 64, 1);
            List<String> started = new ArrayList<>();
            inst.setVoiceListener(new VoiceListener() {
                @Override public void started(String regionId, int channel, int key, int velocity, long frame) { started.add(regionId); }
                @Override public void stopped(String regionId, int channel, int key, long frame) { }
            });
            float[] l = new float[RATE / 10], r = new float[RATE / 10];
            for (int note : new java.util.TreeSet<>(p.keyLabels().keySet())) {
                assertThat(inspect.out()).as("%s: inspect names pad %d", kit, note).contains(note + "=" + p.keyLabels().get(note));
                // a pad whose only sample the package lacks (Millo_MultiLayered2's cowbell) has nothing to play
                List<String> own = p.regions().stream().filter(x -> x.keyRange().lo() == note && Files.isRegularFile(Path.of(x.sample().path())))
                        .map(x -> x.regionId()).toList();
                inst.allSoundOff();
                inst.render(l, r, 0, l.length);
                java.util.Arrays.fill(l, 0); java.util.Arrays.fill(r, 0);
                started.clear();
                // the loudest velocity a layer of the pad plays (ColomboAcousticDrumkit's snare stops at max 0.9957 = 126)
                int velocity = p.regions().stream().filter(x -> x.keyRange().lo() == note).mapToInt(x -> x.velocityRange().hi()).max().orElse(127);
                inst.noteOn(9, note, velocity);
                inst.render(l, r, 0, l.length);
                double level = db(Math.max(rms(l, 0, l.length), rms(r, 0, r.length)));
                if (own.isEmpty()) {
                    assertThat(started).as("%s pad %d", kit.getFileName(), note).isEmpty();
                    continue;
                }
                assertThat(started).as("%s pad %d starts its own regions", kit.getFileName(), note).isNotEmpty().allMatch(own::contains);
                assertThat(level).as("%s pad %d sounds", kit.getFileName(), note).isGreaterThan(-80);
                pads++;
            }
        }
        System.out.println(kits.size() + " kits, " + pads + " pads each sounded alone");
    }

    /**
     * Every Debian kit through `loophole render`: a pattern striking each note that has a pad once, 0.2 s apart, at
     * velocity 127. The render is held to a mix the test builds from the kit's drumkit.xml ({@link HydrogenKitXml},
     * the tests' own reading, not the importer) and its sample files: every instrument on the note plays the layer
     * Hydrogen picks at 127, at volume × gain × layer gain × sustain, pan_L/pan_R per side, its sample resampled here
     * (a windowed sinc) where its rate or the layer's pitch asks, ringing on until a later hit of its mute group cuts it
     * (that cut's release left out of the comparison). Each hit's first 50 ms must match: within 60 dB of the pad's own
     * level where every sample sounding plays at its own rate; where one is resampled, within 25 dB of all that sounds
     * in the window (the render's sinc and the test's differ near Nyquist) and at the same level within 0.1 dB. A wrong
     * sample, layer, level, pan or onset fails.
     */
    @Test
    void aPatternThroughEveryDebianKitPutsEachPadsSoundAtItsNote() throws Exception {
        assumeTrue(Files.isDirectory(KITS), "hydrogen-drumkits is not installed; skipping");
        List<Path> kits;
        try (var s = Files.list(KITS)) { kits = s.filter(k -> Files.isRegularFile(k.resolve("drumkit.xml"))).sorted().toList(); }
        int checked = 0;
        double worstExact = -300, worstResampled = -300, worstLevel = 0;
        for (Path kitDir : kits) {
            HydrogenKitXml.Kit kit = HydrogenKitXml.read(kitDir.resolve("drumkit.xml"));
            // What each note plays at velocity 127: per instrument on it, the layer Hydrogen picks (if its file is there).
            java.util.TreeMap<Integer, List<Voice>> byNote = new java.util.TreeMap<>();
            for (HydrogenKitXml.Instrument in : kit.instruments()) {
                assertThat(in.attack() + in.decay()).as("%s: the mix below has no attack or decay stage", kit.name()).isZero();
                for (int layer : in.sounding(127)) {
                    HydrogenKitXml.Layer l = in.layers().get(layer);
                    Path file = kitDir.resolve(l.file()).normalize();
                    if (!Files.isRegularFile(file)) continue; // a sample the package lacks (Millo_MultiLayered2's cowbell)
                    AudioData a = AudioFiles.read(file);
                    double level = in.volume() * in.gain() * l.gain() * in.sustain();
                    double ratio = a.sampleRate() / (double) RATE * Math.pow(2, l.pitch() / 12);
                    byNote.computeIfAbsent(in.key(), k -> new ArrayList<>()).add(new Voice(in, a.channels(), ratio,
                            level * in.panL(), level * in.panR()));
                }
            }
            List<Hit> hits = new ArrayList<>();
            for (int note : byNote.keySet()) hits.add(new Hit(0.1 + 0.2 * hits.size(), note, 127, null, 1, 1));
            float[][] out = render(kitDir, hits);
            int total = out[0].length, window = RATE / 20;

            // Each voice sounds from its hit's onset until the next hit of its mute group (or the end).
            List<Sounding> voices = new ArrayList<>();
            boolean[] skip = new boolean[total];
            for (int j = 0; j < hits.size(); j++) {
                for (Voice v : byNote.get(hits.get(j).note())) {
                    int end = total;
                    for (int k = j + 1; k < hits.size() && v.in().muteGroup() >= 0 && end == total; k++)
                        for (Voice w : byNote.get(hits.get(k).note()))
                            if (w.in().muteGroup() == v.in().muteGroup()) end = hits.get(k).onset();
                    if (end < total)
                        for (int t = end; t < Math.min(total, end + (int) Math.ceil(v.in().release()) + 64); t++) skip[t] = true;
                    voices.add(new Sounding(v, j, hits.get(j).onset(), end));
                }
            }
            assertThat(firstNonZero(out[0], 0)).as("%s: silence before the first hit", kit.name()).isGreaterThanOrEqualTo(hits.getFirst().onset());
            for (int i = 0; i < hits.size(); i++) {
                Hit h = hits.get(i);
                double sig = 0, err = 0, all = 0, got = 0;
                int n = 0, own = 0;
                boolean resampled = false;   // a voice sounding in this window is resampled
                for (int t = h.onset(); t < Math.min(total, h.onset() + window); t++) {
                    double[] mixed = new double[2], mine = new double[2];
                    for (Sounding v : voices) {
                        if (t < v.from() || t >= v.to()) continue;
                        for (int c = 0; c < 2; c++) {
                            double x = v.voice().at(c, t - v.from());
                            mixed[c] += x;
                            if (v.hit() == i) mine[c] += x;
                        }
                        resampled |= v.voice().ratio() != 1;
                    }
                    for (int c = 0; c < 2; c++) { sig += mine[c] * mine[c]; own++; }
                    if (skip[t]) continue;
                    for (int c = 0; c < 2; c++) { double d = out[c][t] - mixed[c]; err += d * d; all += mixed[c] * mixed[c]; got += (double) out[c][t] * out[c][t]; }
                    n++;
                }
                double padDb = db(Math.sqrt(sig / own)), errDb = db(Math.sqrt(err / Math.max(1, 2 * n)));
                // Resampled: the two sincs differ in what rings on from earlier hits too, so the error is taken
                // relative to all that sounds in the window (at least this pad).
                double ratio = errDb - (resampled ? Math.max(padDb, db(Math.sqrt(all / Math.max(1, 2 * n)))) : padDb);
                assertThat(padDb).as("%s note %d sounds", kit.name(), h.note()).isGreaterThan(-80);
                assertThat(n).as("%s note %d: frames compared", kit.name(), h.note()).isGreaterThan(window / 10);
                assertThat(ratio).as("%s note %d at %.1f s: render minus the kit's samples, relative to this pad%s", kit.name(), h.note(),
                        h.seconds(), resampled ? " (resampled)" : "").isLessThan(resampled ? -25 : -60);
                if (resampled) {
                    // The waveforms may differ near Nyquist, the levels hardly: the window's level against the kit's
                    // samples at their gains (0.021 dB at worst when written; a layer gain off by 0.05 dB fails here)
                    double levelDb = 10 * Math.log10(got / all);
                    assertThat(levelDb).as("%s note %d at %.1f s (resampled): level of the render against the kit's samples, dB", kit.name(),
                            h.note(), h.seconds()).isBetween(-0.05, 0.05);
                    worstLevel = Math.max(worstLevel, Math.abs(levelDb));
                    worstResampled = Math.max(worstResampled, ratio);
                }
                else worstExact = Math.max(worstExact, ratio);
                checked++;
            }
        }
        System.out.printf("%d kits, %d notes each at its note in a pattern; worst difference from the kit's samples %.1f dB below the pad"
                + " (%.1f dB where resampled, whose level is within %.3f dB)%n", kits.size(), checked, -worstExact, -worstResampled, worstLevel);
    }

    /** One instrument's layer on a note: its sample, the source frames per output frame, and its gain per side. */
    record Voice(HydrogenKitXml.Instrument in, float[][] sample, double ratio, double left, double right) {
        /** Output frame t after the onset, channel c, with linear velocity 127/127 = 1. */
        double at(int c, int t) {
            float[] src = sample[Math.min(c, sample.length - 1)];
            double g = c == 0 ? left : right;
            if (ratio == 1) return t < src.length ? src[t] * g : 0;
            return sincAt(src, t * ratio, Math.min(1, 1 / ratio)) * g;
        }
    }

    /** A voice from hit {@code hit}, sounding in output frames [from, to). */
    record Sounding(Voice voice, int hit, int from, int to) {}

    /** Band-limited value of {@code s} at fractional position x: a sinc cut off at fc (of the source's Nyquist), 32 zero crossings a side, Blackman-windowed. */
    static double sincAt(float[] s, double x, double fc) {
        int half = (int) Math.ceil(32 / fc), i0 = (int) Math.floor(x);
        if (i0 - half >= s.length) return 0;
        double sum = 0;
        for (int k = Math.max(0, i0 - half + 1); k <= Math.min(s.length - 1, i0 + half); k++) {
            double d = x - k, u = d / half;
            if (Math.abs(u) >= 1) continue;
            double sinc = d == 0 ? 1 : Math.sin(Math.PI * fc * d) / (Math.PI * fc * d);
            double w = 0.42 + 0.5 * Math.cos(Math.PI * u) + 0.08 * Math.cos(2 * Math.PI * u);
            sum += s[k] * fc * sinc * w;
        }
        return sum;
    }

    static double peak(float[] x, int from, int to) {
        double p = 0;
        for (int i = Math.max(0, from); i < Math.min(to, x.length); i++) p = Math.max(p, Math.abs(x[i]));
        return p;
    }

    private float[][] render(Path kit, List<Hit> hits) throws Exception {
        List<MidiEvent> events = new ArrayList<>();
        int order = 0;
        for (Hit h : hits) {
            long tick = Math.round(h.seconds() * 960); // 480 ppq at 120 BPM
            events.add(new MidiEvent(tick, 0x99, h.note(), h.velocity(), 0, order++));
            events.add(new MidiEvent(tick + 48, 0x89, h.note(), 0, 0, order++));
        }
        Path song = dir.resolve("pattern" + System.nanoTime() + ".mid"), out = dir.resolve("out" + System.nanoTime() + ".wav");
        SmfWriter.write(new MidiSong("gm", new TempoMap(480, List.of()), events), song);
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", kit.resolve("drumkit.xml").toString(),
                "--out", out.toString(), "--rate", String.valueOf(RATE), "--float", "--tail", "1");
        assertThat(run.status()).as(run.err()).isZero();
        AudioData a = WavReader.read(out);
        assertThat(a.sampleRate()).isEqualTo(RATE);
        return a.channels();
    }

    /** The kit's own samples placed at their onsets with the XML's gains and linear velocity (Hydrogen's rule). */
    static float[][] mix(Path kit, List<Hit> hits, int frames, double until) throws Exception {
        float[][] m = new float[2][frames];
        for (Hit h : hits) {
            AudioData s = AudioFiles.read(kit.resolve(h.file()));
            assertThat(s.sampleRate()).isEqualTo(RATE);
            double v = h.velocity() / 127.0;
            for (int c = 0; c < 2; c++) {
                float[] src = s.channels()[Math.min(c, s.channels().length - 1)];
                double g = v * (c == 0 ? h.left() : h.right());
                for (int i = 0; i < src.length && h.onset() + i < frames; i++) m[c][h.onset() + i] += (float) (src[i] * g);
            }
        }
        return m;
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += (double) x[i] * x[i];
        return Math.sqrt(s / (to - from));
    }

    static double rmsDiff(float[] a, float[] b, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) { double d = a[i] - b[i]; s += d * d; }
        return Math.sqrt(s / (to - from));
    }

    static double db(double x) { return 20 * Math.log10(Math.max(x, 1e-12)); }

    static int firstNonZero(float[] x, int from) {
        for (int i = from; i < x.length; i++) if (x[i] != 0) return i;
        return -1;
    }

    static int firstDifference(float[] a, float[] b, int from) {
        for (int i = from; i < Math.min(a.length, b.length); i++) if (Math.abs(a[i] - b[i]) > 1e-6) return i;
        return -1;
    }
}
