package dev.loophole.model.project;

import dev.loophole.model.Program;
import dev.loophole.model.ProgramControl;
import dev.loophole.model.ProgramEffect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * A program's controls as sampler-node parameters ({@code controlN}, labelled as the preset labels them) and what
 * they do: the program's effect chain with each control's bindings applied at the control's value, and a gain
 * stage after it when a control moves the program's volume. Compiled into the graph, so a value edit (an undoable
 * SetParameter) is heard from the next compile on.
 */
public final class ProgramControls {
    public static final String PREFIX = "control";

    private ProgramControls() {}

    public static String parameter(int k) { return PREFIX + k; }

    static void addParameters(Program program, List<Parameter> to) {
        for (int k = 0; k < program.controls().size(); k++) {
            ProgramControl c = program.controls().get(k);
            to.add(Parameter.continuous(parameter(k), c.label(), Unit.NONE, c.min(), c.max(), c.value()));
        }
    }

    /** The program's effect chain with control k at {@code valueOf.applyAsDouble(k)}; empty when it has neither. */
    public static List<ProgramEffect> chain(Program program, IntToDoubleFunction valueOf) {
        List<Map<String, Double>> values = new ArrayList<>();
        for (ProgramEffect e : program.effects()) values.add(new HashMap<>(e.values()));
        double volumeDb = 0;
        boolean volume = false;
        for (int k = 0; k < program.controls().size(); k++) {
            ProgramControl c = program.controls().get(k);
            double x = valueOf.applyAsDouble(k);
            for (ProgramControl.Binding b : c.bindings()) {
                double v = b.at(x, c.min(), c.max());
                if (b.effect() == ProgramControl.VOLUME) {
                    volumeDb += v;
                    volume = true;
                    continue;
                }
                if (b.effect() < 0 || b.effect() >= values.size()) continue; // the importer only binds effects it kept
                var range = EffectKind.byId(program.effects().get(b.effect()).kind()).parameters().find(b.parameter()).orElseThrow();
                values.get(b.effect()).put(b.parameter(), Math.clamp(v, range.min(), range.max()));
            }
        }
        List<ProgramEffect> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) out.add(new ProgramEffect(program.effects().get(i).kind(), values.get(i)));
        if (volume) out.add(new ProgramEffect(EffectKind.GAIN_PAN.id(), Map.of("gain", Math.clamp(volumeDb, -60, 24))));
        return out;
    }
}
