package dev.loophole.pulse.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.demo.DemoContent;
import dev.loophole.demo.GmSongs;
import dev.loophole.formats.midi.SmfReader;
import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.Program;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.model.project.AutomationCurve;
import dev.loophole.model.project.Breakpoint;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ExpressionCurve;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.store.ProjectJson;
import dev.loophole.pulse.store.ProjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiProjectImportTest {
    @TempDir Path dir;

    @Test
    void theDemoSongBecomesOneTrackPerChannelAndLosesNothing() throws Exception {
        DemoContent.DemoFiles demo = DemoContent.write(dir.resolve("demo"));
        Program keys = SfzImporter.load(demo.keysSfz()), drums = SfzImporter.load(demo.drumsSfz());
        MidiSong song = SmfReader.read(demo.song());
        var result = MidiProjectImport.toProject(song, "demo", (ch, bank, prog) ->
                new MidiProjectImport.Instrument(ch == 10 ? "drums" : "keys", ch == 10 ? drums : keys));
        Project p = result.project();
        List<Integer> channels = song.events().stream().map(e -> e.channel() + 1).distinct().sorted().toList();
        assertThat(p.tracks()).extracting(Track::trackId).containsExactlyElementsOf(channels.stream().map(c -> "track-ch" + c).toList());
        assertThat(p.ticksPerQuarter()).isEqualTo(song.tempoMap().ppq());
        assertThat(p.tempo().tempos()).isEqualTo(song.tempoMap().changes());
        assertThat(p.tracks().stream().filter(t -> t.trackId().equals("track-ch10")).findFirst().orElseThrow().primary().orElseThrow().program()).isSameAs(drums);
        assertThat(replay(p)).isEqualTo(channelEvents(song));
        assertThat(result.warnings()).isEmpty();
        // Each node listens on its file channel, so what the project plays travels on that channel again
        // (the engine's lane port takes its target's input channel: channel-10 drum maps, lochan/hichan).
        for (Track t : p.tracks()) {
            int channel = Integer.parseInt(t.trackId().substring("track-ch".length()));
            assertThat(t.graph().instruments()).allSatisfy(n -> assertThat(n.input().channel()).as(t.trackId()).isEqualTo(channel));
        }
    }

    @Test
    void aGeneralMidiSongKeepsEveryControllerBendAndProgramThroughTheProjectFile() throws Exception {
        GmSongs.Files3 songs = GmSongs.write(dir.resolve("gm"), true);
        MidiSong song = SmfReader.read(songs.band());
        Program any = SfzImporter.parse("<region> sample=*sine", dir.resolve("sine.sfz"));
        List<String> asked = new ArrayList<>();
        var result = MidiProjectImport.toProject(song, "band", (ch, bank, prog) -> {
            asked.add(ch + ":" + bank + ":" + prog);
            return new MidiProjectImport.Instrument("sine", any);
        });
        // The file selects GM programs: each channel was asked for its own, percussion in bank 128.
        assertThat(asked).anyMatch(s -> s.startsWith("10:128:"));
        assertThat(asked).anyMatch(s -> !s.endsWith(":-1"));
        Path file = dir.resolve("band.loophole");
        ProjectStore.save(result.project(), file);
        Project back = ProjectStore.load(file);
        assertThat(back).isEqualTo(result.project());
        assertThat(ProjectJson.read(ProjectJson.write(back), "band.json")).isEqualTo(back);
        assertThat(replay(back)).isEqualTo(channelEvents(song));
        long bends = song.events().stream().filter(e -> e.command() == 0xE0).count();
        long ccs = song.events().stream().filter(e -> e.command() == 0xB0).count();
        assertThat(ccs).isPositive();
        System.out.printf("band: %d events, %d CCs, %d bends, %d tracks%n", song.events().size(), ccs, bends, back.tracks().size());
    }

    @Test
    void polyPressureAndReleaseVelocityBecomeNoteExpression() {
        // Two overlapping notes of one key, poly pressure on the later one, an explicit note-off velocity.
        List<MidiEvent> events = List.of(
                new MidiEvent(0, 0x90, 60, 100, 0, 0), new MidiEvent(10, 0x90, 60, 90, 0, 1),
                new MidiEvent(20, 0xA0, 60, 127, 0, 2), new MidiEvent(30, 0x80, 60, 33, 0, 3),
                new MidiEvent(40, 0x90, 60, 0, 0, 4), new MidiEvent(50, 0xE0, 0x7F, 0x7F, 0, 5));
        MidiSong song = new MidiSong("x", new TempoMap(480, List.of()), events);
        Project p = MidiProjectImport.toProject(song, "x", (c, b, pr) -> null).project();
        Clip clip = p.tracks().getFirst().lanes().getFirst().clips().getFirst();
        assertThat(clip.notes()).containsExactly(
                Note.of(1, 60, 100, 0, 30).withExpression(List.of()).withRelease(33),
                Note.of(2, 60, 90, 10, 30).withExpression(List.of(ExpressionCurve.of(ExpressionDimension.POLY_AFTERTOUCH, List.of(Breakpoint.step(10, 1.0))))).withRelease(64));
        assertThat(clip.automation().getFirst().points().getFirst().value()).isEqualTo(8191 / 8192.0);
        assertThat(clip.length()).isEqualTo(4 * 480);
        assertThat(p.tracks().getFirst().graph().instruments()).isEmpty();
    }

    /** The channel events of a song as (tick, status, data1, data2), sorted; what a lossless import must give back. */
    static List<String> channelEvents(MidiSong song) {
        return song.events().stream().map(e -> key(e.tick(), e.isNoteOff() ? 0x80 | e.channel() : e.status(), e.data1(),
                e.isNoteOff() ? (e.command() == 0x80 ? e.data2() : 64) : e.data2())).sorted().toList();
    }

    /** The project's clips played back as MIDI 1.0 messages — written here independently of the importer. */
    static List<String> replay(Project p) {
        List<String> out = new ArrayList<>();
        for (Track t : p.tracks()) {
            int ch = Integer.parseInt(t.trackId().substring("track-ch".length())) - 1;
            for (Clip c : t.lanes().getFirst().clips()) {
                for (Note n : c.notes()) {
                    out.add(key(c.start() + n.start(), 0x90 | ch, n.key(), (int) n.velocity()));
                    out.add(key(c.start() + n.end(), 0x80 | ch, n.key(), (int) n.releaseVelocity()));
                    for (ExpressionCurve e : n.expression())
                        for (Breakpoint b : e.points()) out.add(key(c.start() + n.start() + b.tick(), 0xA0 | ch, n.key(), (int) Math.round(b.value() * 127)));
                }
                for (AutomationCurve a : c.automation())
                    for (Breakpoint b : a.points()) {
                        long tick = c.start() + b.tick();
                        int v = (int) b.value();
                        out.add(switch (a.target().kind()) {
                            case CC -> key(tick, 0xB0 | ch, a.target().number(), v);
                            case PROGRAM -> key(tick, 0xC0 | ch, v, 0);
                            case CHANNEL_PRESSURE -> key(tick, 0xD0 | ch, v, 0);
                            case PITCH_BEND -> {
                                int raw = (int) (b.value() * 8192) + 8192;
                                yield key(tick, 0xE0 | ch, raw & 0x7F, raw >> 7);
                            }
                            case PARAMETER -> throw new AssertionError("no parameter automation from a MIDI file");
                        });
                    }
            }
        }
        return out.stream().sorted().toList();
    }

    private static String key(long tick, int status, int d1, int d2) {
        return String.format("%09d %02X %3d %3d", tick, status, d1, d2);
    }
}
