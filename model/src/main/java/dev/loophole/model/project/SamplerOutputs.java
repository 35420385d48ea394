package dev.loophole.model.project;

import dev.loophole.model.Pad;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Sampler node's audio outputs, read from its program: {@code main} (output 0) and one port per
 * other output its samples name (SFZ {@code output=N}, a kit pad's output, a multi-mic region's mic
 * outputs), as {@code outN}. Also its mics: the outputs the samples of multi-mic regions play on,
 * each with a level parameter ({@code micN}, dB).
 */
public final class SamplerOutputs {
    /** A mic level's parameter id: {@code mic} + its output. */
    public static final String MIC_PREFIX = "mic";
    private static final String OUT_PREFIX = "out";

    private SamplerOutputs() {}

    /** Every output the program's samples play on, 0 (main) always among them, ascending. */
    public static List<Integer> used(Program program) {
        Set<Integer> out = new TreeSet<>(List.of(0));
        for (SampleRegion r : program.regions()) for (SampleRef s : r.samples()) out.add(s.output());
        return List.copyOf(out);
    }

    /** The node's output ports for {@code program}: main, then {@code outN} for every other output used. */
    public static AudioOutputRouting routing(Program program) {
        List<AudioPort> ports = new ArrayList<>();
        for (int o : used(program)) ports.add(new AudioPort(portId(o), name(program, o), 2));
        return new AudioOutputRouting(ports);
    }

    /**
     * The ports of a node whose program became {@code program}: its {@code current} ports all kept (connections may
     * name them; an output no sample plays on any more is silent), then {@code outN} for each output newly used.
     */
    public static AudioOutputRouting routing(Program program, AudioOutputRouting current) {
        List<AudioPort> ports = new ArrayList<>(current.ports());
        for (int o : used(program)) if (!current.has(portId(o))) ports.add(new AudioPort(portId(o), name(program, o), 2));
        return ports.size() == current.ports().size() ? current : new AudioOutputRouting(ports);
    }

    public static String portId(int output) { return output == 0 ? AudioOutputRouting.MAIN : OUT_PREFIX + output; }

    /** The program output a port id names ({@code main} → 0, {@code outN} → N), or -1 for anything else. */
    public static int outputOf(String portId) {
        if (portId.equals(AudioOutputRouting.MAIN)) return 0;
        return number(portId, OUT_PREFIX);
    }

    /**
     * Outputs the samples of multi-mic regions (regions holding several samples played together) play on,
     * ascending: one mic level each. Empty for a program without multi-mic regions.
     */
    public static List<Integer> mics(Program program) {
        Set<Integer> out = new TreeSet<>();
        for (SampleRegion r : program.regions())
            if (r.samples().size() > 1) for (SampleRef s : r.samples()) out.add(s.output());
        return List.copyOf(out);
    }

    public static String micParameter(int output) { return MIC_PREFIX + output; }

    /** The output a {@code micN} parameter id names, or -1. */
    public static int micOf(String parameterId) { return number(parameterId, MIC_PREFIX); }

    /**
     * A name for output {@code o}: "Main" for 0; else the name of the one kit pad on it (DrumKit mode), else the key
     * label its regions share (SFZ {@code label_keyN}) when they are all on one labelled key, else "Output N".
     */
    public static String name(Program program, int o) {
        if (o == 0) return "Main";
        if (program.isDrumKit()) {
            List<Pad> on = program.drumKit().pads().stream().filter(p -> p.output() == o).toList();
            if (on.size() == 1 && on.getFirst().name() != null && !on.getFirst().name().isBlank()) return on.getFirst().name();
        }
        Map<Integer, Integer> keys = new TreeMap<>();
        for (SampleRegion r : program.regions())
            for (SampleRef s : r.samples())
                if (s.output() == o && r.keyRange().lo() == r.keyRange().hi() && r.samples().size() == 1) keys.merge(r.keyRange().lo(), 1, Integer::sum);
                else if (s.output() == o) keys.merge(-1, 1, Integer::sum);
        if (keys.size() == 1 && !keys.containsKey(-1)) {
            String label = program.keyLabels().get(keys.keySet().iterator().next());
            if (label != null && !label.isBlank()) return label;
        }
        return "Output " + o;
    }

    private static int number(String id, String prefix) {
        if (!id.startsWith(prefix) || id.length() == prefix.length()) return -1;
        try {
            int n = Integer.parseInt(id.substring(prefix.length()));
            return n >= 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
