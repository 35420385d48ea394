package dev.loophole.formats.sfz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoteNamesTest {
    @ParameterizedTest
    @CsvSource({"c4,60", "C4,60", "c#4,61", "db4,61", "C-1,0", "c-1,0", "g9,127", "a4,69", "b3,59", "cb4,59", "b#3,60", "e♭2,39", "f♯2,42"})
    void namesAreMidiKeys(String name, int key) {
        assertThat(NoteNames.parse(name)).hasValue(key);
    }

    @ParameterizedTest
    @CsvSource({"h4", "c", "60", "c#", "cx4", "c4.5", "c#-", "c123"})
    void otherTextIsNotANoteName(String text) {
        assertThat(NoteNames.parse(text)).isEmpty();
    }

    @Test
    void namesKeysForMessages() {
        assertThat(NoteNames.name(60)).isEqualTo("c4");
        assertThat(NoteNames.name(0)).isEqualTo("c-1");
        assertThat(NoteNames.name(61)).isEqualTo("c#4");
    }
}
