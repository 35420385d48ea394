package dev.loophole.pulse.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.demo.GmSongs;
import dev.loophole.formats.midi.SmfReader;
import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.ProjectSession;
import dev.loophole.pulse.command.NoteCommand;
import dev.loophole.pulse.importer.MidiProjectImport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Save and load times of a General MIDI song as a project (8 FluidR3 programs, 2,302 notes), for
 * BENCHMARKS.md; opt-in: {@code -Dloophole.bench=true}. Prints medians, asserts nothing.
 */
class ProjectStoreBenchmark {
    @TempDir Path dir;

    @Test
    void saveAndLoadAGeneralMidiProject() throws Exception {
        assumeTrue(Boolean.getBoolean("loophole.bench"), "opt-in: -Dloophole.bench=true");
        Sf2Bank bank = Sf2Importer.load(Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2"));
        var song = SmfReader.read(GmSongs.write(dir.resolve("gm"), false).band());
        Project p = MidiProjectImport.toProject(song, "band", (ch, b, prog) -> bank.find(Math.max(b, 0), Math.max(prog, 0))
                .or(() -> bank.find(b == 128 ? 128 : 0, b == 128 ? 0 : Math.max(prog, 0)))
                .map(x -> new MidiProjectImport.Instrument(x.name(), x.program())).orElse(null)).project();
        Path file = dir.resolve("band.loophole");
        int runs = 9;
        double[] full = new double[runs], load = new double[runs], edit = new double[runs], json = new double[runs], jsonRead = new double[runs];
        for (int i = 0; i < runs; i++) {
            Files.deleteIfExists(file);
            long t0 = System.nanoTime();
            ProjectStore.save(p, file);
            full[i] = ms(t0);
            t0 = System.nanoTime();
            ProjectSession s = ProjectSession.open(file);
            load[i] = ms(t0);
            Clip c = s.pulse().project().tracks().getFirst().lanes().getFirst().clips().getFirst();
            Note n = c.notes().getFirst();
            s.pulse().apply(new NoteCommand.UpdateNote(c.clipId(), new Note(n.noteId(), n.key(), n.velocity(), n.start(), n.length() + 1, n.releaseVelocity(), n.expression())));
            t0 = System.nanoTime();
            s.save();
            edit[i] = ms(t0);
            t0 = System.nanoTime();
            String text = ProjectJson.write(p);
            json[i] = ms(t0);
            t0 = System.nanoTime();
            ProjectJson.read(text, "band.json");
            jsonRead[i] = ms(t0);
        }
        System.out.printf("GM band project: %d tracks, %d regions, %d notes; file %d bytes%n", p.tracks().size(),
                p.instruments().stream().mapToInt(x -> x.program().regions().size()).sum(),
                p.tracks().stream().flatMap(t -> t.lanes().stream()).flatMap(l -> l.clips().stream()).mapToInt(x -> x.notes().size()).sum(), Files.size(file));
        System.out.printf("median of %d (ms): new file %.0f, open %.0f, save after one note edit %.0f, JSON write %.0f, JSON read %.0f%n",
                runs, median(full), median(load), median(edit), median(json), median(jsonRead));
    }

    @Test
    void noteEditsThroughPulseOnAGeneralMidiProject() throws Exception {
        assumeTrue(Boolean.getBoolean("loophole.bench"), "opt-in: -Dloophole.bench=true");
        var song = SmfReader.read(GmSongs.write(dir.resolve("gm"), false).band());
        var sine = dev.loophole.formats.sfz.SfzImporter.parse("<region> sample=*sine", dir.resolve("sine.sfz"));
        Project p = MidiProjectImport.toProject(song, "band", (ch, b, prog) -> new MidiProjectImport.Instrument("sine", sine)).project();
        dev.loophole.pulse.Pulse pulse = new dev.loophole.pulse.Pulse(p);
        Clip c = p.tracks().getFirst().lanes().getFirst().clips().getFirst();
        int edits = 20_000;
        for (int round = 0; round < 3; round++) { // the last round is the measured one
            long t0 = System.nanoTime();
            for (int i = 0; i < edits; i++) {
                Note n = c.notes().get(i % c.notes().size());
                pulse.apply(new NoteCommand.UpdateNote(c.clipId(), new Note(n.noteId(), n.key(), 1 + (i + round) % 127, n.start(), n.length(), n.releaseVelocity(), n.expression())));
            }
            double apply = ms(t0);
            t0 = System.nanoTime();
            while (pulse.undo()) { }
            double undo = ms(t0);
            if (round == 2) System.out.printf("%d note edits on a %d-note clip (%d notes in the project): %.1f µs per apply, %.1f µs per undo%n",
                    edits, c.notes().size(), song.events().stream().filter(e -> e.isNoteOn()).count(), apply * 1000 / edits, undo * 1000 / edits);
        }
    }

    private static double ms(long t0) { return (System.nanoTime() - t0) / 1e6; }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
