package dev.loophole.formats.sfz;

import dev.loophole.model.Curve;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.ExtraSection;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.SourceLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a Program as SFZ a person can read: opcodes every region shares go to {@code <global>}, those a
 * group shares to its {@code <group>}, and each {@code <region>} line keeps only what is its own.
 * Loading the written file gives back an equal program (ids, source locations and diagnostics aside).
 *
 * <p>Sample paths under the output folder are written relative to it, others absolute. Samples that
 * came embedded in an SFZ file are embedded again.
 */
public final class SfzExporter {
    /** What the lexer would cut or change in a value: line ends, comments, headers, a following {@code name=}, defines. */
    private static final Pattern UNSAFE = Pattern.compile("[\\r\\n<]|//|/\\*|\\s[A-Za-z0-9_$]+\\s*=|\\$[A-Za-z0-9_]|^\\s|\\s$");

    private final Path file;
    private final List<Diagnostic> warnings = new ArrayList<>();
    private final Map<String, Path> embedded = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();

    private SfzExporter(Path file) { this.file = file.toAbsolutePath().normalize(); }

    /**
     * Writes {@code program} to {@code file}. Returns what could not be written exactly (for example a
     * label with a line break, or a modulation routing SFZ export does not cover yet); empty when the
     * file says everything the program does.
     */
    public static List<Diagnostic> write(Program program, Path file) throws IOException {
        SfzExporter e = new SfzExporter(file);
        byte[] bytes = e.render(program);
        Path dir = e.file.getParent();
        if (dir != null) Files.createDirectories(dir);
        Files.write(e.file, bytes);
        return List.copyOf(e.warnings);
    }

    /** A multi-mic region as one region per mic, each with the mic's level, pan and output. */
    private static List<SampleRegion> perMic(SampleRegion r) {
        if (r.samples().size() < 2) return List.of(r.samples().isEmpty() ? r : r.forMic(r.sample()));
        return r.samples().stream().map(r::forMic).toList();
    }

    private byte[] render(Program p) {
        text.append("// ").append(p.name().replaceAll("[\\r\\n]+", " ")).append(" — written by Loophole Instruments\n");
        control(p);
        List<List<Map<String, String>>> groups = new ArrayList<>();
        for (SampleGroup g : p.groups()) {
            List<Map<String, String>> regions = new ArrayList<>();
            for (SampleRegion r : g.regions())
                for (SampleRegion mic : perMic(r)) regions.add(RegionWriter.opcodes(mic, this::samplePath, this::warn));
            groups.add(regions);
        }
        // Sharing needs at least two members, or a lone region would leave an empty <region> behind.
        Map<String, String> global = groups.size() < 2 ? new LinkedHashMap<>() : shared(groups.stream().flatMap(List::stream).toList());
        text.append(text.charAt(text.length() - 1) == '\n' ? "<global>" : "\n<global>");
        opcode("global_label", p.name());
        settings(p.settings());
        global.forEach(this::opcode);
        for (int i = 0; i < groups.size(); i++) {
            SampleGroup g = p.groups().get(i);
            Map<String, String> shared = groups.get(i).size() < 2 ? new LinkedHashMap<>() : shared(groups.get(i));
            shared.keySet().removeAll(global.keySet());
            text.append("\n\n<group>");
            opcode("group_label", g.name());
            shared.forEach(this::opcode);
            for (Map<String, String> region : groups.get(i)) {
                text.append("\n<region>");
                region.forEach((k, v) -> { if (!global.containsKey(k) && !shared.containsKey(k)) opcode(k, v); });
            }
        }
        for (Curve c : p.curves().values()) curve(c);
        for (ExtraSection s : p.extraSections()) extra(s);
        text.append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        embedded.forEach((name, path) -> embed(out, name, path));
        return out.toByteArray();
    }

