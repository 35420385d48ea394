package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.signal.engine.EventBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MidiInboxTest {
    final MidiInbox inbox = new MidiInbox();
    final EventBuffer out = new EventBuffer(16);
    final DriverStats stats = new DriverStats();

    @Test
    void dueEventsLandOnTheirOffsetAndLaterOnesWait() {
        MidiRing r = inbox.addSource(16);
        r.offer(1000, 0x90, 60, 100);
        r.offer(1100, 0x80, 60, 0);
        r.offer(1300, 0x90, 62, 100);
        inbox.collect(1024, 256, null, out, stats);
        assertThat(events()).containsExactly("0:90:60", "76:80:60");
        assertThat(stats.lateEvents()).as("due at 1000, block starts at 1024").isEqualTo(1);
        inbox.collect(1280, 256, null, out, stats);
        assertThat(events()).containsExactly("20:90:62");
    }

    @Test
    void sourcesAreMergedEarliestFirst() {
        MidiRing song = inbox.addSource(16), live = inbox.addSource(16);
        song.offer(10, 0x90, 60, 100);
        song.offer(200, 0x80, 60, 0);
        live.offer(MidiRing.NOW, 0xB0, 64, 127);
        EventBuffer direct = new EventBuffer(8);
        direct.add(50, 0x91, 40, 90);
        inbox.collect(0, 256, direct, out, stats);
        assertThat(events()).containsExactly("0:b0:64", "10:90:60", "50:91:40", "200:80:60");
        assertThat(stats.lateEvents()).isZero();
        assertThat(direct.size()).as("direct events are consumed").isZero();
    }

    @Test
    void whatDoesNotFitWaitsForTheNextBlock() {
        MidiRing r = inbox.addSource(64);
        for (int i = 0; i < 20; i++) r.offer(i, 0x90, i, 1);
        inbox.collect(0, 256, null, out, stats);
        assertThat(out.size()).isEqualTo(16);
        inbox.collect(256, 256, null, out, stats);
        assertThat(events()).containsExactly("0:90:16", "0:90:17", "0:90:18", "0:90:19");
    }

    List<String> events() {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) s.add(out.offset(i) + ":" + Integer.toHexString(out.status(i)) + ":" + out.data1(i));
        return s;
    }
}
