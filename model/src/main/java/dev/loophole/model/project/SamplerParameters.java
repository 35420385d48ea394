package dev.loophole.model.project;

import dev.loophole.model.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters a Sampler node shows: program volume, pan and tune, one per {@code label_ccN} of its program, and
 * one per control the program shows ({@link ProgramControls}: {@code controlN}), and
 * one level per mic of a multi-mic program ({@link SamplerOutputs#mics}: {@code micN} in dB, 0 at rest).
 */
public final class SamplerParameters {
    public static final String VOLUME = "volume";
    public static final String PAN = "pan";
    public static final String TUNE = "tune";
    /** A labelled controller's parameter id: {@code cc} + its number. */
    public static final String CC_PREFIX = "cc";

    private SamplerParameters() {}

    public static ParameterSet of(Program program) {
        List<Parameter> ps = new ArrayList<>();
        ps.add(Parameter.continuous(VOLUME, "Volume", Unit.DECIBELS, -60, 12, 0));
        ps.add(Parameter.continuous(PAN, "Pan", Unit.PAN, -1, 1, 0));
        ps.add(Parameter.continuous(TUNE, "Tune", Unit.CENTS, -1200, 1200, 0));
        Map<Integer, String> labels = new TreeMap<>(program.ccLabels());
        for (var e : labels.entrySet()) {
            int cc = e.getKey();
            Double initial = program.settings().initialCc().get(cc);
            double def = initial == null ? 0 : Math.max(0, Math.min(127, Math.round(initial * 127)));
            ps.add(Parameter.stepped(ccParameter(cc), e.getValue(), Unit.MIDI_VALUE, 0, 127, def, 1));
        }
        ProgramControls.addParameters(program, ps);
        for (int o : SamplerOutputs.mics(program))
            ps.add(Parameter.continuous(SamplerOutputs.micParameter(o), "Mic level: " + SamplerOutputs.name(program, o), Unit.DECIBELS, -60, 12, 0));
        return new ParameterSet(ps);
    }

    public static String ccParameter(int cc) { return CC_PREFIX + cc; }

    /** The controller number of a {@code ccN} parameter id, or -1 for volume/pan/tune. */
    public static int ccOf(String parameterId) {
        if (!parameterId.startsWith(CC_PREFIX)) return -1;
        try {
            return Integer.parseInt(parameterId.substring(CC_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
