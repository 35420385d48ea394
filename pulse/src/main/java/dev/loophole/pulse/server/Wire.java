package dev.loophole.pulse.server;

import dev.loophole.ipc.ExpressionRoute;
import dev.loophole.ipc.GroupInfo;
import dev.loophole.ipc.InstrumentNotification;
import dev.loophole.ipc.KeyName;
import dev.loophole.ipc.PadInfo;
import dev.loophole.ipc.ProgramSummary;
import dev.loophole.ipc.RegionFields;
import dev.loophole.ipc.RegionInfo;
import dev.loophole.ipc.SamplerNotification;
import dev.loophole.model.Amp;
import dev.loophole.model.Articulation;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.ExpressionCapabilities;
import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.ExpressionMapping;
import dev.loophole.model.GmDrumMap;
import dev.loophole.model.InstrumentLabels;
import dev.loophole.model.Pad;
import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Tuning;
import java.util.ArrayList;
import java.util.List;

/** Model ↔ wire: what an editor sees of a program and its regions, and edits applied to model records. */
final class Wire {
    private Wire() {
    }

    static RegionInfo region(String groupId, SampleRegion r) {
        return new RegionInfo(r.regionId(), groupId, r.sample() == null ? null : r.sample().path(),
                r.keyRange().lo(), r.keyRange().hi(), r.velocityRange().lo(), r.velocityRange().hi(),
                r.tuning().pitchKeycenter(), r.amp().volume(), r.amp().pan(), r.tuning().tune(), r.tuning().transpose(), r.label());
    }

    /** The region with the given fields changed; the model's own validation (a range upside down…) throws IllegalArgumentException. */
    static SampleRegion apply(SampleRegion r, RegionFields f) {
        SampleRegion.Builder b = r.toBuilder();
        if (f.loKey() != null || f.hiKey() != null)
            b.keyRange = range("key", or(f.loKey(), r.keyRange().lo()), or(f.hiKey(), r.keyRange().hi()));
        if (f.loVel() != null || f.hiVel() != null)
            b.velocityRange = range("velocity", or(f.loVel(), r.velocityRange().lo()), or(f.hiVel(), r.velocityRange().hi()));
        Tuning t = r.tuning();
        if (f.pitchKeycenter() != null || f.tune() != null || f.transpose() != null)
            b.tuning = new Tuning(or(f.pitchKeycenter(), t.pitchKeycenter()), or(f.transpose(), t.transpose()), or(f.tune(), t.tune()),
                    t.pitchKeytrack(), t.pitchVeltrack(), t.bendUp(), t.bendDown(), t.bendStep(), t.bendSmooth(), t.pitchRandom());
        Amp a = r.amp();
        if (f.volume() != null || f.pan() != null)
            b.amp = new Amp(or(f.volume(), a.volume()), a.amplitude(), or(f.pan(), a.pan()), a.width(), a.position(), a.ampVeltrack(),
                    a.ampKeycenter(), a.ampKeytrack(), a.ampRandom(), a.rtDecay(), a.velocityCurve(), a.panLaw());
        if (f.label() != null) b.label = f.label().isEmpty() ? null : f.label();
        return b.build();
    }

    private static IntRange range(String what, int lo, int hi) {
        if (lo > hi) throw new IllegalArgumentException(what + " range " + lo + ".." + hi + " is upside down (low above high)");
        return new IntRange(lo, hi);
    }

    private static <T> T or(T v, T otherwise) {
        return v != null ? v : otherwise;
    }

    static ProgramSummary summary(Program p, String source) {
        List<String> warnings = p.diagnostics().stream().limit(1000).map(Diagnostic::toString).toList();
        SoundFonts.Choice sf = SoundFonts.choice(p);
        return new ProgramSummary(p.programId(), p.name(), source, p.groups().size(), regionCount(p), warnings,
                sf == null ? null : sf.preset(), sf == null ? null : sf.presets());
    }

    static int regionCount(Program p) {
        int n = 0;
        for (SampleGroup g : p.groups()) n += g.regions().size();
        return n;
    }

    static SamplerNotification.RegionList regionList(Program p, long revision) {
        List<GroupInfo> groups = new ArrayList<>(p.groups().size());
        List<RegionInfo> regions = new ArrayList<>(regionCount(p));
        for (SampleGroup g : p.groups()) {
            groups.add(new GroupInfo(g.groupId(), g.name()));
            for (SampleRegion r : g.regions()) regions.add(region(g.groupId(), r));
        }
        return new SamplerNotification.RegionList(p.programId(), groups, regions, revision);
    }

    static ExpressionMapping mapping(List<ExpressionRoute> routes) {
        List<ExpressionMapping.Route> out = new ArrayList<>();
        for (ExpressionRoute r : routes)
            out.add(new ExpressionMapping.Route(r.source(), or(r.sourceCc(), -1), r.target(), or(r.targetCc(), -1), r.min(), r.max(),
                    or(r.shape(), ExpressionMapping.Shape.LINEAR), or(r.smoothMs(), 0.0), or(r.relative(), false)));
        return new ExpressionMapping(out);
    }

    static List<ExpressionRoute> routes(ExpressionMapping m) {
        return m.routes().stream().map(r -> new ExpressionRoute(r.source(), r.sourceCc() < 0 ? null : r.sourceCc(), r.target(),
                r.targetCc() < 0 ? null : r.targetCc(), r.min(), r.max(), r.shape(), r.smoothMs(), r.relative())).toList();
    }

    /** What a program responds to: expression from its mapping, names, key switches and pads from {@link InstrumentLabels}. */
    static InstrumentNotification.Capabilities capabilities(Program p) {
        ExpressionCapabilities caps = ExpressionCapabilities.of(p.expression());
        InstrumentLabels labels = InstrumentLabels.of(p);
        List<ExpressionDimension> dims = caps.dimensions().stream().sorted().toList();
        boolean mpe = dims.contains(ExpressionDimension.PITCH) || dims.contains(ExpressionDimension.PRESSURE) || dims.contains(ExpressionDimension.TIMBRE);
        List<PadInfo> pads = labels.pads().stream().map(Wire::pad).toList();
        return new InstrumentNotification.Capabilities(p.programId(), mpe, dims, caps.perNoteCcs().stream().sorted().toList(),
                caps.bendRange(), labels.drumMapping(), keyNames(labels.noteNames()), keyNames(labels.keySwitches()), routes(p.expression()), pads);
    }

    static PadInfo pad(Pad pad) {
        return new PadInfo(pad.note(), pad.name(), GmDrumMap.name(pad.note()), pad.icon(), pad.colour(), pad.chokeGroup(), pad.output(),
                pad.articulations().stream().map(Articulation::name).toList());
    }

    private static List<KeyName> keyNames(java.util.Map<Integer, String> names) {
        return names.entrySet().stream().map(e -> new KeyName(e.getKey(), e.getValue())).toList();
    }
}
