package dev.loophole.pulse.engine;

import static dev.loophole.pulse.engine.Clips.PPQ;
import static dev.loophole.pulse.engine.Clips.RATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.ScanListener;
import dev.loophole.model.SampleRef;
import dev.loophole.model.project.AudioClip;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.pulse.media.LibraryView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An audio clip that names a media-library file is found where the library has it now, as a Sampler's samples are. */
class AudioClipLibraryTest {
    @TempDir Path dir;

    @Test
    void aClipWhoseFolderMovedPlaysFromTheNewPlaceAndAMissingOneStaysSilent() throws Exception {
        Path old = Files.createDirectories(dir.resolve("Prints")), moved = dir.resolve("Prints-2026");
        float[] x = Clips.noise(old.resolve("print.wav"), RATE, 21);
        Clips.noise(old.resolve("gone.wav"), RATE, 22);
        try (MediaLibrary lib = MediaLibrary.open(dir.resolve("library.db"))) {
            lib.add(List.of(old), ScanListener.NONE);
            SampleRef print = lib.sampleRef(lib.file(old.resolve("print.wav")).orElseThrow().id());
            SampleRef gone = lib.sampleRef(lib.file(old.resolve("gone.wav")).orElseThrow().id());
            Project p = Clips.project(TempoTrack.DEFAULT, new AudioClip("a", "a", 0, 2 * PPQ, print, 0, 0),
                    new AudioClip("b", "b", 0, 2 * PPQ, gone, 0, 0));
            Files.delete(old.resolve("gone.wav"));
            Files.move(old, moved);
            lib.relink(Map.of(old, moved), List.of());

            Project playable = new LibraryView(lib).apply(p);
            var clips = playable.tracks().getFirst().lanes().getFirst().audioClips();
            assertThat(clips).extracting(AudioClip::clipId).containsExactly("a");
            assertThat(clips.getFirst().sample().path()).isEqualTo(moved.resolve("print.wav").toString());
            float[][] out = Clips.render(playable);
            for (int i = 0; i < RATE; i++) if (out[0][i] != x[i]) throw new AssertionError("frame " + i + ": " + out[0][i] + " vs " + x[i]);
            assertThat(p.tracks().getFirst().lanes().getFirst().audioClips()).as("the project keeps its references").hasSize(2);
        }
    }
}
