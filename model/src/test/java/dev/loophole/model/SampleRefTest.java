package dev.loophole.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SampleRef's written-out equals and hashCode are the ones a record with the same components generates. */
class SampleRefTest {
    /** The same components: its equals/hashCode are the JDK's generated ones. */
    private record Twin(String path, SampleRef.MediaLink media, double volume, double pan, int output, int channel) {
        static Twin of(SampleRef r) { return new Twin(r.path(), r.media(), r.volume(), r.pan(), r.output(), r.channel()); }
    }

    @Test
    void equalsAndHashCodeAreTheGeneratedOnes() {
        SampleRef.MediaLink link = new SampleRef.MediaLink("root-1", "a/b.wav", "ab".repeat(32));
        SampleRef base = new SampleRef("/s/a.wav", link, -3.5, 20, 1, 0);
        List<SampleRef> refs = List.of(base, new SampleRef("/s/a.wav"), new SampleRef("/s/b.wav", link, -3.5, 20, 1, 0),
                new SampleRef("/s/a.wav", null, -3.5, 20, 1, 0), new SampleRef("/s/a.wav", link, -3.0, 20, 1, 0),
                new SampleRef("/s/a.wav", link, -3.5, -20, 1, 0), new SampleRef("/s/a.wav", link, -3.5, 20, 2, 0),
                new SampleRef("/s/a.wav", link, -3.5, 20, 1, -1), new SampleRef("/s/a.wav", link, 0.0, 0, 0, -1),
                new SampleRef("/s/a.wav", link, -0.0, 0, 0, -1));
        for (SampleRef a : refs) {
            assertThat(a.hashCode()).as("%s", a).isEqualTo(Twin.of(a).hashCode());
            for (SampleRef b : refs)
                assertThat(a.equals(b)).as("%s vs %s", a, b).isEqualTo(Twin.of(a).equals(Twin.of(b)));
        }
        assertThat(base).isEqualTo(new SampleRef("/s/a.wav", link, -3.5, 20, 1, 0)).isNotEqualTo("/s/a.wav").isNotEqualTo(null);
    }
}
