package dev.loophole.formats.sfz;

import dev.loophole.model.DrumKits;
import dev.loophole.model.ExtraSection;
import dev.loophole.model.Modulation;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the preprocessed token stream the way a player does: {@code <global>}, {@code <master>},
 * {@code <group>} and {@code <region>} opcodes stack up (a header clears its own level and those
 * below it), and each region is the result of applying all four levels in that order.
 * Regions are kept in the group they were written under, so an exporter can write shared opcodes once.
 */
final class ProgramAssembler {
    private final String programId;
    private final Diagnostics diagnostics;
    private final OpcodeTable table = OpcodeTable.get();
    private final ControlOpcodes control;
    private final ExpressionOpcodes expression;
    private final CurveReader curves;

    private Section section;
    private final List<Value> global = new ArrayList<>(), master = new ArrayList<>(), group = new ArrayList<>();
    private List<Value> region;
    private SourceLocation regionAt;

    private GroupBuilder currentGroup;
    private final List<GroupBuilder> groups = new ArrayList<>();
    private int regionCount;
    private ExtraBuilder extra;
    private final List<ExtraBuilder> extras = new ArrayList<>();

    private static final class GroupBuilder {
        final List<SampleRegion> regions = new ArrayList<>();
        String label;
    }

    private record ExtraBuilder(Section section, Map<String, String> opcodes, SourceLocation origin) {}

    ProgramAssembler(Path file, Diagnostics diagnostics, PathResolver paths, Map<String, Path> embedded) {
        String fileName = file.getFileName() == null ? "program" : file.getFileName().toString();
        this.programId = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        this.diagnostics = diagnostics;
        Path root = file.toAbsolutePath().getParent();
        this.expression = new ExpressionOpcodes(diagnostics);
        this.control = new ControlOpcodes(new Value.Context(0, "", root == null ? Path.of("") : root, paths, embedded), diagnostics);
        this.curves = new CurveReader(diagnostics);
    }

    void accept(Token t) {
        switch (t) {
            case Token.Header h -> header(h);
            case Token.Opcode o -> opcode(o);
            case Token.SampleData ignored -> {} // decoded up front by EmbeddedSamples
            default -> throw new IllegalStateException("preprocessor left " + t);
        }
    }

    private void header(Token.Header h) {
        closeRegion();
        closeCurve();
        section = h.section();
        extra = null;
        switch (section) {
            case GLOBAL -> { global.clear(); master.clear(); group.clear(); currentGroup = null; }
            case MASTER -> { master.clear(); group.clear(); currentGroup = null; }
            case GROUP -> { group.clear(); currentGroup = new GroupBuilder(); groups.add(currentGroup); }
            case REGION -> { region = new ArrayList<>(); regionAt = h.at(); }
            case CURVE -> curves.open(h.at());
            case CONTROL, SAMPLE -> {}
            case EFFECT, MIDI -> {
                openExtra(h.at());
                diagnostics.warnOnce("<" + section.sfzName + "> " + h.at().file(), h.at(),
                        "<" + section.sfzName + "> sections are parsed and kept but not played yet");
            }
        }
    }

    private void opcode(Token.Opcode o) {
        if (section == null) {
            diagnostics.warnOnce("no header " + o.at().file(), o.at(), "opcodes before any header are read as <global>");
            section = Section.GLOBAL;
        }
        if (ExpressionOpcodes.handles(o.name())) { expression.apply(o.name(), o.value(), o.at()); return; }
        OpcodeTable.Match m = table.lookup(o.name()).orElse(null);
        Value v = new Value(o, m, control.context(), diagnostics);
        if (m != null && control.handles(m.spec().name())) { control.apply(v); return; }
        if (section == Section.CURVE) { curves.accept(v); return; }
        if (section == Section.SAMPLE && o.name().equals("name")) return; // read by EmbeddedSamples
        report(v);
        switch (section) {
            case GLOBAL -> global.add(v);
            case MASTER -> master.add(v);
            case GROUP -> group.add(v);
            case REGION -> region.add(v);
            default -> {
                if (extra == null) openExtra(o.at());
                extra.opcodes().put(o.name(), o.value());
            }
        }
    }

