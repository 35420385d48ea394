package dev.loophole.cli;

import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.engine.ProjectEngine;
import dev.loophole.pulse.engine.ProjectGraph;
import dev.loophole.pulse.store.ProjectJson;
import dev.loophole.pulse.store.ProjectStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a project file ({@code .loophole}, or its JSON form) to a mix WAV and, with folders, one WAV per track
 * (stems) and one per instrument node output (a multi-out kit's pads and mics, each alone, before any effect).
 */
final class ProjectRenderJob {
    private final RenderJob.Options options;
    private final boolean strict;
    private final int threads;
    private final PrintWriter err;

    ProjectRenderJob(RenderJob.Options options, RenderJob.Mode mode, PrintWriter err) {
        this.options = options;
        this.strict = mode.strict();
        this.threads = mode.threads();
        this.err = err;
    }

    static boolean isProject(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".loophole") || n.endsWith(".json");
    }

    static Project load(Path file) {
        if (!Files.isRegularFile(file)) throw new Errors.UserError(file + ": no such project file");
        try {
            return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? ProjectJson.read(file) : ProjectStore.load(file);
        } catch (IOException e) {
            throw new Errors.UserError(file + ": cannot read the project: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError(file + ": " + e.getMessage(), e);
        }
    }

    RenderJob.Summary run(Path projectFile, Path out, Path stemsDir, Path outputsDir) throws IOException {
        RenderJob.requireWritable(out);
        if (stemsDir != null && !Files.isDirectory(stemsDir)) throw new Errors.UserError(stemsDir + ": --stems needs an existing folder");
        if (outputsDir != null && !Files.isDirectory(outputsDir)) throw new Errors.UserError(outputsDir + ": --outputs needs an existing folder");
        Project project = load(projectFile);
        if (project.tracks().isEmpty()) throw new Errors.UserError(projectFile + ": the project has no tracks; nothing to render");
        List<String> warnings = new ArrayList<>();
        ProjectEngine.Settings s = ProjectEngine.Settings.offline(options.rate(), options.polyphony(), options.seed(), options.quality(),
                options.preloadFrames());
        List<Path> files = new ArrayList<>();
        files.add(out);
        int tracks = project.tracks().size();
        if (stemsDir != null)
            for (int t = 0; t < tracks; t++) files.add(stemsDir.resolve(String.format("%02d-%s.wav", t + 1, safe(project.tracks().get(t).name(), project.tracks().get(t).trackId()))));
        List<Path> tmps = new ArrayList<>(files.stream().map(f -> f.toAbsolutePath().getParent().resolve("." + f.getFileName() + "." + ProcessHandle.current().pid() + ".part")).toList());
        List<WavWriter> writers = new ArrayList<>();
        ProjectEngine.Result result;
        int damaged;
        float[] mixPeak = {0}; // the written mix's (the engine's peak spans every pair: with stems, the loudest stem's)
        try (ProjectEngine engine = new ProjectEngine(project, s, warnings::add);
             Progress progress = options.progress() ? new Progress(options.rate()) : null) {
            engine.threads(threads);
            List<ProjectGraph.Tap> taps = outputsDir == null ? List.of() : engine.tapOutputs(true);
            for (int k = 0; k < taps.size(); k++) {
                ProjectGraph.Tap tap = taps.get(k);
                Path f = outputsDir.resolve(String.format("%02d-%s.wav", k + 1, safe(tap.trackId() + "-" + tap.nodeId() + "-" + tap.port(), "output")));
                files.add(f);
                tmps.add(f.toAbsolutePath().getParent().resolve("." + f.getFileName() + "." + ProcessHandle.current().pid() + ".part"));
            }
            report(warnings);
            DamageReport damage = new DamageReport(engine::damage, err, strict);
            damage.check("nothing was rendered");
            for (Path tmp : tmps) writers.add(WavWriter.open(tmp, options.format(), 2, options.rate(), SampleMetadata.NONE));
            float gain = (float) Math.pow(10, options.gainDb() / 20);
            float[][] mix = new float[2][RenderJob.BLOCK], pair = new float[2][];
            int mixed = taps.isEmpty() ? engine.renderPairs(stemsDir != null) : tracks; // the taps come after the tracks' pairs
            result = engine.render(stemsDir != null, options.tailSeconds(), (pairs, n) -> {
                try {
                    java.util.Arrays.fill(mix[0], 0, n, 0f);
                    java.util.Arrays.fill(mix[1], 0, n, 0f);
                    for (int p = 0; p < mixed; p++)
                        for (int i = 0; i < n; i++) { mix[0][i] += pairs[2 * p][i]; mix[1][i] += pairs[2 * p + 1][i]; }
                    if (gain != 1f) for (int i = 0; i < n; i++) { mix[0][i] *= gain; mix[1][i] *= gain; }
                    float p = mixPeak[0];
                    for (int i = 0; i < n; i++) p = Math.max(p, Math.max(Math.abs(mix[0][i]), Math.abs(mix[1][i])));
                    mixPeak[0] = p;
                    writers.getFirst().write(mix, 0, n);
                    if (stemsDir != null)
                        for (int t = 0; t < tracks; t++) {
                            pair[0] = pairs[2 * t];
                            pair[1] = pairs[2 * t + 1];
                            if (gain != 1f) for (int i = 0; i < n; i++) { pair[0][i] *= gain; pair[1][i] *= gain; }
                            writers.get(1 + t).write(pair, 0, n);
                        }
                    for (int k = 0; k < taps.size(); k++) {
                        pair[0] = pairs[2 * (tracks + k)];
                        pair[1] = pairs[2 * (tracks + k) + 1];
                        if (gain != 1f) for (int i = 0; i < n; i++) { pair[0][i] *= gain; pair[1][i] *= gain; }
                        writers.get(writers.size() - taps.size() + k).write(pair, 0, n);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, progress == null ? null : progress::update);
            for (WavWriter w : writers) w.close();
            damage.check("nothing was written"); // streaming may have met damage the sample heads did not show
            damaged = damage.count();
            if (Float.isNaN(result.peak())) throw new Errors.UserError("the render produced invalid samples (NaN); nothing was written");
            for (int i = 0; i < files.size(); i++) Files.move(tmps.get(i), files.get(i), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException | Errors.UserError e) {
            for (WavWriter w : writers) try { w.close(); } catch (IOException ignored) { /* already failing */ }
            for (Path tmp : tmps) Files.deleteIfExists(tmp);
            if (e instanceof Errors.UserError u) throw u;
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new Errors.UserError(out + ": cannot write: " + io.getMessage(), io);
        }
        double seconds = result.frames() / (double) options.rate();
        double peakDb = 20 * Math.log10(mixPeak[0]); // -inf for silence, as the engine's
        return new RenderJob.Summary(out, seconds, peakDb, result.maxVoices(), seconds / Math.max(result.wallSeconds(), 1e-9), damaged);
    }

    private static String safe(String name, String fallback) {
        String s = (name == null || name.isBlank() ? fallback : name).replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    private void report(List<String> warnings) { Warnings.print(err, warnings, options.verbose()); }
}
