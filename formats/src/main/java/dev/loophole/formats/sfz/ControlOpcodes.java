package dev.loophole.formats.sfz;

import dev.loophole.model.ProgramSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Instrument-wide opcodes. They take effect where they are written, not per region: {@code default_path}
 * and the key offsets change how later opcodes read, and pedal/key-switch settings describe the whole
 * program. They are usually under {@code <control>} or {@code <global>} but are honoured anywhere.
 */
final class ControlOpcodes {
    private static final Set<String> NAMES = Set.of("default_path", "note_offset", "octave_offset", "set_ccN", "set_hdccN",
            "label_ccN", "label_keyN", "sustain_cc", "sustain_lo", "sostenuto_cc", "sw_default", "global_label");

    private final Diagnostics diagnostics;
    private Value.Context context;
    private int noteOffset, octaveOffset;
    private String programName;
    private final Map<Integer, Double> initialCc = new TreeMap<>();
    private final Map<Integer, String> ccLabels = new HashMap<>();
    private final Map<Integer, String> keyLabels = new HashMap<>();
    /**
     * SFZ's own default for sustain_lo: 0.5 (syntax.yml, ARIA; sfizz 0.5/127), so any pedal value from 1 up is down —
     * not MIDI's 64, which SoundFont programs keep through {@link ProgramSettings#DEFAULT}.
     */
    static final int DEFAULT_SUSTAIN_LO = 1;

    private int sustainCc = ProgramSettings.DEFAULT.sustainCc(), sustainLo = DEFAULT_SUSTAIN_LO;
    private int sostenutoCc = ProgramSettings.DEFAULT.sostenutoCc(), swDefault = ProgramSettings.DEFAULT.swDefault();

    ControlOpcodes(Value.Context initial, Diagnostics diagnostics) {
        this.context = initial;
        this.diagnostics = diagnostics;
    }

    boolean handles(String canonical) { return NAMES.contains(canonical); }

    /** The settings later opcodes are read with. */
    Value.Context context() { return context; }

    void apply(Value v) {
        switch (v.match().spec().name()) {
            case "default_path" -> context = context.withDefaultPath(v.text().replace('\\', '/'));
            case "note_offset" -> v.integer().ifPresent(i -> { noteOffset = i; offsetsChanged(); });
            case "octave_offset" -> v.integer().ifPresent(i -> { octaveOffset = i; offsetsChanged(); });
            case "set_ccN" -> ccNumber(v, 0).ifPresent(n -> v.number().ifPresent(x -> initialCc.put(n, x / 127.0)));
            case "set_hdccN" -> ccNumber(v, 0).ifPresent(n -> v.number().ifPresent(x -> initialCc.put(n, x)));
            case "label_ccN" -> ccNumber(v, 0).ifPresent(n -> v.string().ifPresent(s -> ccLabels.put(n, s)));
            case "label_keyN" -> keyNumber(v).ifPresent(n -> v.string().ifPresent(s -> keyLabels.put(n, s)));
            case "sustain_cc" -> v.integer().ifPresent(i -> sustainCc = i);
            case "sustain_lo" -> v.number().ifPresent(x -> sustainLo = (int) Math.round(x));
            case "sostenuto_cc" -> v.integer().ifPresent(i -> sostenutoCc = i);
            case "sw_default" -> v.key().ifPresent(k -> swDefault = k);
            case "global_label" -> v.string().ifPresent(s -> programName = s);
            default -> throw new IllegalStateException(v.name());
        }
    }

    private void offsetsChanged() {
        context = context.withKeyOffset(noteOffset + 12 * octaveOffset);
    }

    /** Controller numbers: 0..127 MIDI CCs and the extended ones players define above them. */
    private java.util.OptionalInt ccNumber(Value v, int i) {
        int n = v.index(i);
        if (n <= 511) return java.util.OptionalInt.of(n);
        v.warn(v.name() + ": expected a controller number 0..511 in the name, found " + n);
        return java.util.OptionalInt.empty();
    }

    private java.util.OptionalInt keyNumber(Value v) {
        int n = v.index(0);
        if (n <= 127) return java.util.OptionalInt.of(n);
        v.warn(v.name() + ": expected a key number 0..127 in the name, found " + n);
        return java.util.OptionalInt.empty();
    }

    ProgramSettings settings() {
        return new ProgramSettings(sustainCc, sustainLo, sostenutoCc, initialCc, swDefault, 0);
    }

    Map<Integer, String> ccLabels() { return ccLabels; }

    /** {@code global_label}, the instrument's name, or null. */
    String programName() { return programName; }

    Map<Integer, String> keyLabels() { return keyLabels; }
}
