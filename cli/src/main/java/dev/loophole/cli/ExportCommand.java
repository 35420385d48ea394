package dev.loophole.cli;

import dev.loophole.pulse.engine.Samples;
import dev.loophole.formats.sf2.Sf2Audio;
import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.formats.sf2.Sf2Preset;
import dev.loophole.formats.sf2.Sf2SampleReader;
import dev.loophole.formats.sf2.Sf2SampleRef;
import dev.loophole.formats.sfz.SfzExporter;
import dev.loophole.media.AudioData;
import dev.loophole.media.AudioProblem;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes an instrument out as readable SFZ: an SFZ program again (optionally with its samples copied next to it),
 * or one SoundFont preset with its samples extracted as WAV files whose {@code smpl} chunk carries root key and loop.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write an instrument as SFZ into a folder: an .sfz program again, or one SoundFont preset with its samples as WAV files.",
        footer = {"", "Examples:", "  loophole export keys.sfz out/ --copy-samples",
                "  loophole export --program 0 FluidR3_GM.sf2 piano/", "  loophole export --program 128:0 FluidR3_GM.sf2 drums/"})
final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INSTRUMENT", description = "An .sfz or .sf2 file.")
    Path file;

    @Parameters(index = "1", paramLabel = "OUT_DIR", description = "Folder to write into (created when missing).")
    Path outDir;

    @Option(names = "--program", paramLabel = "[BANK:]PROGRAM", description = "SoundFont preset to export (required for .sf2).")
    String program;

    @Option(names = "--copy-samples", description = "Copy an SFZ's samples into OUT_DIR/samples/ and refer to them relatively (SoundFont samples are always written there).")
    boolean copySamples;

    @Option(names = "--force", description = "Replace an existing .sfz file in OUT_DIR.")
    boolean force;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Option(names = "--strict", description = "Fail (exit 1, nothing written) when a sample is damaged: cut short, or without a usable frame.")
    boolean strict;

    /** What one export did, for the summary line; {@code warnings} are whole lines ("file:line:col: warning: …"). */
    record Result(Path sfz, int regions, int samplesWritten, List<String> warnings) {
        String line() {
            return "wrote " + sfz + ": " + regions + (regions == 1 ? " region, " : " regions, ") + samplesWritten
                    + (samplesWritten == 1 ? " sample" : " samples") + " written, " + warnings.size()
                    + (warnings.size() == 1 ? " warning" : " warnings");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) throw new Errors.UserError(outDir + ": exists and is not a folder");
        Result r = InstrumentLoader.isSoundFont(file) ? soundFont() : sfz();
        PrintWriter err = spec.commandLine().getErr();
        for (String w : r.warnings()) err.println(w);
        err.flush();
        spec.commandLine().getOut().println(r.line());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Damaged samples are warnings; with --strict they stop the export before anything is written. */
    private void damaged(List<AudioProblem> damage, List<String> warnings) {
        damage.forEach(d -> warnings.add("warning: damaged audio: " + d));
        if (!strict || damage.isEmpty()) return;
        PrintWriter err = spec.commandLine().getErr();
        warnings.forEach(err::println);
        new DamageReport(() -> damage, err, true).failIfStrict("nothing was exported");
    }

    // ---- SFZ → SFZ ----

    private Result sfz() throws IOException {
        if (program != null) throw new Errors.BadOption("--program applies to SoundFont banks; " + file + " is not one");
        Program p = InstrumentLoader.load(file);
        List<String> warnings = new ArrayList<>();
        p.diagnostics().forEach(d -> warnings.add(d.toString()));
        damaged(DamageReport.probe(InstrumentSummary.samplePaths(p)), warnings);
        Path target = target(file.getFileName().toString().replaceFirst("\\.[^.]+$", ""));
        if (target.equals(file.toAbsolutePath().normalize()))
            throw new Errors.UserError(target + ": is the file being exported; choose another OUT_DIR");
        int written = 0;
        if (copySamples) {
            Map<String, String> copies = new LinkedHashMap<>();
            Set<String> names = new HashSet<>();
            Path dir = target.getParent().resolve("samples");
            for (SampleRegion r : p.regions()) {
                for (SampleRef s : r.samples()) {
                    if (s.isBuiltin() || copies.containsKey(s.path())) continue;
                    Path src = Path.of(s.path());
                    if (!Files.isRegularFile(src)) {
                        warnings.add(file + ": warning: sample " + s.path() + " does not exist; not copied, referred to as it is");
                        copies.put(s.path(), s.path());
                        continue;
                    }
                    Path dst = dir.resolve(unique(src.getFileName().toString(), names));
                    Files.createDirectories(dir);
                    if (!src.toAbsolutePath().normalize().equals(dst)) Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                    copies.put(s.path(), dst.toString());
                    written++;
                }
            }
            p = withSamples(p, ref -> copies.getOrDefault(ref, ref), r -> r);
        }
        warnings.addAll(collapsed(target, SfzExporter.write(p, target)));
        return new Result(target, p.regions().size(), written, warnings);
    }

    // ---- SoundFont preset → SFZ + WAV ----

    private Result soundFont() throws IOException {
        if (program == null)
            throw new Errors.BadOption(file + ": a SoundFont holds many presets: choose one with --program [BANK:]PROGRAM (see `loophole inspect " + file + "`)");
        InputFiles.require(file, "a SoundFont bank (.sf2, .sf3)");
        Sf2Bank bank = Sf2Importer.load(file);
        Sf2Preset preset = InspectCommand.find(bank, program);
        List<String> warnings = new ArrayList<>();
        preset.program().diagnostics().forEach(d -> warnings.add(d.toString()));
        damaged(bank.damage(), warnings);
        Path target = target(safeName(preset.name().isBlank() ? "preset-" + preset.bank() + "-" + preset.preset() : preset.name()));
        Path dir = target.getParent().resolve("samples");
        Files.createDirectories(dir);

        Map<String, String> wavs = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (SampleRegion r : preset.program().regions()) {
            for (SampleRef s : r.samples()) {
                if (!Sf2SampleRef.isSf2(s.path()) || wavs.containsKey(s.path())) continue;
                Sf2SampleRef ref;
                try {
                    ref = Sf2SampleRef.parse(s.path());
                } catch (IllegalArgumentException e) {
                    throw new Errors.UserError(file + ": " + e.getMessage());
                }
                Sf2Audio audio = Sf2SampleReader.read(bank, ref.sampleIndex(), Samples.VORBIS);
                Path wav = dir.resolve(unique(safeName(audio.name().isBlank() ? "sample-" + ref.sampleIndex() : audio.name()) + ".wav", names));
                WavWriter.write(wav, audioData(audio));
                wavs.put(s.path(), wav.toString());
            }
        }
        boolean[] droppedLinks = {false};
        int[] clampedReleases = {0};
        Program p = withSamples(preset.program(), ref -> wavs.getOrDefault(ref, ref), r -> {
            SampleRegion.Builder b = r.toBuilder();
            // SoundFont velocity ranges start at 0, SFZ's at 1 (lovel=0 is clamped on import): velocity 0 is a note-off,
            // so the region plays the same notes either way.
            if (r.velocityRange().lo() == 0) b.velocityRange = new IntRange(1, Math.max(1, r.velocityRange().hi()));
            // SF2 modulation-envelope releases reach 101.6 s; SFZ's fileg_/pitcheg_release stop at 100 (import clamps).
            Envelope f = r.envelopes().filter(), pe = r.envelopes().pitch();
            if (f.release() > MAX_RELEASE || pe.release() > MAX_RELEASE) {
                b.envelopes = new Envelopes(r.envelopes().amp(), clampRelease(f), clampRelease(pe));
                clampedReleases[0]++;
            }
            if (!r.otherOpcodes().containsKey("sf2_link") && !r.otherOpcodes().containsKey("sf2_sample_type")) return b.build();
            b.otherOpcodes.remove("sf2_link");
            b.otherOpcodes.remove("sf2_sample_type");
            droppedLinks[0] = true;
            return b.build();
        });
        if (droppedLinks[0])
            warnings.add(target + ": warning: SoundFont stereo pair links (sf2_link, sf2_sample_type) are not written: each half is its own region with its pan");
        if (clampedReleases[0] > 0)
            warnings.add(target + ": warning: modulation envelope release longer than SFZ's " + (int) MAX_RELEASE
                    + " s written as " + (int) MAX_RELEASE + " s (" + clampedReleases[0] + (clampedReleases[0] == 1 ? " region)" : " regions)"));
        warnings.addAll(collapsed(target, SfzExporter.write(p, target)));
        return new Result(target, p.regions().size(), wavs.size(), warnings);
    }

    /**
     * The sample as a WAV: 16 or 24 bits as in the bank, root key and loop in {@code smpl}. The bank's pitch
     * correction is not put in the chunk's fine tune: the exported regions already carry it in {@code tune}.
     */
    static AudioData audioData(Sf2Audio a) {
        List<SampleMetadata.SampleLoop> loops = a.loopStart() >= 0 && a.loopEnd() >= a.loopStart()
                ? List.of(new SampleMetadata.SampleLoop(a.loopStart(), a.loopEnd(), 0)) : List.of();
        SampleMetadata meta = new SampleMetadata(a.rootKey(), 0, loops);
        return new AudioData(new float[][] {a.frames()}, a.sampleRate(), a.bitsPerSample() == 24 ? SampleFormat.PCM_24 : SampleFormat.PCM_16, meta);
    }

    // ---- shared ----

    /** The upper bound of SFZ's {@code fileg_release} and {@code pitcheg_release}, seconds. */
    static final double MAX_RELEASE = 100;

    private static Envelope clampRelease(Envelope e) {
        if (e.release() <= MAX_RELEASE) return e;
        return new Envelope(e.delay(), e.start(), e.attack(), e.hold(), e.decay(), e.sustain(), MAX_RELEASE, e.depth(),
                e.vel2delay(), e.vel2attack(), e.vel2hold(), e.vel2decay(), e.vel2sustain(), e.vel2release(), e.vel2depth());
    }

    private static final java.util.regex.Pattern REGION_PREFIX = java.util.regex.Pattern.compile("^region \\S+: ");

    /** Exporter warnings, one line per distinct message: "region r12: …" repeated for 360 regions becomes "… (360 regions)". */
    static List<String> collapsed(Path target, List<dev.loophole.model.Diagnostic> diagnostics) {
        Map<String, Integer> perRegion = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (var d : diagnostics) {
            var m = REGION_PREFIX.matcher(d.message());
            if (m.find()) perRegion.merge(d.message().substring(m.end()), 1, Integer::sum);
            else out.add(target + ": warning: " + d.message());
        }
        perRegion.forEach((m, n) -> out.add(target + ": warning: " + (n > 1 ? m + " (" + n + " regions)" : m)));
        return out;
    }

    private Path target(String baseName) throws IOException {
        Path dir = outDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path target = dir.resolve(baseName + ".sfz");
        if (Files.exists(target) && !force) throw new Errors.UserError(target + ": already exists (use --force to replace it)");
        return target;
    }

    private static Program withSamples(Program p, Function<String, String> path, Function<SampleRegion, SampleRegion> also) {
        return p.mapRegions(r -> {
            SampleRegion.Builder b = r.toBuilder();
            b.samples = new ArrayList<>(r.samples().stream().map(s -> s.at(path.apply(s.path()))).toList());
            return also.apply(b.build());
        });
    }

    /** A file name without path separators or characters file systems and SFZ values dislike. */
    static String safeName(String name) {
        String s = name.strip().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}=$#]+", "_").replaceAll("\\s+", " ").strip();
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "unnamed" : s;
    }

    /** {@code name}, or {@code name-2}, {@code name-3}… before its extension, the first not yet taken (case-insensitively). */
    private static String unique(String name, Set<String> taken) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name, ext = dot > 0 ? name.substring(dot) : "";
        String candidate = name;
        for (int i = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); i++) candidate = stem + "-" + i + ext;
        return candidate;
    }
}