    /** Once per opcode and file: what is known but not played, and what is not known at all. */
    private void report(Value v) {
        String file = v.token().at().file();
        if (v.match() == null) {
            diagnostics.warnOnce("unknown " + v.name() + " " + file, v.token().at(),
                    "unknown opcode '" + v.name() + "'; kept but not played");
        } else if (Appliers.of(v.match()) == null || !section.inherits()) {
            String family = v.match().spec().name();
            String shown = family.equals(v.name()) ? family : v.name() + " (" + family + ")";
            String where = section.inherits() ? "" : " under <" + section.sfzName + ">";
            diagnostics.warnOnce("unplayed " + family + where + " " + file, v.token().at(),
                    shown + where + " is parsed but not played yet; kept as written");
        }
    }

    private void openExtra(SourceLocation at) {
        extra = new ExtraBuilder(section, new LinkedHashMap<>(), at);
        extras.add(extra);
    }

    private void closeRegion() {
        if (region == null) return;
        RegionDraft d = new RegionDraft();
        for (List<Value> level : List.of(global, master, group, region)) for (Value v : level) apply(d, v);
        if (currentGroup == null) {
            currentGroup = new GroupBuilder();
            groups.add(currentGroup);
        }
        try {
            currentGroup.regions.add(d.build("r" + (++regionCount), regionAt, diagnostics));
        } catch (IllegalArgumentException e) {
            // Values are clamped to the model's ranges, so this is a bug guard, not a path users should meet.
            diagnostics.warn(regionAt, "region left out: " + e.getMessage());
        }
        if (currentGroup.label == null) currentGroup.label = label(group, "group_label");
        if (currentGroup.label == null) currentGroup.label = label(master, "master_label");
        region = null;
    }

    private static void apply(RegionDraft d, Value v) {
        Appliers.Applier a = v.match() == null ? null : Appliers.of(v.match());
        if (a != null) a.apply(d, v);
        else d.other.put(v.name(), v.text());
    }

    private static String label(List<Value> level, String opcode) {
        String label = null;
        for (Value v : level) if (v.name().equals(opcode) && !v.text().isEmpty()) label = v.text();
        return label;
    }

    private void closeCurve() {
        if (section == Section.CURVE) curves.close();
    }

    /** SFZ players predefine curves 0..6 (linear, bipolar, inverted, x², √x…); others come from {@code <curve>} sections, anywhere in the file. */
    private static final int PREDEFINED_CURVES = 6;

    private void checkCurves(SampleRegion r) {
        for (Modulation m : r.modulation())
            if (m.curve() > PREDEFINED_CURVES && !curves.curves().containsKey(m.curve()))
                diagnostics.warn(r.origin(), "curve " + m.curve() + " of routing " + m.source() + " → " + m.target()
                        + " is neither predefined (0.." + PREDEFINED_CURVES + ") nor given by a <curve> section; kept as written");
    }

    Program finish() {
        closeRegion();
        closeCurve();
        List<SampleGroup> out = new ArrayList<>();
        int n = 0;
        for (GroupBuilder g : groups) {
            if (g.regions.isEmpty()) continue;
            for (SampleRegion r : g.regions) checkCurves(r);
            n++;
            out.add(new SampleGroup("g" + n, g.label != null ? g.label : "Group " + n, g.regions));
        }
        List<ExtraSection> kept = new ArrayList<>();
        for (ExtraBuilder e : extras)
            if (!e.opcodes().isEmpty()) kept.add(new ExtraSection(e.section().sfzName, e.opcodes(), e.origin()));
        String name = control.programName() != null ? control.programName() : programId;
        // A kit (one key per region, labelled keys or choke groups) comes in DrumKit mode; region labels are articulations.
        return DrumKits.detect(new Program(programId, name, out, control.settings(), control.ccLabels(), control.keyLabels(),
                diagnostics.all(), curves.curves(), kept, expression.mapping()), true);
    }
}
