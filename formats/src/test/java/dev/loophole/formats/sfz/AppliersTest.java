package dev.loophole.formats.sfz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The appliers' two tables (the common opcodes, the rest filled when first asked for) never both name an opcode. */
class AppliersTest {
    @Test
    void noOpcodeIsInBothTables() {
        var tables = Appliers.tables();
        Set<String> both = new HashSet<>(tables.get(0));
        both.retainAll(tables.get(1));
        assertThat(both).isEmpty();
        // the common table holds what a plain library writes; the envelopes of all three generators are there
        assertThat(tables.get(0)).contains("sample", "lokey", "hikey", "key", "lovel", "hivel", "pitch_keycenter",
                "ampeg_release", "fileg_depth", "pitcheg_attack", "loop_mode", "volume", "tune");
        assertThat(tables.get(1)).contains("loccN", "xfin_lokey", "cutoff", "group", "off_by", "effect1", "global_volume");
    }
}