    private void control(Program p) {
        List<String[]> expression = ExpressionOpcodes.opcodes(p.expression());
        if (p.ccLabels().isEmpty() && p.keyLabels().isEmpty() && p.settings().initialCc().isEmpty() && expression.isEmpty()) return;
        text.append("<control>");
        for (String[] o : expression) opcode(o[0], o[1]);
        p.ccLabels().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> opcode("label_cc" + e.getKey(), e.getValue()));
        p.keyLabels().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> opcode("label_key" + e.getKey(), e.getValue()));
        p.settings().initialCc().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            long k = Math.round(e.getValue() * 127);
            // set_ccN takes 0..127; a value between those steps needs the high-resolution form.
            if (k >= 0 && k <= 127 && Double.compare(k / 127.0, e.getValue()) == 0) opcode("set_cc" + e.getKey(), Long.toString(k));
            else opcode("set_hdcc" + e.getKey(), RegionWriter.format(e.getValue()));
        });
    }

    private void settings(ProgramSettings s) {
        ProgramSettings d = ProgramSettings.DEFAULT;
        if (s.sustainCc() != d.sustainCc()) opcode("sustain_cc", Integer.toString(s.sustainCc()));
        if (s.sustainLo() != ControlOpcodes.DEFAULT_SUSTAIN_LO) opcode("sustain_lo", Integer.toString(s.sustainLo()));
        if (s.sostenutoCc() != d.sostenutoCc()) opcode("sostenuto_cc", Integer.toString(s.sostenutoCc()));
        if (s.swDefault() != d.swDefault()) opcode("sw_default", Integer.toString(s.swDefault()));
        if (s.polyphony() != d.polyphony()) warn("program polyphony " + s.polyphony() + " has no SFZ opcode here; not written");
    }

    /** Entries present with the same value in every map, in the first map's order. */
    private static Map<String, String> shared(List<Map<String, String>> maps) {
        Map<String, String> common = new LinkedHashMap<>();
        if (maps.isEmpty()) return common;
        maps.getFirst().forEach((k, v) -> { if (maps.stream().allMatch(m -> v.equals(m.get(k)))) common.put(k, v); });
        return common;
    }

    private void curve(Curve c) {
        text.append("\n\n<curve> curve_index=").append(c.index());
        double[] v = c.values().stream().mapToDouble(Double::doubleValue).toArray();
        // Keep only the points linear interpolation between kept points does not reproduce exactly.
        int a = 0;
        opcode("v000", RegionWriter.format(v[0]));
        while (a < 127) {
            int b = 127; // the farthest point whose line reproduces everything before it
            while (b > a + 1 && !reproduces(v, a, b)) b--;
            opcode(String.format("v%03d", b), RegionWriter.format(v[b]));
            a = b;
        }
        for (double x : v) if (x < -1 || x > 1) { warn("curve " + c.index() + " has values outside -1..1, which import clamps"); break; }
    }

    private static boolean reproduces(double[] v, int a, int b) {
        for (int i = a + 1; i < b; i++) if (Double.compare(CurveReader.between(v[a], v[b], a, b, i), v[i]) != 0) return false;
        return true;
    }

    private void extra(ExtraSection s) {
        if (Section.of(s.header()) == null || s.header().equals("sample")) {
            warn("section <" + s.header() + "> is not an SFZ header; not written");
            return;
        }
        text.append("\n\n<").append(s.header()).append('>');
        s.opcodes().forEach(this::opcode);
    }

    private void opcode(String name, String value) {
        if (value == null) return;
        if (value.isEmpty() || UNSAFE.matcher(value).find())
            warn(name + "=" + value.replace("\n", "\\n") + " cannot be read back exactly: SFZ values cannot hold line breaks, comments, '<', a following 'name=', '$NAME' or edge spaces");
        text.append(' ').append(name).append('=').append(value);
    }

    /** Relative to the output folder when inside it, so the folder can move; embedded samples by name. */
    private String samplePath(String path) {
        if (path.startsWith("*")) return path;
        Path p;
        try {
            p = Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            p = null;
        }
        if (p == null || !p.isAbsolute()) {
            // e.g. sf2:/bank.sf2#12 from a SoundFont import: SFZ can only name files.
            warn("sample " + path + " is not an absolute file path; written as it is, which SFZ players cannot open");
            return path;
        }
        if (EmbeddedSamples.isCached(p) && Files.isRegularFile(p)) {
            String name = p.getFileName().toString();
            Path other = embedded.putIfAbsent(name, p);
            if (other == null || other.equals(p)) return name;
            warn("two embedded samples are called " + name + "; the second is written by its cache path");
            return path;
        }
        Path dir = file.getParent();
        if (dir != null && p.normalize().startsWith(dir)) return dir.relativize(p.normalize()).toString().replace('\\', '/');
        return path;
    }

    private void embed(ByteArrayOutputStream out, String name, Path path) {
        try {
            out.writeBytes(("<sample> name=" + name + " data=").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(EmbeddedSamples.encode(Files.readAllBytes(path)));
            out.write('\n');
        } catch (IOException e) {
            warn("embedded sample " + name + " could not be read from " + path + ": " + e.getMessage());
        }
    }

    private void warn(String message) {
        warnings.add(Diagnostic.warning(new SourceLocation(file.toString(), 0, 0), message));
    }
}
