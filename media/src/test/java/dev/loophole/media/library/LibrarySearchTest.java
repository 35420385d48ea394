package dev.loophole.media.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full-text search with prefixes and bm25 ranking, and every filter, against a folder whose answers are known by construction. */
class LibrarySearchTest {
    @TempDir static Path tmp;
    static Path root;

    @BeforeAll
    static void library() throws Exception {
        root = tmp.resolve("Samples");
        Tones.noise(root.resolve("Drums/Kick/Kick Acoustic 01.wav"), 0.8, 0.3, 48000, 1);
        Tones.noise(root.resolve("Drums/Kick/kick_808_long.wav"), 0.8, 2.0, 48000, 2);
        Tones.noise(root.resolve("Drums/Snare/Snare 01.wav"), 0.8, 0.3, 44100, 3);
        Tones.noise(root.resolve("Loops/KickLoop 120.wav"), 0.5, 0.5, 44100, 4);
        Tones.sine(root.resolve("Pads/Warm Pad C3.wav"), 130.8128, 0.5, 1.5, 44100, 2, -1);
        Tones.sine(root.resolve("Pads/Pad A.wav"), 220, 0.5, 1.5, 48000, 2, -1);
        Tones.noise(root.resolve("Misc/folder kick/other.wav"), 0.5, 0.3, 48000, 5);
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            lib.add(List.of(root), ScanListener.NONE);
        }
    }

    static List<String> search(String q) throws Exception {
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            return lib.search(q, 50).stream().map(MediaFile::relPath).toList();
        }
    }

    @Test
    void namesOutrankFoldersAndPrefixesMatch() throws Exception {
        List<String> kick = search("kick");
        assertThat(kick).containsExactlyInAnyOrder("Drums/Kick/Kick Acoustic 01.wav", "Drums/Kick/kick_808_long.wav",
                "Loops/KickLoop 120.wav", "Misc/folder kick/other.wav");
        assertThat(kick.getLast()).isEqualTo("Misc/folder kick/other.wav"); // "kick" only in its folder's name
        assertThat(search("kic")).containsExactlyInAnyOrderElementsOf(kick);
        assertThat(search("kick acou")).containsExactly("Drums/Kick/Kick Acoustic 01.wav");
        assertThat(search("snare")).containsExactly("Drums/Snare/Snare 01.wav");
        assertThat(search("nothinglikethis")).isEmpty();
    }

    @Test
    void filtersNarrowByMeasuredFacts() throws Exception {
        assertThat(search("kick dur:<1s")).containsExactlyInAnyOrder("Drums/Kick/Kick Acoustic 01.wav",
                "Loops/KickLoop 120.wav", "Misc/folder kick/other.wav");
        assertThat(search("kick dur:>=2s")).containsExactly("Drums/Kick/kick_808_long.wav");
        assertThat(search("dur:1s..1.6s")).containsExactlyInAnyOrder("Pads/Warm Pad C3.wav", "Pads/Pad A.wav");
        assertThat(search("pad key:C")).containsExactly("Pads/Warm Pad C3.wav");     // detected 130.81 Hz = C3
        assertThat(search("key:A3")).containsExactly("Pads/Pad A.wav");               // 220 Hz = A3 = 57
        assertThat(search("key:57")).containsExactly("Pads/Pad A.wav");
        assertThat(search("pad rate:48000")).containsExactly("Pads/Pad A.wav");
        assertThat(search("rate:44.1k ch:1")).containsExactlyInAnyOrder("Drums/Snare/Snare 01.wav", "Loops/KickLoop 120.wav");
        assertThat(search("kick tag:acoustic")).containsExactly("Drums/Kick/Kick Acoustic 01.wav");
        assertThat(search("tag:electronic")).containsExactly("Drums/Kick/kick_808_long.wav");
        assertThat(search("tag:loop")).containsExactly("Loops/KickLoop 120.wav");
        assertThat(search("type:loop")).containsExactly("Loops/KickLoop 120.wav");
        assertThat(search("format:wav bits:16")).hasSize(7);
        assertThat(search("status:missing")).isEmpty();
    }

    @Test
    void userTagsAreSearchable() throws Exception {
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            lib.tag(root.resolve("Pads/Pad A.wav"), List.of("Dreamy", "film"));
            assertThat(lib.search("tag:dreamy", 10)).extracting(MediaFile::relPath).containsExactly("Pads/Pad A.wav");
            assertThat(lib.search("dream", 10)).extracting(MediaFile::relPath).containsExactly("Pads/Pad A.wav");
            lib.untag(root.resolve("Pads/Pad A.wav"), List.of("dreamy"));
            assertThat(lib.search("tag:dreamy", 10)).isEmpty();
            assertThat(lib.file(root.resolve("Pads/Pad A.wav")).orElseThrow().tags()).contains("film").doesNotContain("dreamy");
        }
    }

    @Test
    void aBadFilterIsOneClearError() {
        assertThatThrownBy(() -> search("kick foo:bar")).isInstanceOf(LibraryException.class)
                .hasMessageContaining("unknown filter 'foo:'").hasMessageContaining("tag");
        assertThatThrownBy(() -> search("dur:<abc")).hasMessageContaining("dur:<abc").hasMessageContaining("seconds");
        assertThatThrownBy(() -> search("key:H2")).hasMessageContaining("key:H2");
    }
}
