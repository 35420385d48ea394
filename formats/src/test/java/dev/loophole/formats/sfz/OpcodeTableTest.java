package dev.loophole.formats.sfz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpcodeTableTest {
    private final OpcodeTable table = OpcodeTable.get();

    private String canonical(String written) {
        return table.lookup(written).map(m -> m.spec().name()).orElse(null);
    }

    @ParameterizedTest
    @CsvSource({
            "lokey,lokey", "loopmode,loop_mode", "loopstart,loop_start", "amp_release,ampeg_release",
            "locc64,loccN", "hicc1,hiccN", "eq3_freq,eqN_freq", "lfo12_wave,lfoN_wave", "lfo1_wave2,lfoN_wave",
            "eg2_time3,egN_timeX", "eg1_level0_oncc12,egN_levelX_onccN", "v064,vNNN", "amp_velcurve_100,amp_velcurve_N",
            "volume_oncc7,gain_ccN", "amplitude_oncc11,amplitude_onccN", "pan_smoothcc10,pan_smoothccN",
            "cutoff_curvecc1,cutoff_curveccN", "resonance_stepcc2,resonance_stepccN", "lfo2_eq1freq_oncc7,lfoN_eqXfreq_onccN",
            "cutoff2,cutoff2", "fil2_type,fil2_type", "cutoff2_oncc3,cutoff2_onccN", "hint_ram_based,hint_*",
            "amplitude_mod,*_mod", "set_realcc100,set_hdccN", "label_cc7,label_ccN", "ampeg_vel2sustain,ampeg_vel2sustain"})
    void writtenNamesFindTheirOpcode(String written, String expected) {
        assertThat(canonical(written)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"frobnicate", "lokeys", "locc", "loccx", "sample_oncc1", "volume_oncc", "LOKEY", "eq_freq1"})
    void otherNamesAreUnknown(String written) {
        assertThat(table.lookup(written)).isEmpty();
    }

    @Test
    void numbersOfTheNameAreCaptured() {
        assertThat(table.lookup("lfo2_eq1freq_oncc7").orElseThrow().numbers()).containsExactly(2, 1, 7);
        assertThat(table.lookup("locc64").orElseThrow().number(0)).isEqualTo(64);
    }

    @Test
    void suffixesTakeRangesFromTheirBase() {
        OpcodeTable.Spec oncc = table.lookup("amplitude_oncc1").orElseThrow().spec();
        assertThat(oncc.range()).isEqualTo("-10000..10000"); // documented -100..100; players accept 10000 % (see PLAYER_DEPTHS)
        assertThat(table.lookup("fileg_attack_oncc1").orElseThrow().spec().range()).isEqualTo("-100..100");
        assertThat(oncc.modulates()).isEqualTo("amplitude");
        assertThat(table.lookup("pan_curvecc1").orElseThrow().spec().range()).isEqualTo("0..255");
        assertThat(table.lookup("lokey").orElseThrow().spec().type()).isEqualTo(OpcodeTable.Type.INTEGER);
        assertThat(table.lookup("trigger").orElseThrow().spec().options()).contains("release_key");
    }

    @Test
    void everyPlayedOpcodeIsInTheTable() {
        List<String> names = List.of("sample", "lokey", "hikey", "key", "lovel", "hivel", "lochan", "hichan", "locc1", "hicc1",
                "lobend", "hibend", "lorand", "hirand", "seq_length", "seq_position", "trigger", "pitch_keycenter", "transpose",
                "tune", "pitch_keytrack", "pitch_veltrack", "bend_up", "bend_down", "volume", "amplitude", "pan", "width",
                "position", "amp_veltrack", "amp_keycenter", "amp_keytrack", "amp_random", "rt_decay", "offset",
                "offset_random", "end", "count", "delay", "delay_random", "direction", "loop_mode", "loop_type", "loop_start",
                "loop_end", "loop_crossfade", "loop_count", "ampeg_delay", "ampeg_start", "ampeg_attack", "ampeg_hold",
                "ampeg_decay", "ampeg_sustain", "ampeg_release", "ampeg_vel2attack", "fileg_depth", "fileg_vel2depth",
                "pitcheg_depth", "pitcheg_release", "fil_type", "cutoff", "resonance", "fil_keytrack", "fil_keycenter",
                "fil_veltrack", "group", "off_by", "off_mode", "off_time", "polyphony", "note_polyphony", "sw_lokey",
                "sw_hikey", "sw_last", "sw_down", "sw_up", "sw_previous", "sw_label");
        for (String n : names) {
            String c = canonical(n);
            assertThat(c).as(n).isNotNull();
            assertThat(Appliers.of(table.lookup(n).orElseThrow())).as(n).isNotNull();
        }
    }

    /** Every opcode name of the reference list (sfzformat.com's syntax.yml, CC0, committed as a test resource) resolves, aliases too. */
    @Test
    void everyOpcodeOfSyntaxYmlIsKnown() throws IOException {
        String yml;
        try (var in = OpcodeTableTest.class.getResourceAsStream("/sfz/reference/syntax.yml")) {
            assertThat(in).as("the test resource sfz/reference/syntax.yml").isNotNull();
            yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("(?m)^\\s*- name: \"([a-z0-9_#*]*[A-Z]*[a-zA-Z0-9_#*]*)\"").matcher(yml);
        List<String> missing = new ArrayList<>();
        int checked = 0;
        while (m.find()) {
            String name = m.group(1);
            if (name.contains(" ") || name.isEmpty() || !name.matches("[a-z#*][a-zA-Z0-9_*]*")) continue;
            String written = name.replace("NNN", "100").replace("NN", "12").replace("N", "1").replace("X", "2")
                    .replace("Y", "3").replace("*", "x");
            checked++;
            if (table.lookup(written).isEmpty()) missing.add(name);
        }
        // Headers and value options share the list's syntax; they are the only names allowed to miss.
        missing.removeAll(List.of("region", "group", "control", "global", "curve", "effect", "master", "midi"));
        assertThat(checked).isGreaterThan(600);
        assertThat(missing).allMatch(n -> !n.contains("_") || n.endsWith("_2p") || n.endsWith("_1p") || n.endsWith("_4p")
                || n.endsWith("_6p") || n.endsWith("_sv") || n.contains("_hall") || n.contains("_room")
                || List.of("no_loop", "one_shot", "loop_continuous", "loop_sustain", "release_key").contains(n), missing.toString());
        assertThat(table.size()).isGreaterThanOrEqualTo(430);
    }
}
