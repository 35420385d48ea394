package dev.loophole.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MpeSongTest {
    final MidiSong song = MpeSong.build();
    final List<MidiEvent> ev = song.events();

    @Test
    void startsWithAnMcmAndPlaysEveryNoteOnAMemberChannelWithItsOwnExpression() {
        assertThat(ev.subList(0, 3)).extracting(MidiEvent::status, MidiEvent::data1, MidiEvent::data2)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0xB0, 101, 0), org.assertj.core.groups.Tuple.tuple(0xB0, 100, 6),
                        org.assertj.core.groups.Tuple.tuple(0xB0, 6, 15));
        Map<Integer, Integer> open = new HashMap<>();
        int notes = 0, bends = 0, pressures = 0, timbres = 0;
        for (MidiEvent e : ev) {
            int key = e.channel() * 128 + e.data1();
            if (e.isNoteOn()) { assertThat(e.channel()).isBetween(1, 15); open.merge(key, 1, Integer::sum); notes++; }
            if (e.isNoteOff()) open.merge(key, -1, Integer::sum);
            if (e.command() == 0xE0 && e.channel() > 0) bends++;
            if (e.command() == 0xD0) pressures++;
            if (e.command() == 0xB0 && e.data1() == 74) timbres++;
        }
        assertThat(open.values()).as("every note ends").allMatch(v -> v == 0);
        assertThat(notes).isEqualTo(5 + 1 + 2 + 5);
        assertThat(bends).as("slides and vibrato").isGreaterThan(500);
        assertThat(pressures).as("swells").isGreaterThan(1000);
        assertThat(timbres).isGreaterThan(100);
        assertThat(song.lengthSeconds()).isBetween(15.0, 17.0);
    }

    @Test
    void isTheSameEveryTime() {
        assertThat(MpeSong.build().events()).isEqualTo(ev);
    }
}
