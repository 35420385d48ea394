package dev.loophole.model;

import java.util.List;
import java.util.Map;

/**
 * A playable sampler program: groups of regions plus instrument-wide settings.
 *
 * @param settings    instrument-wide controls (pedals, initial CC values, key switch default)
 * @param ccLabels    CC number → name an editor can show (SFZ {@code label_ccN})
 * @param keyLabels   key → name (SFZ {@code label_keyN}), for drum pads and articulations
 * @param diagnostics warnings produced while loading, each with its file and line
 * @param curves      response curves by index (SFZ {@code <curve>}), for modulation routings
 * @param extraSections file sections kept verbatim because the model has no typed home for them yet
 * @param expression  how per-note expression (MPE, poly aftertouch, MIDI 2.0 per-note) drives the voices
 * @param drumKit     the pads when the program is in DrumKit mode, or null for an ordinary (melodic) program; an
 *                    articulation naming a region the program no longer has (removed, to be restored by an undo) is
 *                    inert until it comes back ({@link DrumKits#check} holds edits of pads to existing regions)
 * @param effects     the program's own effect chain after its main output, in order (empty for most formats)
 * @param controls    the knobs the program shows, bound to its effects' parameters or its volume
 */
public record Program(String programId, String name, List<SampleGroup> groups, ProgramSettings settings,
                      Map<Integer, String> ccLabels, Map<Integer, String> keyLabels, List<Diagnostic> diagnostics,
                      Map<Integer, Curve> curves, List<ExtraSection> extraSections,
                      ExpressionMapping expression, DrumKit drumKit, List<ProgramEffect> effects,
                      List<ProgramControl> controls) {
    /** A program without its own effect chain. */
    public Program(String programId, String name, List<SampleGroup> groups, ProgramSettings settings,
                   Map<Integer, String> ccLabels, Map<Integer, String> keyLabels, List<Diagnostic> diagnostics,
                   Map<Integer, Curve> curves, List<ExtraSection> extraSections,
                   ExpressionMapping expression, DrumKit drumKit) {
        this(programId, name, groups, settings, ccLabels, keyLabels, diagnostics, curves, extraSections, expression, drumKit, List.of(), List.of());
    }

    /** A program without curves or extra sections. */
    public Program(String programId, String name, List<SampleGroup> groups, ProgramSettings settings,
                   Map<Integer, String> ccLabels, Map<Integer, String> keyLabels, List<Diagnostic> diagnostics) {
        this(programId, name, groups, settings, ccLabels, keyLabels, diagnostics, Map.of(), List.of());
    }

    /** A program with the sampler's default expression mapping. */
    public Program(String programId, String name, List<SampleGroup> groups, ProgramSettings settings,
                   Map<Integer, String> ccLabels, Map<Integer, String> keyLabels, List<Diagnostic> diagnostics,
                   Map<Integer, Curve> curves, List<ExtraSection> extraSections) {
        this(programId, name, groups, settings, ccLabels, keyLabels, diagnostics, curves, extraSections, null, null);
    }

    /** A program in ordinary (not DrumKit) mode. */
    public Program(String programId, String name, List<SampleGroup> groups, ProgramSettings settings,
                   Map<Integer, String> ccLabels, Map<Integer, String> keyLabels, List<Diagnostic> diagnostics,
                   Map<Integer, Curve> curves, List<ExtraSection> extraSections, ExpressionMapping expression) {
        this(programId, name, groups, settings, ccLabels, keyLabels, diagnostics, curves, extraSections, expression, null);
    }

    public Program {
        if (programId == null || programId.isBlank()) throw new IllegalArgumentException("program id is empty");
        groups = List.copyOf(groups);
        ccLabels = Map.copyOf(ccLabels);
        keyLabels = Map.copyOf(keyLabels);
        diagnostics = List.copyOf(diagnostics);
        curves = Map.copyOf(curves == null ? Map.of() : curves);
        extraSections = List.copyOf(extraSections == null ? List.of() : extraSections);
        if (settings == null) settings = ProgramSettings.DEFAULT;
        if (expression == null) expression = ExpressionMapping.SAMPLER_DEFAULT;
        effects = List.copyOf(effects == null ? List.of() : effects);
        controls = List.copyOf(controls == null ? List.of() : controls);
    }

    /** The same program with other controls. */
    public Program withControls(List<ProgramControl> c) {
        return new Program(programId, name, groups, settings, ccLabels, keyLabels, diagnostics, curves, extraSections, expression, drumKit, effects, c);
    }

    /** The same program with another effect chain. */
    public Program withEffects(List<ProgramEffect> fx) {
        return new Program(programId, name, groups, settings, ccLabels, keyLabels, diagnostics, curves, extraSections, expression, drumKit, fx, controls);
    }

    /** Is the program in DrumKit mode? */
    public boolean isDrumKit() { return drumKit != null; }

    /** The same program in DrumKit mode with these pads, or back in ordinary mode for null. */
    public Program withDrumKit(DrumKit kit) {
        return new Program(programId, name, groups, settings, ccLabels, keyLabels, diagnostics, curves, extraSections, expression, kit, effects, controls);
    }

    /** The same program under another name (everything else kept). */
    public Program withName(String n) {
        return new Program(programId, n, groups, settings, ccLabels, keyLabels, diagnostics, curves, extraSections, expression, drumKit, effects, controls);
    }

        /** The same program with other groups (pads, labels and settings kept). */
    public Program withGroups(List<SampleGroup> g) {
        return new Program(programId, name, g, settings, ccLabels, keyLabels, diagnostics, curves, extraSections, expression, drumKit, effects, controls);
    }

    /** The same program with each region replaced by {@code f} of it, in its group (pads, labels and settings kept). */
    public Program mapRegions(java.util.function.UnaryOperator<SampleRegion> f) {
        List<SampleGroup> g = new java.util.ArrayList<>(groups.size());
        for (SampleGroup group : groups) g.add(new SampleGroup(group.groupId(), group.name(), group.regions().stream().map(f).toList()));
        return withGroups(g);
    }

    /** The same program with another expression mapping. */
    public Program withExpression(ExpressionMapping mapping) {
        return new Program(programId, name, groups, settings, ccLabels, keyLabels, diagnostics, curves, extraSections, mapping, drumKit, effects, controls);
    }

    /** The same program with other instrument-wide settings. */
    public Program withSettings(ProgramSettings s) {
        return new Program(programId, name, groups, s, ccLabels, keyLabels, diagnostics, curves, extraSections, expression, drumKit, effects, controls);
    }

    /** Every region of every group, in file order. */
    public List<SampleRegion> regions() {
        return groups.stream().flatMap(g -> g.regions().stream()).toList();
    }
}
