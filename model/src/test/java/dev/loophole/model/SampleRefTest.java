package dev.loophole.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
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

    /** A component added to SampleRef must be added to the twin too (and so be compared the way a record compares it). */
    @Test
    void theTwinHasSampleRefsComponents() {
        assertThat(components(Twin.class)).isEqualTo(components(SampleRef.class));
    }

    /**
     * For each of SampleRef's components, found by reflection: a reference differing from another only there is not
     * equal to it. A component the written-out equals leaves out fails here, whatever its name.
     */
    @Test
    void everyComponentCountsInEquals() throws Exception {
        RecordComponent[] cs = SampleRef.class.getRecordComponents();
        Class<?>[] types = Arrays.stream(cs).map(RecordComponent::getType).toArray(Class<?>[]::new);
        var canonical = SampleRef.class.getDeclaredConstructor(types);
        SampleRef base = new SampleRef("/s/a.wav", new SampleRef.MediaLink("root-1", "a/b.wav", "ab".repeat(32)), -3.5, 20, 1, 0);
        for (int i = 0; i < cs.length; i++) {
            Object[] args = new Object[cs.length];
            for (int k = 0; k < cs.length; k++) args[k] = cs[k].getAccessor().invoke(base);
            args[i] = other(cs[i].getType(), args[i]);
            SampleRef changed = canonical.newInstance(args);
            assertThat(changed).as("differs only in %s", cs[i].getName()).isNotEqualTo(base);
            assertThat(base).as("differs only in %s", cs[i].getName()).isNotEqualTo(changed);
        }
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getType().getName() + " " + c.getName()).toList();
    }

    /** A valid value of {@code type} other than {@code value}. */
    private static Object other(Class<?> type, Object value) {
        if (type == String.class) return value + "x";
        if (type == double.class) return (Double) value + 1;
        if (type == int.class) return (Integer) value + 1;
        if (type == SampleRef.MediaLink.class) return new SampleRef.MediaLink("root-2", "a/b.wav", "cd".repeat(32));
        throw new AssertionError("a component of type " + type + ": say here how to make another value of it");
    }
}
