package dev.loophole.formats.sf2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Sf2SampleRefTest {
    @Test
    void roundTrips() {
        String uri = Sf2SampleRef.uri(Path.of("/banks/My Bank#2.sf2"), 17);
        assertThat(uri).isEqualTo("sf2:/banks/My Bank#2.sf2#17");
        Sf2SampleRef ref = Sf2SampleRef.parse(uri);
        assertThat(ref.bank()).isEqualTo(Path.of("/banks/My Bank#2.sf2"));
        assertThat(ref.sampleIndex()).isEqualTo(17);
        assertThat(Sf2SampleRef.isSf2("/x.wav")).isFalse();
    }

    @Test
    void rejectsMalformed() {
        assertThatThrownBy(() -> Sf2SampleRef.parse("/x.wav")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sf2SampleRef.parse("sf2:/x.sf2")).hasMessageContaining("#sampleIndex");
        assertThatThrownBy(() -> Sf2SampleRef.parse("sf2:/x.sf2#a")).hasMessageContaining("numeric");
        assertThatThrownBy(() -> Sf2SampleRef.parse("sf2:/x.sf2#-1")).hasMessageContaining("negative");
    }
}
