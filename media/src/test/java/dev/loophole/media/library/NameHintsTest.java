package dev.loophole.media.library;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What multi-sample file names say, as sample libraries write them. */
class NameHintsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Piano_C#4_ff_rr2.wav     | 61 | 7 | 2  | Piano",
            "Strings 060 p.wav        | 60 | 3 | -1 | Strings",
            "Bass-Eb1-v3.flac         | 27 | 3 | -1 | Bass",
            "Snare 01.wav             | -1 | -1 | -1 | Snare 01",
            "Kick_RR 3.wav            | -1 | -1 | 3  | Kick",
            "Flute A3 mf seq2.aif     | 57 | 5 | 2  | Flute",
            "Organ_C-1.wav            | 0  | -1 | -1 | Organ",
            "Pad F.wav                | -1 | -1 | -1 | Pad F",
            "vox_layer2_B2.wav        | 47 | 2 | -1 | vox"})
    void parses(String file, int key, int dynamic, int rr, String stem) {
        NameHints h = NameHints.of(file.strip());
        assertThat(h.key()).as("key").isEqualTo(key);
        assertThat(h.dynamic()).as("layer").isEqualTo(dynamic);
        assertThat(h.roundRobin()).as("round robin").isEqualTo(rr);
        assertThat(h.stem()).isEqualTo(stem.strip());
    }
}
