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
 */
public record Program(String programId, String name, List<SampleGroup> groups, ProgramSettings settings,
                      Map<Integer, String> ccLabels, Map<Integer, String> keyLabels, List<Diagnostic> diagnostics,
                      Map<Integer, Curve> curves, List<ExtraSection> extraSections) {
    /** A program without curves or extra sections. */
    public Program(String programId, String name, List<SampleGroup> groups, ProgramSettings settings,
                   Map<Integer, String> ccLabels, Map<Integer, String> keyLabels, List<Diagnostic> diagnostics) {
        this(programId, name, groups, settings, ccLabels, keyLabels, diagnostics, Map.of(), List.of());
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
    }

    /** Every region of every group, in file order. */
    public List<SampleRegion> regions() {
        return groups.stream().flatMap(g -> g.regions().stream()).toList();
    }
}
